import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dataObjectSearchBody } from '../domain/searchFilters';
import { nextToken, PAGE, records, searchLookup } from './lookup';

/**
 * Alerts or incidents for a resource locator: newest first, the filter matched against the
 * title (["title", "contains", …], as in Huawei's Terraform docs).
 */
async function searchDataObjects(
	context: ILoadOptionsFunctions,
	collection: 'alerts' | 'incidents',
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const conditions = filter ? { condition: [{ field: 'title', operator: 'contains', value: filter }] } : undefined;
	const body = { ...dataObjectSearchBody({ conditions }), offset, limit: PAGE };
	const found = records(await searchLookup(context, ['soc', collection, 'search'], body), 'data');
	return {
		results: found.map((record) => {
			const object = (record.data_object ?? {}) as IDataObject;
			const status = [object.severity, object.handle_status].filter(Boolean).join(' · ');
			return { name: `${String(object.title ?? record.id)}${status ? ` · ${status}` : ''}`, value: String(record.id ?? object.id) };
		}),
		paginationToken: nextToken(offset, found.length),
	};
}

export async function searchAlerts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchDataObjects(this, 'alerts', filter, paginationToken);
}

export async function searchIncidents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchDataObjects(this, 'incidents', filter, paginationToken);
}
