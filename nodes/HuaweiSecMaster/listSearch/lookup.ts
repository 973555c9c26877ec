import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeApiError, readApiError } from '../shared/apiError';
import { CREDENTIAL_TYPE } from '../shared/transport';
import { secMasterBaseUrl, workspacePath } from '../shared/url';

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
	const options: IHttpRequestOptions = {
		method: 'GET',
		baseURL: secMasterBaseUrl(credentials),
		url,
		qs,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		options,
	)) as IN8nHttpFullResponse;
	if (response.statusCode >= 400 || typeof response.body !== 'object' || response.body === null) {
		const details = readApiError(response.statusCode, response.headers as IDataObject, response.body);
		const { message, description } = describeApiError(details);
		throw new NodeApiError(context.getNode(), { ...details } as unknown as IDataObject as never, { message, description });
	}
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
