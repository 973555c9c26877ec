import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { alertSearchDate, type DataObjectFilters, dataObjectSearchBody } from '../../HuaweiSecMaster/domain/searchFilters';
import { PAGE_SIZE, PAGING_WINDOW } from '../../HuaweiSecMaster/domain/paging';
import { simplifyDataObject } from '../../HuaweiSecMaster/domain/records';
import { InputError } from '../../HuaweiSecMaster/parameters/inputErrors';
import { type PollRecord, secMasterTime } from '../shared/pollState';
import { readJson, type Scope } from '../shared/request';
import type { TriggerEvent } from './types';

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

/** Alerts created from `fromMs` on, oldest first, until the poll's time budget runs short. */
async function since(context: IPollFunctions, scope: Scope, fromMs: number, deadline: number): Promise<PollRecord[]> {
	const base = searchBody(context, 'ASC');
	const records: PollRecord[] = [];
	let from = fromMs;
	let offset = 0;
	for (;;) {
		const body = { ...base, from_date: alertSearchDate(new Date(from).toISOString(), 'From Date'), offset, limit: PAGE_SIZE };
		const page = pageOf(await readJson(context, scope, { method: 'POST', path: ['soc', 'alerts', 'search'], body }));
		records.push(...page.map((alert) => toRecord(context, alert)));
		if (page.length < PAGE_SIZE || Date.now() > deadline) return records;
		offset += PAGE_SIZE;
		if (offset + PAGE_SIZE >= PAGING_WINDOW) {
			// Oldest first, so the rest starts at the last time read: go on from there.
			const last = records[records.length - 1].time;
			if (!(last > from)) {
				throw new NodeOperationError(context.getNode(), 'More than 9,999 alerts share one creation time', {
					description: 'SecMaster cannot page past 10,000 records; narrow the trigger\'s filters',
				});
			}
			from = last;
			offset = 0;
		}
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
