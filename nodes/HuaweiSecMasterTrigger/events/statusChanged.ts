import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import {
	DATA_OBJECT_CHOICES,
	type DataObjectFilters,
	dataObjectSearchBody,
	choiceOf,
	secMasterDate,
} from '../../HuaweiSecMaster/domain/searchFilters';
import { simplifyDataObject } from '../../HuaweiSecMaster/domain/records';
import { InputError } from '../../HuaweiSecMaster/parameters/inputErrors';
import { type PollRecord, secMasterTime } from '../shared/pollState';
import type { Scope } from '../shared/request';
import { checkedBody, combine, type DataObjectSearch, newestOf, searchSince } from '../shared/searchSince';
import type { TriggerEvent } from './types';

// Alert or Incident Status Changed. SecMaster keeps no history of a record's handle status,
// only the record's update_time (moved by every change) and close_time (stamped when it is
// closed). So records are searched by update_time, and a change is dated by close_time for
// Closed (each closing once, later edits of a closed record are not a change) and by
// update_time for Open and Block (any change while in that status counts).

const KINDS: Record<string, Array<'alerts' | 'incidents'>> = {
	alerts: ['alerts'],
	incidents: ['incidents'],
	both: ['alerts', 'incidents'],
};
const OBJECT_TYPE = { alerts: 'Alert', incidents: 'Incident' } as const;

interface StatusFilters {
	objects: string;
	statuses: string[];
	filters: DataObjectFilters;
}

function readFilters(context: IPollFunctions): StatusFilters {
	const node = context.getNode();
	try {
		const objects = choiceOf(context.getNodeParameter('statusObjects', 'both'), 'Watch', Object.keys(KINDS)) ?? 'both';
		const raw = context.getNodeParameter('handleStatuses', []) as unknown;
		const list = (Array.isArray(raw) ? raw : raw === '' || raw === undefined ? [] : [raw]) as unknown[];
		const statuses = list.map((status) => choiceOf(status, 'Statuses', DATA_OBJECT_CHOICES.handleStatus) as string);
		if (!statuses.length) throw new InputError('Statuses', 'Choose at least one status');
		const value = context.getNodeParameter('statusFilters', {}) as DataObjectFilters;
		const filters = { severity: value.severity ?? [], conditions: value.conditions ?? {} };
		return { objects, statuses: [...new Set(statuses)].sort(), filters };
	} catch (error) {
		// Only the choice checks above throw, each an InputError naming its field.
		const { field, message } = error as InputError;
		throw new NodeOperationError(node, message, { description: `Fix the "${field}" parameter of the trigger` });
	}
}

const dataOf = (row: IDataObject) => (row.data_object ?? {}) as IDataObject;
const updatedAt = (row: IDataObject) => secMasterTime(dataOf(row).update_time ?? row.update_time);

/** The time of the change to the record's current status, as SecMaster writes it. */
function changedAt(row: IDataObject): unknown {
	const data = dataOf(row);
	if (data.handle_status === 'Closed' && data.close_time) return data.close_time;
	return data.update_time ?? row.update_time;
}

/** Adds `[update_time, operator, date]` to the body's conditions, ANDed with the others. */
function andUpdated(body: IDataObject, operator: string, ms: number): void {
	const condition = (body.condition ?? { conditions: [], logics: [] }) as {
		conditions: Array<{ name: string; data: string[] }>;
		logics: string[];
	};
	const name = `condition_${condition.conditions.length}`;
	condition.conditions.push({ name, data: ['update_time', operator, secMasterDate(new Date(ms).toISOString(), 'From Date')] });
	condition.logics.push(...(condition.logics.length ? ['and', name] : [name]));
	body.condition = condition;
}

function search(context: IPollFunctions, kind: 'alerts' | 'incidents', chosen: StatusFilters, seenFrom: number): DataObjectSearch {
	const simplify = context.getNodeParameter('simplify', true) !== false;
	return {
		kind,
		what: `${kind} changed`,
		// update_time is not what from_date filters on (creation time), so it goes in the condition.
		body: ({ from, to }, order) => {
			const body = checkedBody(context, () =>
				dataObjectSearchBody({ ...chosen.filters, handleStatus: chosen.statuses, sortBy: 'update_time', order }),
			);
			if (from !== undefined) andUpdated(body, '>=', from);
			if (to !== undefined) andUpdated(body, '<=', to);
			return body;
		},
		timeOf: updatedAt,
		toRecord: (row): PollRecord | undefined => {
			const data = dataOf(row);
			const status = String(data.handle_status ?? '');
			if (!chosen.statuses.includes(status)) return undefined;
			const at = changedAt(row);
			// A closing older than the remembered keys was seen before (or is history): a later edit is no change.
			if (secMasterTime(at) < seenFrom) return undefined;
			// Created in this status: New Alert / New Incident are for that.
			if (secMasterTime(at) === secMasterTime(data.create_time ?? row.create_time)) return undefined;
			const id = String(row.id ?? data.id);
			const json = simplify ? { ...simplifyDataObject(row), object_type: OBJECT_TYPE[kind] } : row;
			return { key: `${kind}|${id}|${status}|${String(at)}`, time: updatedAt(row), json };
		},
	};
}

async function since(context: IPollFunctions, scope: Scope, fromMs: number, deadline: number, seenFrom: number) {
	const chosen = readFilters(context);
	const reads = [];
	for (const kind of KINDS[chosen.objects]) {
		reads.push(await searchSince(context, scope, search(context, kind, chosen, seenFrom), fromMs, deadline));
	}
	return combine(reads);
}

/** The most recent change among the newest page of each object. */
async function latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]> {
	const chosen = readFilters(context);
	let newest: PollRecord | undefined;
	for (const kind of KINDS[chosen.objects]) {
		const record = await newestOf(context, scope, search(context, kind, chosen, -Infinity), 100);
		if (record && (!newest || record.time > newest.time)) newest = record;
	}
	return newest ? [newest] : [];
}

export const statusChanged: TriggerEvent = {
	config: (context) => JSON.stringify(readFilters(context)),
	since,
	latest,
};
