import type { IDataObject, ILoadOptionsFunctions, IN8nHttpFullResponse, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { alertSearchBody } from '../domain/searchFilters';
import { apiError } from '../transport/apiErrors';
import { CALL_OPTIONS, isSuccess } from '../transport/callOptions';
import { CREDENTIAL_TYPE } from '../transport/credentialType';
import { secMasterBaseUrl, workspacePath } from '../transport/url';
import { currentValue, nextToken, PAGE, records } from './lookup';

/**
 * One page of a SOC search (`POST …/soc/{kind}/search`, DataobjectSearch body: alerts, incidents)
 * for a list in the editor: titles containing `filter`, newest first.
 */
export async function searchPage(
	context: ILoadOptionsFunctions,
	kind: string,
	filter?: string,
	paginationToken?: string,
): Promise<{ found: IDataObject[]; paginationToken?: string }> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const projectId = String(credentials.projectId ?? '').trim();
	const workspaceId = currentValue(context, 'options.workspaceId') || String(credentials.workspaceId ?? '').trim();
	if (!projectId || !workspaceId) {
		throw new NodeOperationError(context.getNode(), 'Set the Project ID and the Workspace ID in the credential first');
	}
	const offset = Number(paginationToken ?? 0);
	const conditions = filter ? { condition: [{ field: 'title', operator: 'contains', value: filter }] } : undefined;
	const body = { ...alertSearchBody({ sortBy: 'create_time', order: 'DESC', conditions }), offset, limit: PAGE };
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
		method: 'POST',
		baseURL: secMasterBaseUrl(credentials),
		url: workspacePath(projectId, workspaceId, ['soc', kind, 'search']),
		headers: { Accept: 'application/json', 'Content-Type': 'application/json;charset=UTF-8' },
		body,
		...CALL_OPTIONS,
	})) as IN8nHttpFullResponse;
	if (!isSuccess(response)) throw apiError(context, response);
	const found = records(response.body as IDataObject, 'data');
	return { found, paginationToken: nextToken(offset, found.length) };
}

/** A SOC record (`{id, data_object: {title, severity, handle_status}}`) as a list entry. */
function entry(record: IDataObject) {
	const object = (record.data_object ?? {}) as IDataObject;
	const label = [object.title ?? record.id, object.severity, object.handle_status].filter((part) => part !== undefined && part !== null);
	return { name: label.map(String).join(' · '), value: String(record.id ?? object.id) };
}

export async function searchAlerts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { found, paginationToken: next } = await searchPage(this, 'alerts', filter, paginationToken);
	return { results: found.map(entry), paginationToken: next };
}
