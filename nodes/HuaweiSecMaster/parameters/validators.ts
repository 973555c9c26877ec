import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError, InputError } from './inputErrors';
import type { ItemContext } from './itemContext';
import { choiceOf, dataObjectSearchBody, instanceQuery, type DataObjectFilters } from '../domain/searchFilters';
import { shownValue } from '../transport/url';

function filtersOf(context: IExecuteSingleFunctions): IDataObject {
	return (context.getNodeParameter('filters', {}) ?? {}) as IDataObject;
}

/** Runs a pure builder for one item: its InputError becomes the error naming the field and the item. */
export function guarded<T>(context: ItemContext, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof InputError) throw parameterError(context, error.field, error.message);
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

/** Search Alerts and Search Incidents: the Filters collection into the JSON body. */
export async function dataObjectFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = guarded(this, () => dataObjectSearchBody(filtersOf(this) as DataObjectFilters));
	requestOptions.body = { ...((requestOptions.body as IDataObject) ?? {}), ...body };
	return requestOptions;
}

/**
 * n8n does not evaluate expressions in a field marked noDataExpression: it keeps
 * `={{ … }}` as the text `{{ … }}`. Said in the error, so the user knows why.
 */
export function notEvaluated(value: string): string {
	return /^\s*\{\{[\s\S]*\}\}\s*$/.test(value) ? ' (n8n does not evaluate expressions in this field)' : '';
}

/**
 * Resource and Operation, which n8n's declarative engine routes by: a value
 * outside the lists (an expression, kept as text) would build no request at
 * all and fail with n8n's bare "Invalid URL".
 */
export function knownOperation(operations: Record<string, string[]>): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const resource = String(this.getNodeParameter('resource', '') ?? '');
		const choices = operations[resource];
		if (!choices) {
			const list = Object.keys(operations).join(', ');
			const problem = `Resource must be one of ${list}; got "${shownValue(resource)}"${notEvaluated(resource)}`;
			throw parameterError(this, 'Resource', problem);
		}
		const operation = String(this.getNodeParameter('operation', '') ?? '');
		if (!choices.includes(operation)) {
			const problem = `Operation must be one of ${choices.join(', ')}; got "${shownValue(operation)}"${notEvaluated(operation)}`;
			throw parameterError(this, 'Operation', problem);
		}
		return requestOptions;
	};
}

/** For an options field that n8n's routing sends as it is: its value, which an expression can set, within the list. */
export function oneOf(parameter: string, field: string, choices: Array<string | number>): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const value = this.getNodeParameter(parameter, undefined) as unknown;
		guarded(this, () => choiceOf(typeof value === 'number' ? String(value) : value, field, choices.map(String)));
		return requestOptions;
	};
}
