import {
	type IDataObject,
	type IHttpRequestMethods,
	type IPollFunctions,
	NodeOperationError,
} from 'n8n-workflow';

import { sendAuthenticated } from '../../HuaweiSecMaster/transport/authenticatedRequest';
import { apiError } from '../../HuaweiSecMaster/transport/apiErrors';
import { CALL_OPTIONS, isSuccess } from '../../HuaweiSecMaster/transport/callOptions';
import { DEFAULT_LIMITS } from '../../HuaweiSecMaster/transport/retryPolicy';
import { withRetries } from '../../HuaweiSecMaster/transport/withRetries';
import type { InputError } from '../../HuaweiSecMaster/parameters/inputErrors';
import { CREDENTIAL_TYPE } from '../../HuaweiSecMaster/transport/credentialType';
import { scopeFrom, type WorkspaceScope } from '../../HuaweiSecMaster/transport/scope';
import { pathIdProblem, workspacePath } from '../../HuaweiSecMaster/transport/url';

export type Scope = WorkspaceScope;

/** Endpoint, project and workspace (the trigger's option overrides the credential's workspace). */
export async function pollScope(context: IPollFunctions): Promise<Scope> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const override = String(context.getNodeParameter('options.workspaceId', '') ?? '');
	const problem = override ? pathIdProblem(override) : undefined;
	if (problem) {
		throw new NodeOperationError(context.getNode(), `Workspace ID ${problem}`, {
			description: 'Fix the "Workspace ID" option of the trigger; no request was sent',
		});
	}
	try {
		return scopeFrom(credentials, override);
	} catch (error) {
		const { field, message } = error as InputError;
		throw new NodeOperationError(context.getNode(), message, {
			description: `Fix the "${field}" of the credential or the trigger's options`,
		});
	}
}

/**
 * A read in the workspace (GET, or the search POST). Throttling and unavailability are
 * retried with backoff, as the action node does for reads; anything else becomes the
 * NodeApiError SecMaster's answer describes.
 */
export async function readJson(
	context: IPollFunctions,
	scope: Scope,
	request: { method: IHttpRequestMethods; path: string[]; qs?: IDataObject; body?: IDataObject },
): Promise<IDataObject> {
	return await withRetries(context.getNode(), 'read', DEFAULT_LIMITS, async () => {
		const response = await sendAuthenticated(context, {
			method: request.method,
			baseURL: scope.baseUrl,
			url: workspacePath(scope.projectId, scope.workspaceId, request.path),
			qs: request.qs,
			body: request.body,
			headers: {
				Accept: 'application/json',
				...(request.body ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
			},
			...CALL_OPTIONS,
			timeout: 60_000,
		});
		if (!isSuccess(response)) throw apiError(context, response);
		return response.body as IDataObject;
	});
}
