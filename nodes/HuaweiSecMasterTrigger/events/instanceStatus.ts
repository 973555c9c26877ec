import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { secMasterDate } from '../../HuaweiSecMaster/domain/searchFilters';
import { PAGE_SIZE, PAGING_WINDOW } from '../../HuaweiSecMaster/domain/paging';
import { type PollRecord, secMasterTime } from '../shared/pollState';
import { readJson, type Scope } from '../shared/request';
import type { TriggerEvent } from './types';

/** Statuses a run ends in are dated by end_time; RUNNING by start_time. */
const ENDED = ['FAILED', 'FINISHED', 'TERMINATED'];

interface InstanceFilters {
	statuses: string[];
	playbookName: string;
}

function filters(context: IPollFunctions): InstanceFilters {
	const statuses = (context.getNodeParameter('statuses', []) as string[]).map((s) => String(s).toUpperCase());
	if (!statuses.length) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one status', {
			description: 'Fix the "Statuses" parameter of the trigger',
		});
	}
	const playbookName = String(context.getNodeParameter('instanceFilters.playbookName', '') ?? '').trim();
	return { statuses: [...new Set(statuses)].sort(), playbookName };
}

function timeField(status: string): 'end_time' | 'start_time' {
	return ENDED.includes(status) ? 'end_time' : 'start_time';
}

function matches(instance: IDataObject, status: string, playbookName: string): boolean {
	if (String(instance.status ?? '').toUpperCase() !== status) return false;
	if (!playbookName) return true;
	const name = String((instance.playbook as IDataObject | undefined)?.name ?? '');
	return name.toLowerCase() === playbookName.toLowerCase();
}

function toRecord(instance: IDataObject, status: string): PollRecord {
	const at = instance[timeField(status)];
	return { key: `${String(instance.id)}|${status}|${String(at)}`, time: secMasterTime(at), json: instance };
}

/** One status, every page; the instance list has no order parameter, so it is read whole. */
async function listStatus(
	context: IPollFunctions,
	scope: Scope,
	status: string,
	playbookName: string,
	fromMs?: number,
): Promise<PollRecord[]> {
	const qs: IDataObject = { status, limit: PAGE_SIZE };
	if (playbookName) qs.playbook_name = playbookName;
	if (fromMs !== undefined) {
		qs.from_date = secMasterDate(new Date(fromMs).toISOString(), 'From Date');
		qs.date_type = timeField(status) === 'end_time' ? 'END' : 'START';
	}
	const records: PollRecord[] = [];
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const body = await readJson(context, scope, {
			method: 'GET',
			path: ['soc', 'playbooks', 'instances'],
			qs: { ...qs, offset },
		});
		const count = Number(body.count ?? 0);
		if (count >= PAGING_WINDOW && fromMs !== undefined) {
			throw new NodeOperationError(context.getNode(), `${count} ${status} instances in one poll window`, {
				description: 'SecMaster cannot page past 10,000 records; filter by playbook or shorten the Late Arrival Window',
			});
		}
		const page = Array.isArray(body.instances) ? (body.instances as IDataObject[]) : [];
		for (const instance of page) if (matches(instance, status, playbookName)) records.push(toRecord(instance, status));
		if (fromMs === undefined || page.length < PAGE_SIZE || offset + PAGE_SIZE >= count) return records;
	}
}

async function since(context: IPollFunctions, scope: Scope, fromMs: number): Promise<PollRecord[]> {
	const { statuses, playbookName } = filters(context);
	const records: PollRecord[] = [];
	for (const status of statuses) records.push(...(await listStatus(context, scope, status, playbookName, fromMs)));
	return records;
}

/** The most recent change among the newest page of each status. */
async function latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]> {
	const { statuses, playbookName } = filters(context);
	let newest: PollRecord | undefined;
	for (const status of statuses) {
		for (const record of await listStatus(context, scope, status, playbookName)) {
			if (!newest || record.time > newest.time) newest = record;
		}
	}
	return newest ? [newest] : [];
}

export const instanceStatus: TriggerEvent = {
	config: (context) => JSON.stringify(filters(context)),
	since,
	latest,
};
