import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { requireId } from '../../parameters/readParameters';

/** Audit logs are listed by a POST whose body filters them to one instance. */
export async function auditLogFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const instanceId = requireId(this, 'instanceId', 'Instance ID');
	requestOptions.body = { ...(requestOptions.body as IDataObject), instance_id: instanceId };
	return requestOptions;
}
