/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-deprecated-workflow-functions -- test code runs in Node beside n8n, not inside it; it uses the legacy request helper on purpose, because n8n's HTTP Request node does */
// The credential on an API the node has no operation for, the way n8n's HTTP Request node uses it
// ("Predefined Credential Type"): n8n-nodes-base is not a dependency, so a stand-in node builds the
// legacy request options exactly as HttpRequestV3 does (uri, qs, body/form/formData, json false and
// a streamed answer for "autodetect") and hands them to n8n-core's real requestWithAuthentication.
// test/e2e/customApiCall.e2e.test.ts runs the real HTTP Request node in a real n8n.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, IRequestOptions } from 'n8n-workflow';
import { Readable } from 'node:stream';

import { runNode } from '../helpers/engine';
import { otherNode } from '../helpers/otherNode';
import { FIXTURE, PROJECT_ID, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

const KEY = (FIXTURE as unknown as { accessKeys: Array<{ ak: string; sk: string; securityToken?: string }> }).accessKeys.find((key) => !key.securityToken)!;
const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];
const AWAITING = (FIXTURE as unknown as { versions: Array<{ id: string; status: string }> }).versions.find((v) => v.status === 'APPROVING')!.id;
const PUBLISHED = (FIXTURE as unknown as { versions: Array<{ id: string; status: string }> }).versions.find((v) => v.status === 'PUBLISHED')!.id;
const APPROVALS = `${WS_PATH}/soc/playbooks/versions/approval`;

const scope = () => ({ projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4', endpoint: simulator.url });
const aksk = () => ({ ...scope(), authType: 'aksk', accessKeyId: KEY.ak, secretAccessKey: KEY.sk });
const password = (extra: IDataObject = {}) => ({
	...scope(),
	authType: 'password',
	domainName: USER.domainName,
	userName: USER.userName,
	password: USER.password,
	iamEndpoint: simulator.url,
	...extra,
});

/** HttpRequestV3's options for a predefined credential, response format "autodetect". */
function httpRequestOptions(method: string, uri: string, extra: Partial<IRequestOptions> = {}): IRequestOptions {
	return {
		headers: { accept: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7', ...extra.headers },
		method: method as IRequestOptions['method'],
		uri,
		gzip: true,
		rejectUnauthorized: true,
		followRedirect: true,
		followAllRedirects: true,
		resolveWithFullResponse: true,
		timeout: 300_000,
		encoding: null,
		json: false,
		useStream: true,
		...extra,
	} as IRequestOptions;
}

/** A node that sends the given request with the credential, as the HTTP Request node does, and outputs the answer. */
function standIn(build: () => IRequestOptions): INodeType {
	return otherNode(async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const response = (await this.helpers.requestWithAuthentication.call(this, 'huaweiSecMasterApi', build(), undefined, 0)) as {
			statusCode: number;
			body: Readable;
		};
		const text = await this.helpers.binaryToString(response.body as unknown as Buffer);
		return [[{ json: { statusCode: response.statusCode, body: JSON.parse(text) as IDataObject }, pairedItem: { item: 0 } }]];
	});
}

const call = async (credentials: IDataObject, build: () => IRequestOptions) =>
	await runNode({ parameters: {}, credentials, nodeType: standIn(build) });

describe('AK/SK: the HTTP Request node\'s request, signed as sent', () => {
	it('a GET with a query both in the URL and in Query Parameters', async () => {
		const result = await call(aksk(), () =>
			httpRequestOptions('GET', `${simulator.url}${APPROVALS}?approve_type=PLAYBOOK`, { qs: { resource_id: AWAITING } }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items![0].json).toEqual({ statusCode: 200, body: { code: '00000000', message: '', data: [] } });
		const [request] = simulator.requests;
		expect(simulator.requests).toHaveLength(1);
		expect(request).toMatchObject({ auth: 'aksk', route: 'listApprovals', pathname: APPROVALS, query: { approve_type: 'PLAYBOOK', resource_id: AWAITING } });
		expect(request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=/);
		expect(request.headers['x-auth-token']).toBeUndefined();
	});

	it('a POST with a JSON body: the bytes sent are the bytes signed, with a JSON content type', async () => {
		const body = { result: 'PASS', content: 'Reviewed by n8n — ok' };
		const result = await call(aksk(), () =>
			httpRequestOptions('POST', `${simulator.url}${WS_PATH}/soc/playbooks/versions/${AWAITING}/approval`, { body }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items![0].json).toEqual({ statusCode: 200, body: { code: '00000000', message: '', data: body } });
		const [request] = simulator.requests;
		expect(request).toMatchObject({ auth: 'aksk', route: 'approveVersion', method: 'POST', body: JSON.stringify(body) });
		expect(request.headers['content-type']).toBe('application/json');
	});

	it('a form-urlencoded body, a raw text body and a streamed binary body are each signed as sent', async () => {
		const url = `${simulator.url}${WS_PATH}/soc/playbooks/versions/${AWAITING}/approval`;
		const bodies: Array<[Partial<IRequestOptions>, string, string]> = [
			[{ form: { result: 'PASS', content: 'a b&c' } }, 'result=PASS&content=a+b%26c', 'application/x-www-form-urlencoded'],
			[{ body: 'plain text', headers: { 'content-type': 'text/plain' }, json: false }, 'plain text', 'text/plain'],
			[{ body: Readable.from([Buffer.from('{"result":'), Buffer.from('"PASS"}')]), headers: { 'content-type': 'application/json' } }, '{"result":"PASS"}', 'application/json'],
		];
		for (const [extra, sent, contentType] of bodies) {
			simulator.reset();
			await call(aksk(), () => httpRequestOptions('POST', url, extra));
			// The gateway accepted the signature; SecMaster then judges the body (JSON only, here).
			expect(simulator.requests.map((request) => [request.auth, request.body, request.headers['content-type']])).toEqual([['aksk', sent, contentType]]);
		}
		expect(simulator.requests[0].route).toBe('approveVersion');
	});

	it('refuses a body over the gateway\'s 12 MB, sending nothing', async () => {
		const result = await call(aksk(), () =>
			httpRequestOptions('POST', `${simulator.url}${APPROVALS}`, { body: Buffer.alloc(12 * 1024 * 1024 + 1, 0x20), headers: { 'content-type': 'application/octet-stream' } }),
		);
		expect(result.error?.message).toMatch(/12,582,913 bytes; the API gateway takes AK\/SK-signed bodies of at most 12 MB/);
		expect(simulator.requests).toHaveLength(0);
	});

	it('refuses a multipart body it cannot sign, sending nothing', async () => {
		const result = await call(aksk(), () =>
			httpRequestOptions('POST', `${simulator.url}${APPROVALS}`, { formData: { file: { value: Buffer.from('x'), options: { filename: 'x' } } } }),
		);
		expect(result.error?.message).toMatch(/multipart\/form-data body cannot be signed/);
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('IAM token and IAM user through the HTTP Request node', () => {
	it('IAM token: sent as X-Auth-Token', async () => {
		const result = await call({ ...scope(), authType: 'token', token: TOKEN }, () =>
			httpRequestOptions('GET', `${simulator.url}${APPROVALS}`, { qs: { resource_id: AWAITING } }),
		);
		expect(result.error).toBeUndefined();
		expect(simulator.requests.map((request) => [request.route, request.auth, request.headers['x-auth-token']])).toEqual([['listApprovals', 'token', TOKEN]]);
	});

	it('IAM user: n8n logs in, stores the token and sends it', async () => {
		const result = await call(password(), () => httpRequestOptions('GET', `${simulator.url}${APPROVALS}`, { qs: { resource_id: AWAITING } }));
		expect(result.error).toBeUndefined();
		const issued = (simulator.state.issuedTokens as Array<{ token: string }>)[0].token;
		expect(simulator.requests.map((request) => [request.route, request.headers['x-auth-token']])).toEqual([['iamTokens', undefined], ['listApprovals', issued]]);
		expect(result.credentialsHelper.stored('huaweiSecMasterApi').sessionToken).toBe(issued);
	});

	it('IAM user: a token IAM revoked early is renewed and the request sent once more', async () => {
		const stale = password({ sessionToken: 'revoked-by-iam', sessionTokenRenewAt: new Date(Date.now() + 86400000).toISOString() });
		const result = await call(stale, () => httpRequestOptions('GET', `${simulator.url}${APPROVALS}`, { qs: { resource_id: AWAITING } }));
		expect(result.error).toBeUndefined();
		const issued = (simulator.state.issuedTokens as Array<{ token: string }>)[0].token;
		expect(simulator.requests.map((request) => [request.route, request.headers['x-auth-token'] ?? null])).toEqual([
			['listApprovals', 'revoked-by-iam'],
			['iamValidateToken', 'revoked-by-iam'],
			['iamTokens', null],
			['listApprovals', issued],
		]);
	});

	it('IAM user: a refusal from SecMaster is not sent again', async () => {
		const result = await call(password(), () =>
			httpRequestOptions('POST', `${simulator.url}${WS_PATH}/soc/playbooks/versions/${PUBLISHED}/approval`, { body: { result: 'PASS' } }),
		);
		expect(result.error?.message).toBeDefined();
		// n8n asked for a new token after the 400; IAM still vouched for the one in use.
		expect(simulator.requests.map((request) => request.route)).toEqual(['iamTokens', 'approveVersion', 'iamValidateToken']);
		expect(simulator.state.issuedTokens).toHaveLength(1);
	});
});
