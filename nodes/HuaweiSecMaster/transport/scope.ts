import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { sendAuthenticated } from './authenticatedRequest';
import { apiError } from './apiErrors';
import { CALL_OPTIONS, isSuccess } from './callOptions';
import { parameterError, InputError } from '../parameters/inputErrors';
import type { ItemContext } from '../parameters/itemContext';
import { CREDENTIAL_TYPE, runCredentials } from './credentialType';
import { encodePathSegment, secMasterBaseUrl, workspacePath } from './url';
import { requireId } from '../parameters/readParameters';

export { CREDENTIAL_TYPE };

/** A GET with the credential's authentication, answering whatever status SecMaster sends. */
export async function authenticatedGet(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	request: { baseURL?: string; url: string; qs?: IDataObject },
): Promise<IN8nHttpFullResponse> {
	return await sendAuthenticated(context, {
		method: 'GET',
		...request,
		headers: { Accept: 'application/json' },
		...CALL_OPTIONS,
	});
}

/** authenticatedGet for a JSON object; anything else becomes the NodeApiError SecMaster's answer describes. */
export async function getJson(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	request: { baseURL?: string; url: string; qs?: IDataObject },
): Promise<IDataObject> {
	const response = await authenticatedGet(context, request);
	if (!isSuccess(response)) {
		throw apiError(context, response);
	}
	return response.body as IDataObject;
}

/** Display names of the parameters a URL template may name, for error messages. */
const PATH_PARAMETERS: Record<string, string> = {
	instanceId: 'Instance ID',
	playbookId: 'Playbook ID',
	alertId: 'Alert ID',
	incidentId: 'Incident ID',
	indicatorId: 'Indicator ID',
	versionId: 'Version ID',
	ruleId: 'Rule ID',
	workflowId: 'Workflow',
	workflowInstanceId: 'Workflow Instance ID',
};

/**
 * Turns an operation's URL template (`/soc/playbooks/instances/{instanceId}/operation`)
 * into the full request URL: endpoint from the credential, project and workspace
 * (or the node's workspace override), and each `{parameter}` validated and encoded.
 */
export async function resolveWorkspaceUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const scope = await workspaceScope(this);
	const segments: string[] = [];
	for (const segment of requestOptions.url.split('/').filter(Boolean)) {
		const name = /^\{(\w+)\}$/.exec(segment)?.[1];
		if (!name) segments.push(segment);
		else if (name === 'ruleId' && this.getNodeParameter('useVersionRule', false) === true) {
			segments.push(await versionRuleId(this, scope, async (request) => await getJson(this, request)));
		} else segments.push(requireId(this, name, PATH_PARAMETERS[name] ?? name));
	}
	requestOptions.baseURL = scope.baseUrl;
	requestOptions.url = workspacePath(scope.projectId, scope.workspaceId, segments);
	return requestOptions;
}

/** Project-level URLs (`/v1/{project}/workspaces`): the workspace list. */
export async function resolveProjectUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const credentials = await runCredentials(this);
	const projectId = String(credentials.projectId ?? '').trim();
	if (!projectId) throw parameterError(this, 'Project ID', 'The credential has no Project ID');
	requestOptions.baseURL = secMasterBaseUrl(credentials);
	requestOptions.url = `/v1/${encodePathSegment(projectId)}${requestOptions.url}`;
	return requestOptions;
}

export interface WorkspaceScope {
	baseUrl: string;
	projectId: string;
	workspaceId: string;
}

/** Endpoint, project and workspace from the credential; a given `override` is the workspace. */
export function scopeFrom(credentials: ICredentialDataDecryptedObject, override: string): WorkspaceScope {
	const projectId = String(credentials.projectId ?? '').trim();
	const workspaceId = override || String(credentials.workspaceId ?? '').trim();
	if (!projectId) throw new InputError('Project ID', 'The credential has no Project ID');
	if (!workspaceId) throw new InputError('Workspace ID', 'No Workspace ID in the credential or the options');
	return { baseUrl: secMasterBaseUrl(credentials), projectId, workspaceId };
}

/** One item's endpoint, project and workspace: the node's Workspace option when given, else the credential's. */
export function itemScope(context: ItemContext, credentials: ICredentialDataDecryptedObject): WorkspaceScope {
	const given = String(context.getNodeParameter('options.workspaceId', '', { extractValue: true }) ?? '');
	// Left blank, the option means "the credential's workspace"; given, it is an ID like any other.
	const override = given.trim() ? requireId(context, 'options.workspaceId', 'Workspace ID') : '';
	try {
		return scopeFrom(credentials, override);
	} catch (error) {
		const { field, message } = error as InputError;
		throw parameterError(context, field, message);
	}
}

async function workspaceScope(context: IExecuteSingleFunctions): Promise<WorkspaceScope> {
	return itemScope(context, await runCredentials(context));
}

/** A GET of a JSON object in the item's name; an error response throws its NodeApiError. */
export type JsonGet = (request: { baseURL: string; url: string }) => Promise<IDataObject>;

/** "The rule of playbook version X": the version carries its rule_id. */
export async function versionRuleId(context: ItemContext, scope: WorkspaceScope, get: JsonGet): Promise<string> {
	const versionId = requireId(context, 'versionId', 'Version ID');
	const body = await get({
		baseURL: scope.baseUrl,
		url: workspacePath(scope.projectId, scope.workspaceId, ['soc', 'playbooks', 'versions', versionId]),
	});
	const ruleId = (body.data as IDataObject | undefined)?.rule_id;
	if (typeof ruleId !== 'string' || !ruleId.trim()) {
		throw parameterError(context, 'Use the Version\'s Rule', `Playbook version ${versionId} has no rule`);
	}
	return ruleId.trim();
}
