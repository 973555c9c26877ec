import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { parameterError } from './errors';
import { isDotSegment, secMasterBaseUrl, workspacePath } from './url';

export const CREDENTIAL_TYPE = 'huaweiSecMasterApi';

/** Display names of the parameters a URL template may name, for error messages. */
const PATH_PARAMETERS: Record<string, string> = {
	instanceId: 'Instance ID',
	versionId: 'Version ID',
	ruleId: 'Rule ID',
};

export function requireText(context: IExecuteSingleFunctions, name: string, field: string): string {
	const value = (context.getNodeParameter(name, '') as unknown) ?? '';
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw parameterError(context, field, `${field} must be text, not ${typeof value}`);
	}
	const trimmed = String(value).trim();
	if (!trimmed) throw parameterError(context, field, `${field} is empty`);
	return trimmed;
}

function requirePathId(context: IExecuteSingleFunctions, name: string, field: string): string {
	const id = requireText(context, name, field);
	if (isDotSegment(id)) throw parameterError(context, field, `${field} "${id}" is not an ID`);
	return id;
}

export function requireChoice(
	context: IExecuteSingleFunctions,
	name: string,
	field: string,
	choices: string[],
): string {
	const value = requireText(context, name, field);
	if (!choices.includes(value)) {
		throw parameterError(context, field, `${field} must be one of ${choices.join(', ')}; got "${value}"`);
	}
	return value;
}

/**
 * Turns an operation's URL template (`/soc/playbooks/instances/{instanceId}/operation`)
 * into the full request URL: endpoint from the credential, project and workspace
 * (or the node's workspace override), and each `{parameter}` validated and encoded.
 */
export async function resolveWorkspaceUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const segments = requestOptions.url
		.split('/')
		.filter(Boolean)
		.map((segment) => {
			const name = /^\{(\w+)\}$/.exec(segment)?.[1];
			return name ? requirePathId(this, name, PATH_PARAMETERS[name] ?? name) : segment;
		});
	const override = String(this.getNodeParameter('options.workspaceId', '') ?? '').trim();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const projectId = String(credentials.projectId ?? '').trim();
	const workspaceId = override || String(credentials.workspaceId ?? '').trim();
	if (!projectId) throw parameterError(this, 'Project ID', 'The credential has no Project ID');
	if (!workspaceId) throw parameterError(this, 'Workspace ID', 'No Workspace ID in the credential or the options');

	requestOptions.baseURL = secMasterBaseUrl(credentials);
	requestOptions.url = workspacePath(projectId, workspaceId, segments);
	return requestOptions;
}
