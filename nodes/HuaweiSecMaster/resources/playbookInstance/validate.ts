import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { choiceOf } from '../../domain/searchFilters';
import { guarded } from '../../parameters/validators';
import { requireId } from '../../parameters/readParameters';

/** The Sort options of Get Audit Logs: Huawei's SDKs list exactly these values of sort_key and sort_dir. */
export const AUDIT_SORT_CHOICES = {
	sortKey: { name: 'sort_key', field: 'Sort By', choices: ['start_time', 'end_time'] },
	sortDir: { name: 'sort_dir', field: 'Sort Direction', choices: ['asc', 'desc'] },
};

/** Query of Get Audit Logs from its Sort collection: only what is chosen. */
export function auditLogSortQuery(sort: IDataObject): IDataObject {
	const query: IDataObject = {};
	for (const [parameter, { name, field, choices }] of Object.entries(AUDIT_SORT_CHOICES)) {
		const value = choiceOf(sort[parameter], field, choices);
		if (value) query[name] = value;
	}
	return query;
}

/** Audit logs are listed by a POST whose body filters them to one instance; the sort goes in the query. */
export async function auditLogFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const instanceId = requireId(this, 'instanceId', 'Instance ID');
	const sort = guarded(this, () => auditLogSortQuery((this.getNodeParameter('sort', {}) ?? {}) as IDataObject));
	requestOptions.body = { ...(requestOptions.body as IDataObject), instance_id: instanceId };
	requestOptions.qs = { ...(requestOptions.qs ?? {}), ...sort };
	return requestOptions;
}
