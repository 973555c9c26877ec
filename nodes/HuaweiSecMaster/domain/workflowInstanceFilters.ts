import type { IDataObject } from 'n8n-workflow';

import { choiceOf, secMasterDate } from './searchFilters';
import { InputError } from '../parameters/inputErrors';

/** ListAopWorkflowInstanceRequest.status in Huawei's SDK. */
export const WORKFLOW_INSTANCE_STATUSES = ['FAILED', 'FINISHED', 'RETRYING', 'RUNNING', 'TERMINATED', 'TERMINATING'];

const ID_FILTERS: Record<string, { query: string; field: string }> = {
	workflowId: { query: 'workflow_id', field: 'Workflow ID' },
	playbookId: { query: 'playbook_id', field: 'Playbook ID' },
	dataobjectId: { query: 'dataobject_id', field: 'Data Object ID' },
};

/** Query of Workflow Instance → Get Many from its Filters collection (dates in the playbook-instance form, UTC). */
export function workflowInstanceQuery(filters: IDataObject): IDataObject {
	const query: IDataObject = {};
	for (const [key, { query: name, field }] of Object.entries(ID_FILTERS)) {
		const value = filters[key];
		if (value === undefined || value === '') continue;
		if (typeof value !== 'string') throw new InputError(field, `${field} must be text`);
		if (value.trim()) query[name] = value.trim();
	}
	const status = choiceOf(filters.status, 'Status', WORKFLOW_INSTANCE_STATUSES);
	if (status) query.status = status;
	const from = filters.fromDate ? secMasterDate(filters.fromDate, 'From Date') : undefined;
	const to = filters.toDate ? secMasterDate(filters.toDate, 'To Date') : undefined;
	if (from && to && Date.parse(to.slice(0, 24)) < Date.parse(from.slice(0, 24))) {
		throw new InputError('To Date', `To Date (${String(filters.toDate)}) is before From Date (${String(filters.fromDate)})`);
	}
	if (from) query.from_date = from;
	if (to) query.to_date = to;
	return query;
}
