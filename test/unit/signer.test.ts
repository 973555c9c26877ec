import {
	canonicalQuery,
	canonicalRequest,
	canonicalUri,
	EMPTY_BODY_SHA256,
	sdkDate,
	sha256Hex,
	signature,
	signRequest,
} from '../../nodes/HuaweiSecMaster/transport/signer';

// Test vectors from the Huawei Cloud SDKs' own test suites (AK "AccessKey", SK "SecretKey").
const SK = 'SecretKey';

function sign(method: string, pathname: string, query: Record<string, string>, headers: Record<string, string>, date: string, body = '') {
	const { request } = canonicalRequest({ method, pathname, query, signedHeaders: headers, body });
	return signature(SK, date, request);
}

describe('SDK test vectors', () => {
	const python = { host: 'service.endpoint.myhuaweicloud.com', 'x-sdk-date': '20200608T023900Z' };

	it('Python SDK: GET /resources?size=1', () => {
		expect(sign('GET', '/resources', { size: '1' }, python, '20200608T023900Z')).toBe(
			'cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
		);
	});

	it('Python SDK: POST with a JSON body', () => {
		expect(sign('POST', '/resources', { size: '1' }, python, '20200608T023900Z', '{"name":"test","id":1}')).toBe(
			'436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f',
		);
	});

	it('Go SDK: GET /path?limit=1, only x-sdk-date signed', () => {
		expect(sign('GET', '/path', { limit: '1' }, { 'X-Sdk-Date': '20060102T150405Z' }, '20060102T150405Z')).toBe(
			'5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
		);
	});

	it('Go SDK: POST with a body ending in a newline', () => {
		expect(
			sign('POST', '/path', { key: 'value' }, { 'X-Sdk-Date': '20060102T150405Z' }, '20060102T150405Z', '{"Name":"test","Id":1}\n'),
		).toBe('cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
	});

	it('query encoding', () => {
		expect(
			canonicalQuery({ limit: 1, enable: true, test: '一 (&=?!#%.*)', path: '/tmp/123', multi: [3, 1, 2] }),
		).toBe('enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29');
	});
});

describe('canonical parts', () => {
	it('decodes then re-encodes each path segment and adds the trailing slash', () => {
		expect(canonicalUri('/v1/p/instances/a%2Fb/operation')).toBe('/v1/p/instances/a%2Fb/operation/');
		expect(canonicalUri('/a%20b/%E5%AE%9E')).toBe('/a%20b/%E5%AE%9E/');
		expect(canonicalUri('/x/')).toBe('/x/');
	});

	it('hashes an empty body as the empty string', () => {
		expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
	});

	it('formats X-Sdk-Date in UTC', () => {
		expect(sdkDate(new Date('2026-11-23T04:05:06.789Z'))).toBe('20261123T040506Z');
	});
});

describe('signRequest', () => {
	const base = {
		method: 'POST',
		url: 'http://127.0.0.1:8787/v1/p1/workspaces/w1/soc/playbooks/instances/i1/operation',
		body: '{"operation":"RETRY"}',
		accessKeyId: 'AK1',
		secretAccessKey: SK,
		projectId: 'p1',
		date: new Date('2026-11-23T04:05:06Z'),
	};

	it('signs host (with its port), x-project-id and x-sdk-date', () => {
		const headers = signRequest(base);
		expect(headers).toMatchObject({ Host: '127.0.0.1:8787', 'X-Project-Id': 'p1', 'X-Sdk-Date': '20261123T040506Z' });
		expect(headers.Authorization).toMatch(
			/^SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
		);
	});

	it('signs the security token of temporary keys', () => {
		expect(signRequest({ ...base, securityToken: 'st' }).Authorization).toContain(
			'SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,',
		);
	});

	it('changes with every byte of the body, the query and the date', () => {
		const original = signRequest(base).Authorization;
		expect(signRequest({ ...base, body: '{"operation":"RETRY"} ' }).Authorization).not.toBe(original);
		expect(signRequest({ ...base, query: { a: '1' } }).Authorization).not.toBe(original);
		expect(signRequest({ ...base, date: new Date('2026-11-23T04:05:07Z') }).Authorization).not.toBe(original);
		expect(signRequest(base).Authorization).toBe(original);
	});
});

describe('whole requests, against signatures of the official signer', () => {
	// Computed by AKSKSigner of @huaweicloud/huaweicloud-sdk-core (test/helpers/officialSigner.ts).
	const date = new Date('2026-11-23T04:05:06Z');
	const host = 'https://secmaster.cn-north-4.myhuaweicloud.com';

	it('a GET without body, project ID or token signs only host and x-sdk-date', () => {
		expect(
			signRequest({
				method: 'GET',
				url: `${host}/v1/p1/workspaces/w1/soc/playbooks`,
				query: { offset: '0', limit: '10' },
				accessKeyId: 'AK1',
				secretAccessKey: SK,
				date,
			}),
		).toEqual({
			'X-Sdk-Date': '20261123T040506Z',
			Host: 'secmaster.cn-north-4.myhuaweicloud.com',
			Authorization:
				'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=b65904ab191f00fba8bc555dc73831b4c4a3d9155d933bcf61591593caa659c8',
		});
	});

	it('a POST with temporary keys signs project ID and security token too', () => {
		const headers = signRequest({
			method: 'POST',
			url: `${host}/v1/p1/workspaces/w1/soc/playbooks/instances/i1/operation`,
			body: '{"operation":"RETRY"}',
			accessKeyId: 'AK1',
			secretAccessKey: SK,
			projectId: 'p1',
			securityToken: 'st',
			date,
		});
		expect(headers.Authorization).toBe(
			'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=f305f06aee3cd662ede98331cb488a7fbef11b9e508287db5cacfc3de85bd56e',
		);
	});
});

describe('canonical query and path, edge cases', () => {
	it('leaves out parameters without a value', () => {
		expect(canonicalQuery({ a: '1', b: undefined, c: null, d: '' })).toBe('a=1&d=');
	});

	it('orders the values of one key, whatever order they come in', () => {
		expect(canonicalQuery({ m: ['b', 'c', 'a'] })).toBe('m=a&m=b&m=c');
		expect(canonicalQuery({ m: [10, 9, 1] })).toBe('m=1&m=10&m=9');
	});

	it('orders keys after encoding them', () => {
		expect(canonicalQuery({ b: '1', a: '2', 'A~': '3', ä: '4' })).toBe('%C3%A4=4&A~=3&a=2&b=1');
	});

	it('keeps a segment that is not valid percent-encoding as text, encoding its "%"', () => {
		expect(canonicalUri('/v1/a%zz/b%E5')).toBe('/v1/a%25zz/b%25E5/');
	});

	it('signs a missing body as an empty one', () => {
		const input = { method: 'get', pathname: '/x', signedHeaders: { 'X-Sdk-Date': ' 20260101T000000Z ' } };
		const { request, signedHeaderNames } = canonicalRequest(input);
		expect(request).toBe(`GET\n/x/\n\nx-sdk-date:20260101T000000Z\n\nx-sdk-date\n${EMPTY_BODY_SHA256}`);
		expect(signedHeaderNames).toBe('x-sdk-date');
		expect(canonicalRequest({ ...input, body: Buffer.alloc(0) }).request).toBe(request);
	});
});
