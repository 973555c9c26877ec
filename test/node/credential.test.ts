import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { loaded, NODE_TYPE, nodeTypes } from '../helpers/engine';
import { testCredential } from '../helpers/credentialTester';
import { credentialTestMessage } from '../helpers/n8nVersion';
import {
	credentialsFor,
	EXPIRED_TOKEN,
	TOKEN,
	useSimulator,
	WS_PATH,
} from '../helpers/simulator';

const simulator = useSimulator();

describe('Huawei SecMaster API credential', () => {
	it('offers the 28 SecMaster regions, cn-north-4 by default, and masks the token', () => {
		const { properties } = loaded.credentials.huaweiSecMasterApi;
		const region = properties.find((property) => property.name === 'region')!;
		expect(region.default).toBe('cn-north-4');
		expect(region.options).toHaveLength(28);
		expect(properties.find((property) => property.name === 'token')!.typeOptions).toEqual({ password: true });
	});

	it('passes with a good token, project and workspace, reading one playbook of the workspace', async () => {
		const result = await testCredential(credentialsFor(simulator));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`${WS_PATH}/soc/playbooks?offset=0&limit=1`);
		expect(request.headers['x-auth-token']).toBe(TOKEN);
	});

	it.each([
		['a wrong token', { token: 'not-a-token' }, 401, /APIG\.0301.*wrong or expired IAM token/],
		['an expired token', { token: EXPIRED_TOKEN }, 401, /APIG\.0301.*wrong or expired IAM token/],
		['a wrong project', { projectId: 'f'.repeat(32) }, 403, /SecMaster\.20010001.*Project ID/],
		['a wrong workspace', { workspaceId: 'no-such-workspace' }, 403, /SecMaster\.20010001.*Workspace ID/],
	])('fails with %s, naming the cause', async (_name, overrides, status, message) => {
		const result = await testCredential(credentialsFor(simulator, overrides));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(credentialTestMessage(status, message));
		expect(result.message).not.toContain(TOKEN);
	});

	it.each([
		[{ region: 'ap-southeast-3', endpoint: '' }, 'https://secmaster.ap-southeast-3.myhuaweicloud.com'],
		[{ region: 'cn-north-4' }, 'https://secmaster.cn-north-4.myhuaweicloud.com'],
		[{ region: 'eu-west-101', endpoint: ' https://secmaster.eu-west-101.myhuaweicloud.eu/ ' }, 'https://secmaster.eu-west-101.myhuaweicloud.eu'],
	])('tests against the regional endpoint or the override (%j)', (credentials, expected) => {
		const { request } = loaded.credentials.huaweiSecMasterApi.test!;
		const node: INode = { id: 'n', name: 'n', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes({}) });
		const resolved = workflow.expression.getSimpleParameterValue(node, request.baseURL!, 'internal', {
			$credentials: credentials,
		});
		expect(resolved).toBe(expected);
	});
});
