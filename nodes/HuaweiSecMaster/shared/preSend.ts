import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from './errors';
import { alertSearchBody, instanceQuery, type AlertFilters } from './filters';
import { RuleInputError } from './ruleBody';

function filtersOf(context: IExecuteSingleFunctions): IDataObject {
	return (context.getNodeParameter('filters', {}) ?? {}) as IDataObject;
}

function guarded<T>(context: IExecuteSingleFunctions, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof RuleInputError) throw parameterError(context, error.field, error.message);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
	}
}

/** List Instances: the Filters collection into the query string. */
export async function instanceFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const query = guarded(this, () => instanceQuery(filtersOf(this)));
	requestOptions.qs = { ...(requestOptions.qs ?? {}), ...query };
	return requestOptions;
}

/** Search Alerts: the Filters collection into the JSON body. */
export async function alertFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = guarded(this, () => alertSearchBody(filtersOf(this) as AlertFilters));
	requestOptions.body = { ...((requestOptions.body as IDataObject) ?? {}), ...body };
	return requestOptions;
}
