// What n8n's CLI CredentialsTester does for a credential whose `test` is a
// request: a temporary node whose only property routes that request, run by the
// real RoutingNode, then the test's rules applied to the outcome.
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	ICredentialTestRequest,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_TYPE, loaded, makeAdditionalData, nodeTypes } from './engine';

export async function testCredential(data: IDataObject): Promise<INodeCredentialTestResult> {
	const credentialType = loaded.credentials[CREDENTIAL_TYPE];
	const test = credentialType.test as ICredentialTestRequest;
	const credentialsHelper = new TestCredentialsHelper(loaded.credentials, { [CREDENTIAL_TYPE]: data });
	const decrypted: ICredentialsDecrypted = {
		id: 'cred-1',
		name: 'SecMaster account',
		type: CREDENTIAL_TYPE,
		data: await credentialsHelper.getDecrypted(undefined, { id: 'cred-1', name: '' }, CREDENTIAL_TYPE),
	};

	const tempType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'SecMaster account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypes({ 'n8n-nodes-base.noOp': tempType }),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		makeAdditionalData(credentialsHelper),
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, tempType, decrypted).runNode();
	} catch (error) {
		const response = (error as { cause?: { response?: { status: number; statusText?: string } } }).cause?.response;
		if (response) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
