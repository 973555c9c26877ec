import type { IDataObject, ILoadOptionsFunctions, IN8nHttpFullResponse, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyIndicator } from '../domain/indicatorBody';
import { apiError } from '../transport/apiErrors';
import { CALL_OPTIONS, isSuccess } from '../transport/callOptions';
import { CREDENTIAL_TYPE } from '../transport/credentialType';
import { secMasterBaseUrl, workspacePath } from '../transport/url';
import { currentValue, nextToken, PAGE, records } from './lookup';

/** One POST /soc/indicators/search of the node's workspace, as the editor's list needs it. */
async function searchPage(context: ILoadOptionsFunctions, body: IDataObject): Promise<IDataObject[]> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const projectId = String(credentials.projectId ?? '').trim();
	const workspaceId = currentValue(context, 'options.workspaceId') || String(credentials.workspaceId ?? '').trim();
	if (!projectId || !workspaceId) {
		throw new NodeOperationError(context.getNode(), 'Set the Project ID and the Workspace ID in the credential first');
	}
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
		method: 'POST',
		baseURL: secMasterBaseUrl(credentials),
		url: workspacePath(projectId, workspaceId, ['soc', 'indicators', 'search']),
		headers: { Accept: 'application/json', 'Content-Type': 'application/json;charset=UTF-8' },
		body,
		...CALL_OPTIONS,
	})) as IN8nHttpFullResponse;
	if (!isSuccess(response)) throw apiError(context, response);
	return records(response.body as IDataObject, 'data').map(simplifyIndicator);
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
