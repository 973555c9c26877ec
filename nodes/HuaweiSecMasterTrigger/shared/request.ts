import {
	type IDataObject,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type IPollFunctions,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import { apiError, isJsonObject } from '../../HuaweiSecMaster/shared/errors';
import { decide, type Failure, parseRetryAfter } from '../../HuaweiSecMaster/shared/retry';
import { failureOf } from '../../HuaweiSecMaster/shared/retrying';
import { pathIdProblem, secMasterBaseUrl, workspacePath } from '../../HuaweiSecMaster/shared/url';

const CREDENTIAL_TYPE = 'huaweiSecMasterApi';

export interface Scope {
	baseUrl: string;
	projectId: string;
	workspaceId: string;
}

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
	const projectId = String(credentials.projectId ?? '').trim();
	const workspaceId = override || String(credentials.workspaceId ?? '').trim();
	if (!projectId) throw new NodeOperationError(context.getNode(), 'The credential has no Project ID');
	if (!workspaceId) {
		throw new NodeOperationError(context.getNode(), 'No Workspace ID in the credential or the trigger\'s options');
	}
	return { baseUrl: secMasterBaseUrl(credentials), projectId, workspaceId };
}

function failureOfResponse(response: IN8nHttpFullResponse): Failure {
	const body = isJsonObject(response.body) ? (response.body as IDataObject) : {};
	const code = body.error_code ?? body.code;
	return {
		status: response.statusCode,
		code: typeof code === 'string' ? code : undefined,
		retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
	};
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
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		let failure: Failure;
		let lastError: Error;
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
				method: request.method,
				baseURL: scope.baseUrl,
				url: workspacePath(scope.projectId, scope.workspaceId, request.path),
				qs: request.qs,
				body: request.body,
				headers: {
					Accept: 'application/json',
					...(request.body ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
				},
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 60_000,
			})) as IN8nHttpFullResponse;
			if (response.statusCode < 400 && isJsonObject(response.body)) return response.body as IDataObject;
			failure = failureOfResponse(response);
			lastError = apiError(context, response);
		} catch (error) {
			failure = failureOf(error);
			lastError = error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
		}
		const decision = decide('read', failure, attempt, waited);
		if (decision.action === 'fail') throw lastError;
		await sleep(decision.delayMs);
		waited += decision.delayMs;
	}
}
