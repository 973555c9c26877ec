import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { requireChoice, requireId } from '../../shared/transport';

// An expression can put any text into an options field; SecMaster knows only these two.
export async function validateOperationType(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const operation = requireChoice(this, 'operationType', 'Operation Type', ['RETRY', 'TERMINATE']);
	(requestOptions.body as IDataObject).operation = operation;
	return requestOptions;
}

/** Audit logs are listed by a POST whose body filters them to one instance. */
export async function auditLogFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const instanceId = requireId(this, 'instanceId', 'Instance ID');
	requestOptions.body = { ...(requestOptions.body as IDataObject), instance_id: instanceId };
	return requestOptions;
}
