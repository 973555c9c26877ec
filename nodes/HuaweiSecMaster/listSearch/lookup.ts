import type { IDataObject, IN8nHttpFullResponse, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../transport/apiErrors';
import { CALL_OPTIONS, isSuccess } from '../transport/callOptions';
import { CREDENTIAL_TYPE } from '../transport/credentialType';
import { getJson } from '../transport/scope';
import { secMasterBaseUrl, workspacePath } from '../transport/url';

export const PAGE = 50;

/** A parameter of the node being edited, or '' where it is not shown or not set. */
export function currentValue(context: ILoadOptionsFunctions, name: string): string {
	try {
		return String(context.getCurrentNodeParameter(name, { extractValue: true }) ?? '').trim();
	} catch {
		// n8n cannot extract a value from a parameter the current operation does not show.
		return '';
	}
}

/** A GET for a list in the editor: project-level (`workspaces`) or in the node's workspace. */
export async function lookup(
	context: ILoadOptionsFunctions,
	segments: string[],
	qs: IDataObject,
	scope: 'project' | 'workspace' = 'workspace',
): Promise<IDataObject> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const projectId = String(credentials.projectId ?? '').trim();
	const override = currentValue(context, 'options.workspaceId');
	const workspaceId = override || String(credentials.workspaceId ?? '').trim();
	if (!projectId || (scope === 'workspace' && !workspaceId)) {
		throw new NodeOperationError(context.getNode(), 'Set the Project ID and the Workspace ID in the credential first');
	}
	const url =
		scope === 'project'
			? `/v1/${encodeURIComponent(projectId)}/workspaces`
			: workspacePath(projectId, workspaceId, segments);
	return await getJson(context, { baseURL: secMasterBaseUrl(credentials), url, qs });
}

/** A search POST for a list in the editor (alerts, incidents, indicators), in the node's workspace. */
export async function searchLookup(context: ILoadOptionsFunctions, segments: string[], body: IDataObject): Promise<IDataObject> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const projectId = String(credentials.projectId ?? '').trim();
	const workspaceId = currentValue(context, 'options.workspaceId') || String(credentials.workspaceId ?? '').trim();
	if (!projectId || !workspaceId) {
		throw new NodeOperationError(context.getNode(), 'Set the Project ID and the Workspace ID in the credential first');
	}
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
		method: 'POST',
		baseURL: secMasterBaseUrl(credentials),
		url: workspacePath(projectId, workspaceId, segments),
		headers: { Accept: 'application/json', 'Content-Type': 'application/json;charset=UTF-8' },
		body,
		...CALL_OPTIONS,
	})) as IN8nHttpFullResponse;
	if (!isSuccess(response)) throw apiError(context, response);
	return response.body as IDataObject;
}

export function records(body: IDataObject, key: string): IDataObject[] {
	const list = body[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** The next page's token, when this page was full. */
export function nextToken(offset: number, count: number): string | undefined {
	return count === PAGE ? String(offset + PAGE) : undefined;
}
