import { type IDataObject, type INodeProperties, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { PAGE_SIZE, PAGING_WINDOW } from '../../HuaweiSecMaster/domain/paging';
import { type PollRecord, secMasterTime } from '../shared/pollState';
import { readJson, type Scope } from '../shared/request';
import type { Read, TriggerEvent, Unread } from './types';

// A workflow run that reached a final status. The instance list filters dates on the start of a
// run only (no date_type, unlike playbook instances), and a run that started long before the
// window can end inside it, so each status is read newest change first (sort_key update_time)
// until a whole page lies before the window.

const READABLE = PAGING_WINDOW - 1;
const STATUSES = ['FAILED', 'FINISHED', 'TERMINATED'];
const show = { show: { event: ['workflowInstanceStatus'] } };

export const workflowInstanceStatusFields: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'workflowStatuses',
		type: 'multiOptions',
		default: ['FAILED'],
		required: true,
		displayOptions: show,
		description: 'Start the workflow when a SecMaster workflow run ends in one of these statuses',
		options: [
			{ name: 'Failed', value: 'FAILED' },
			{ name: 'Finished', value: 'FINISHED' },
			{ name: 'Terminated', value: 'TERMINATED' },
		],
	},
	{
		displayName: 'Filters',
		name: 'workflowInstanceFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'string',
				default: '',
				description: 'Only runs of this workflow',
			},
		],
	},
];

interface Filters {
	statuses: string[];
	workflowId: string;
}

function filters(context: IPollFunctions): Filters {
	const chosen = (context.getNodeParameter('workflowStatuses', []) as string[]).map((s) => String(s).toUpperCase());
	const statuses = [...new Set(chosen)].sort();
	const bad = statuses.find((status) => !STATUSES.includes(status));
	if (!statuses.length || bad) {
		throw new NodeOperationError(context.getNode(), bad ? `Unknown status "${bad}"` : 'Choose at least one status', {
			description: `Fix the "Statuses" parameter of the trigger (${STATUSES.join(', ')})`,
		});
	}
	const workflowId = String(context.getNodeParameter('workflowInstanceFilters.workflowId', '') ?? '').trim();
	return { statuses, workflowId };
}

function toRecord(instance: IDataObject, status: string): PollRecord {
	const at = instance.end_time ?? instance.start_time;
	return { key: `${String(instance.id)}|${status}|${String(at)}`, time: secMasterTime(at), json: instance };
}

async function page(context: IPollFunctions, scope: Scope, status: string, workflowId: string, offset: number, limit: number) {
	const qs: IDataObject = { status, sort_key: 'update_time', sort_dir: 'DESC', offset, limit };
	if (workflowId) qs.workflow_id = workflowId;
	const body = await readJson(context, scope, { method: 'GET', path: ['soc', 'workflows', 'instances'], qs });
	const instances = Array.isArray(body.instances) ? (body.instances as IDataObject[]) : [];
	return instances.filter((instance) => String(instance.status ?? '').toUpperCase() === status).map((i) => toRecord(i, status));
}

/** The runs of one status that ended from `fromMs` on. */
async function listStatus(context: IPollFunctions, scope: Scope, status: string, workflowId: string, fromMs: number): Promise<Read> {
	const records: PollRecord[] = [];
	const unread: Unread[] = [];
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const limit = Math.min(PAGE_SIZE, READABLE - offset);
		if (limit <= 0) {
			// More changes since the window's start than one query can page through.
			unread.push({ time: fromMs, count: NaN, what: `${status} workflow instances` });
			break;
		}
		const got = await page(context, scope, status, workflowId, offset, limit);
		const fresh = got.filter((record) => record.time >= fromMs);
		records.push(...fresh);
		if (got.length < limit || !fresh.length) break;
	}
	return { records, unread };
}

async function since(context: IPollFunctions, scope: Scope, fromMs: number): Promise<Read> {
	const { statuses, workflowId } = filters(context);
	const read: Read = { records: [], unread: [] };
	for (const status of statuses) {
		const part = await listStatus(context, scope, status, workflowId, fromMs);
		read.records.push(...part.records);
		read.unread.push(...part.unread);
	}
	return read;
}

async function latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]> {
	const { statuses, workflowId } = filters(context);
	let newest: PollRecord | undefined;
	for (const status of statuses) {
		for (const record of await page(context, scope, status, workflowId, 0, PAGE_SIZE)) {
			if (!newest || record.time > newest.time) newest = record;
		}
	}
	return newest ? [newest] : [];
}

export const workflowInstanceStatus: TriggerEvent = {
	config: (context) => JSON.stringify(filters(context)),
	since,
	latest,
};
