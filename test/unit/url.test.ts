import { encodePathSegment, secMasterBaseUrl, workspacePath } from '../../nodes/HuaweiSecMaster/shared/url';

describe('secMasterBaseUrl', () => {
	it('builds the regional endpoint', () => {
		expect(secMasterBaseUrl({ region: 'ap-southeast-3' })).toBe('https://secmaster.ap-southeast-3.myhuaweicloud.com');
	});

	it('prefers a trimmed endpoint override without trailing slashes', () => {
		expect(secMasterBaseUrl({ region: 'cn-north-4', endpoint: ' http://127.0.0.1:8787// ' })).toBe(
			'http://127.0.0.1:8787',
		);
		expect(secMasterBaseUrl({ region: 'cn-north-4', endpoint: '   ' })).toBe(
			'https://secmaster.cn-north-4.myhuaweicloud.com',
		);
	});
});

describe('encodePathSegment', () => {
	it.each([
		['a/b', 'a%2Fb'],
		['../x', '..%2Fx'],
		['v1.2', 'v1.2'],
		['a?b#c', 'a%3Fb%23c'],
		['%2F', '%252F'],
		['规则 1', '%E8%A7%84%E5%88%99%201'],
	])('%s → %s', (id, encoded) => {
		expect(encodePathSegment(id)).toBe(encoded);
	});
});

describe('dot segments', () => {
	it('refuses "." and ".." because URL parsers resolve even their encoded forms', () => {
		expect(() => encodePathSegment('..')).toThrow(RangeError);
		expect(() => encodePathSegment('.')).toThrow(RangeError);
		expect(new URL('http://h/a/b/%2E%2E/c').pathname).toBe('/a/c');
		expect(encodePathSegment('...')).toBe('...');
	});
});

describe('workspacePath', () => {
	it('keeps every ID inside its own segment', () => {
		expect(workspacePath('p/1', 'w', ['soc', 'playbooks', 'instances', '../../x', 'operation'])).toBe(
			'/v1/p%2F1/workspaces/w/soc/playbooks/instances/..%2F..%2Fx/operation',
		);
	});
});
