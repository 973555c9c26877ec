import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { alertSearchDate, type DataObjectFilters, dataObjectSearchBody } from '../../HuaweiSecMaster/domain/searchFilters';
import { PAGE_SIZE, PAGING_WINDOW } from '../../HuaweiSecMaster/domain/paging';
import { simplifyDataObject } from '../../HuaweiSecMaster/domain/records';
import { InputError } from '../../HuaweiSecMaster/parameters/inputErrors';
import { type PollRecord, secMasterTime } from '../shared/pollState';
import { readJson, type Scope } from '../shared/request';
import type { Read, TriggerEvent, Unread } from './types';

function filters(context: IPollFunctions): DataObjectFilters {
	const value = context.getNodeParameter('alertFilters', {}) as DataObjectFilters;
	return {
		severity: value.severity ?? [],
		handleStatus: value.handleStatus ?? [],
		conditions: value.conditions ?? {},
	};
}

function searchBody(context: IPollFunctions, order: 'ASC' | 'DESC'): IDataObject {
	try {
		return dataObjectSearchBody({ ...filters(context), sortBy: 'create_time', order });
	} catch (error) {
		const field = error instanceof InputError ? error.field : 'Filters';
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: `Fix the "${field}" filter of the trigger`,
		});
	}
}

function toRecord(context: IPollFunctions, alert: IDataObject): PollRecord {
	const simplify = context.getNodeParameter('simplify', true) !== false;
	return {
		key: String(alert.id ?? (alert.data_object as IDataObject | undefined)?.id ?? JSON.stringify(alert)),
		time: secMasterTime(alert.create_time ?? (alert.data_object as IDataObject | undefined)?.create_time),
		json: simplify ? simplifyDataObject(alert) : alert,
	};
}

function pageOf(body: IDataObject): IDataObject[] {
	return Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
}

/**
 * Alerts created from `fromMs` on, oldest first, until the poll's time budget runs short.
 * SecMaster pages through 9,999 records of a query only, so a full window goes on from the
 * last creation time read.
 */
async function since(context: IPollFunctions, scope: Scope, fromMs: number, deadline: number): Promise<Read> {
	const base = searchBody(context, 'ASC');
	const search = async (body: IDataObject) =>
		await readJson(context, scope, { method: 'POST', path: ['soc', 'alerts', 'search'], body });
	const date = (ms: number) => alertSearchDate(new Date(ms).toISOString(), 'From Date');
	const records: PollRecord[] = [];
	const unread: Unread[] = [];
	let from = fromMs;
	let offset = 0;
	for (;;) {
		const limit = Math.min(PAGE_SIZE, PAGING_WINDOW - 1 - offset);
		const page = pageOf(await search({ ...base, from_date: date(from), offset, limit }));
		records.push(...page.map((alert) => toRecord(context, alert)));
		if (page.length < limit) return { records, unread };
		const last = records[records.length - 1].time;
		if (Date.now() > deadline) return { records, unread, horizon: Number.isFinite(last) ? last : undefined };
		offset += limit;
		if (offset + 1 < PAGING_WINDOW) continue;
		if (last > from) {
			from = last;
		} else {
			// The whole window shares one creation time: the rest of it cannot be asked for.
			const group = await search({ ...base, from_date: date(from), to_date: date(from), offset: 0, limit: 1 });
			unread.push({ time: from, count: Number(group.total) - offset, what: 'alerts' });
			from += 1;
		}
		offset = 0;
	}
}

async function latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]> {
	const body = { ...searchBody(context, 'DESC'), offset: 0, limit: 1 };
	const page = pageOf(await readJson(context, scope, { method: 'POST', path: ['soc', 'alerts', 'search'], body }));
	return page.map((alert) => toRecord(context, alert));
}

export const newAlert: TriggerEvent = {
	config: (context) => JSON.stringify(filters(context)),
	since,
	latest,
};
