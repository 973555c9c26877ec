import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { PAGE_SIZE, PAGING_WINDOW } from '../../HuaweiSecMaster/domain/paging';
import { InputError } from '../../HuaweiSecMaster/parameters/inputErrors';
import type { Read, Unread } from '../events/types';
import type { PollRecord } from './pollState';
import { readJson, type Scope } from './request';

/** Bounds of one search on its time field, both inclusive, epoch ms. */
export interface Bounds {
	from?: number;
	to?: number;
}

/**
 * One search of SecMaster's data objects (POST WS/soc/{kind}/search), sorted on one time
 * field. `body` builds the request for a time range; `timeOf` reads that field of a result.
 */
export interface DataObjectSearch {
	kind: 'alerts' | 'incidents';
	/** For the log note about records that cannot be paged out ("alerts", "incidents"). */
	what: string;
	body(bounds: Bounds, order: 'ASC' | 'DESC'): IDataObject;
	timeOf(row: IDataObject): number;
	/** The trigger event a result is, or undefined when it is none. */
	toRecord(row: IDataObject): PollRecord | undefined;
}

/** A filter that cannot be sent fails the poll before any request, naming the field. */
export function checkedBody(context: IPollFunctions, build: () => IDataObject): IDataObject {
	try {
		return build();
	} catch (error) {
		const field = error instanceof InputError ? error.field : 'Filters';
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: `Fix the "${field}" filter of the trigger`,
		});
	}
}

function pageOf(body: IDataObject): IDataObject[] {
	return Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
}

async function ask(context: IPollFunctions, scope: Scope, search: DataObjectSearch, body: IDataObject) {
	return await readJson(context, scope, { method: 'POST', path: ['soc', search.kind, 'search'], body });
}

/**
 * Every record with its time from `fromMs` on, oldest first, until the poll's time budget runs
 * short. SecMaster pages through 9,999 records of a query only, so a full window goes on from
 * the last time read; a window that all shares one time is counted and logged, then skipped.
 */
export async function searchSince(
	context: IPollFunctions,
	scope: Scope,
	search: DataObjectSearch,
	fromMs: number,
	deadline: number,
): Promise<Read> {
	const records: PollRecord[] = [];
	const unread: Unread[] = [];
	let from = fromMs;
	let offset = 0;
	for (;;) {
		const limit = Math.min(PAGE_SIZE, PAGING_WINDOW - 1 - offset);
		const page = pageOf(await ask(context, scope, search, { ...search.body({ from }, 'ASC'), offset, limit }));
		for (const row of page) {
			const record = search.toRecord(row);
			if (record) records.push(record);
		}
		if (page.length < limit) return { records, unread };
		const last = search.timeOf(page[page.length - 1]);
		if (Date.now() > deadline) return { records, unread, horizon: Number.isFinite(last) ? last : undefined };
		offset += limit;
		if (offset + 1 < PAGING_WINDOW) continue;
		if (last > from) {
			from = last;
		} else {
			const group = await ask(context, scope, search, { ...search.body({ from, to: from }, 'ASC'), offset: 0, limit: 1 });
			unread.push({ time: from, count: Number(group.total) - offset, what: search.what });
			from += 1;
		}
		offset = 0;
	}
}

/**
 * The newest record, for Fetch Test Event: the first of the newest page that is an event
 * (`pageSize` 1 where every result is one).
 */
export async function newestOf(
	context: IPollFunctions,
	scope: Scope,
	search: DataObjectSearch,
	pageSize: number,
): Promise<PollRecord | undefined> {
	const page = pageOf(await ask(context, scope, search, { ...search.body({}, 'DESC'), offset: 0, limit: pageSize }));
	for (const row of page) {
		const record = search.toRecord(row);
		if (record) return record;
	}
	return undefined;
}

/** Reads of several searches as one: each read at least a page further, records kept before the earliest horizon. */
export function combine(reads: Read[]): Read {
	const read: Read = { records: [], unread: [] };
	for (const part of reads) {
		read.records.push(...part.records);
		read.unread.push(...part.unread);
		if (part.horizon !== undefined) read.horizon = Math.min(read.horizon ?? Infinity, part.horizon);
	}
	return read;
}
