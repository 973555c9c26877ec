import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { type DataObjectFilters, dataObjectSearchBody, alertSearchDate } from '../../HuaweiSecMaster/domain/searchFilters';
import { simplifyDataObject } from '../../HuaweiSecMaster/domain/records';
import { secMasterTime } from '../shared/pollState';
import type { Scope } from '../shared/request';
import { checkedBody, type DataObjectSearch, newestOf, searchSince } from '../shared/searchSince';
import type { TriggerEvent } from './types';

// New Alert and New Incident: records created in the workspace, found by creation time
// (from_date/to_date of the search, as Huawei's SDK documents them), keyed by ID.

function filters(context: IPollFunctions, parameter: string): DataObjectFilters {
	const value = context.getNodeParameter(parameter, {}) as DataObjectFilters;
	return {
		severity: value.severity ?? [],
		handleStatus: value.handleStatus ?? [],
		conditions: value.conditions ?? {},
	};
}

const createdAt = (row: IDataObject) =>
	secMasterTime(row.create_time ?? (row.data_object as IDataObject | undefined)?.create_time);

function search(context: IPollFunctions, kind: 'alerts' | 'incidents', parameter: string): DataObjectSearch {
	const chosen = filters(context, parameter);
	const simplify = context.getNodeParameter('simplify', true) !== false;
	const date = (ms: number, field: string) => alertSearchDate(new Date(ms).toISOString(), field);
	return {
		kind,
		what: kind,
		body: ({ from, to }, order) => {
			const body = checkedBody(context, () => dataObjectSearchBody({ ...chosen, sortBy: 'create_time', order }));
			if (from !== undefined) body.from_date = date(from, 'From Date');
			if (to !== undefined) body.to_date = date(to, 'To Date');
			return body;
		},
		timeOf: createdAt,
		toRecord: (row) => ({
			key: String(row.id ?? (row.data_object as IDataObject | undefined)?.id ?? JSON.stringify(row)),
			time: createdAt(row),
			json: simplify ? simplifyDataObject(row) : row,
		}),
	};
}

export function newRecordsEvent(kind: 'alerts' | 'incidents', parameter: string): TriggerEvent {
	return {
		config: (context) => JSON.stringify(filters(context, parameter)),
		since: async (context, scope: Scope, fromMs, deadline) =>
			await searchSince(context, scope, search(context, kind, parameter), fromMs, deadline),
		latest: async (context, scope) => {
			const newest = await newestOf(context, scope, search(context, kind, parameter), 1);
			return newest ? [newest] : [];
		},
	};
}
