import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { secMasterDate } from '../../HuaweiSecMaster/domain/searchFilters';
import { PAGE_SIZE, PAGING_WINDOW } from '../../HuaweiSecMaster/domain/paging';
import { type PollRecord, secMasterTime } from '../shared/pollState';
import { readJson, type Scope } from '../shared/request';
import type { Read, TriggerEvent, Unread } from './types';

/** Statuses a run ends in are dated by end_time; RUNNING by start_time. */
const ENDED = ['FAILED', 'FINISHED', 'TERMINATED'];
/** The most records one query can page through: limit + offset must stay below the window. */
const READABLE = PAGING_WINDOW - 1;

interface InstanceFilters {
	statuses: string[];
	playbookName: string;
}

/**
 * A time range of the query, both ends inclusive (SecMaster's own examples end a day at
 * 23:59:59.999). An open range (no `to`) covers `width` ms when it has to be split, and its
 * remainder twice as much, so records dated far ahead of n8n's clock cost a few requests.
 */
interface Range {
	from: number;
	to?: number;
	width: number;
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

const dateOf = (ms: number, field: string) => secMasterDate(new Date(ms).toISOString(), field);

/** Two halves of a range, oldest first; an open range keeps an open remainder. */
function split(range: Range): Range[] {
	if (range.to === undefined) {
		const to = range.from + range.width;
		return [...split({ from: range.from, to, width: range.width }), { from: to + 1, width: range.width * 2 }];
	}
	const mid = Math.floor((range.from + range.to) / 2);
	return [
		{ from: range.from, to: mid, width: range.width },
		{ from: mid + 1, to: range.to, width: range.width },
	];
}

type Query = (range: Range | undefined, offset: number, limit: number) => Promise<{ count: number; page: IDataObject[] }>;

function query(context: IPollFunctions, scope: Scope, status: string, playbookName: string): Query {
	const base: IDataObject = { status };
	if (playbookName) base.playbook_name = playbookName;
	return async (range, offset, limit) => {
		const qs: IDataObject = { ...base, limit, offset };
		if (range) {
			qs.from_date = dateOf(range.from, 'From Date');
			if (range.to !== undefined) qs.to_date = dateOf(range.to, 'To Date');
			qs.date_type = timeField(status) === 'end_time' ? 'END' : 'START';
		}
		const body = await readJson(context, scope, { method: 'GET', path: ['soc', 'playbooks', 'instances'], qs });
		const page = Array.isArray(body.instances) ? (body.instances as IDataObject[]) : [];
		return { count: Number(body.count ?? 0), page };
	};
}

/**
 * Every instance of one status changed from `fromMs` on. A range with more than SecMaster can
 * page through is split in halves until each part fits; the parts are read oldest first, so
 * a poll that runs out of time has read everything before the end of the last part it read.
 */
async function listStatus(
	context: IPollFunctions,
	scope: Scope,
	status: string,
	playbookName: string,
	fromMs: number,
	deadline: number,
): Promise<Read> {
	const ask = query(context, scope, status, playbookName);
	const records: PollRecord[] = [];
	const unread: Unread[] = [];
	const parts: Range[] = [{ from: fromMs, width: Math.max(Date.now() - fromMs, 1000) }];
	while (parts.length) {
		const range = parts.shift()!;
		let { count, page } = await ask(range, 0, PAGE_SIZE);
		if (count > READABLE && range.to !== range.from) {
			parts.unshift(...split(range));
			continue;
		}
		for (let offset = 0; ; ) {
			for (const instance of page) if (matches(instance, status, playbookName)) records.push(toRecord(instance, status));
			offset += page.length;
			const limit = Math.min(PAGE_SIZE, READABLE - offset);
			if (page.length === 0 || offset >= count || limit <= 0) break;
			({ count, page } = await ask(range, offset, limit));
		}
		// One millisecond holding more than the window: the rest cannot be asked for.
		if (count > READABLE) unread.push({ time: range.from, count: count - READABLE, what: `${status} instances` });
		// Only the open remainder is ever last, so a range followed by others is closed.
		if (parts.length && Date.now() > deadline) return { records, unread, horizon: range.to! + 1 };
	}
	return { records, unread };
}

/**
 * Each status is read at least one part further, so a poll that runs short of time still
 * moves on; the records kept are those before the earliest status's horizon.
 */
async function since(context: IPollFunctions, scope: Scope, fromMs: number, deadline: number): Promise<Read> {
	const { statuses, playbookName } = filters(context);
	const read: Read = { records: [], unread: [] };
	for (const status of statuses) {
		const part = await listStatus(context, scope, status, playbookName, fromMs, deadline);
		read.records.push(...part.records);
		read.unread.push(...part.unread);
		if (part.horizon !== undefined) read.horizon = Math.min(read.horizon ?? Infinity, part.horizon);
	}
	return read;
}

/** The most recent change among the newest page of each status. */
async function latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]> {
	const { statuses, playbookName } = filters(context);
	let newest: PollRecord | undefined;
	for (const status of statuses) {
		const { page } = await query(context, scope, status, playbookName)(undefined, 0, PAGE_SIZE);
		for (const instance of page) {
			if (!matches(instance, status, playbookName)) continue;
			const record = toRecord(instance, status);
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
