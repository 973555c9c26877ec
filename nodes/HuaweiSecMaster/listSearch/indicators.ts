import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { simplifyIndicator } from '../domain/indicatorBody';
import { nextToken, PAGE, records, searchLookup } from './lookup';

/** One POST /soc/indicators/search of the node's workspace, as the editor's list needs it. */
async function searchPage(context: ILoadOptionsFunctions, body: IDataObject): Promise<IDataObject[]> {
	return records(await searchLookup(context, ['soc', 'indicators', 'search'], body), 'data').map(simplifyIndicator);
}

const contains = (field: string, filter: string) => ({
	conditions: [{ name: field, data: [field, 'contains', filter] }],
	logics: [field],
});

const newestFirst = (a: IDataObject, b: IDataObject) => String(b.create_time ?? '').localeCompare(String(a.create_time ?? ''));

/**
 * The workspace's indicators, newest first. A filter is looked for in the name and in the value:
 * two searches with one "contains" condition each (the form Huawei's live tests use; no source
 * shows "or"), merged.
 */
export async function searchIndicators(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const toResult = (indicator: IDataObject) => ({
		name: `${String(indicator.name ?? indicator.id)} · ${String(indicator.value ?? '')}`,
		value: String(indicator.id),
	});
	if (!text) {
		const offset = Number(paginationToken ?? 0);
		const page = await searchPage(this, { offset, limit: PAGE });
		return { results: page.map(toResult), paginationToken: nextToken(offset, page.length) };
	}
	const [byName, byValue] = await Promise.all(
		['name', 'value'].map(async (field) => await searchPage(this, { offset: 0, limit: PAGE, condition: contains(field, text) })),
	);
	const unique = new Map([...byName, ...byValue].map((indicator) => [String(indicator.id), indicator]));
	return { results: [...unique.values()].sort(newestFirst).map(toResult) };
}
