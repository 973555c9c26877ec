import { ID_VALIDATION } from '../../nodes/HuaweiSecMaster/parameters/locators';
import { encodePathSegment, pathIdProblem, secMasterBaseUrl, shownValue, workspacePath } from '../../nodes/HuaweiSecMaster/transport/url';

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

describe('pathIdProblem', () => {
	it.each([
		['909494e3-558e-46b6-a9eb-07a8e18ca62f'],
		['c03e5675ca3f22309b82ab257cfb547a'],
		['实例-1'],
		['v1.2_x~y:z@w'],
		['...'],
	])('lets %s through', (id) => {
		expect(pathIdProblem(id)).toBeUndefined();
	});

	it.each([
		['', 'is empty'],
		[' \t\n', 'is empty'],
		['.', '"." is not an ID'],
		['..', '".." is not an ID'],
		[' a', '" a" is not an ID: it starts or ends with whitespace'],
		['a\r\n', '"a\\u000D\\u000A" is not an ID: it starts or ends with whitespace'],
		['a b', '"a b" is not an ID: it contains whitespace'],
		['a\u3000b', '"a\\u3000b" is not an ID: it contains whitespace'],
		['a/b', '"a/b" is not an ID: it contains "/"'],
		['a\\b', '"a\\b" is not an ID: it contains "\\"'],
		['a?b', '"a?b" is not an ID: it contains "?"'],
		['a#b', '"a#b" is not an ID: it contains "#"'],
		['%2F', '"%2F" is not an ID: it contains "%"'],
		['a\u0000', '"a\\u0000" is not an ID: it contains the control character U+0000'],
		['a\u001fb', '"a\\u001Fb" is not an ID: it contains the control character U+001F'],
		['a\u007f', '"a\\u007F" is not an ID: it contains the control character U+007F'],
		['a\u0085b', '"a\\u0085b" is not an ID: it contains the control character U+0085'],
		['\udc00a', '"\udc00a" is not an ID: it is not valid Unicode text'],
	])('refuses %j: %s', (id, problem) => {
		expect(pathIdProblem(id)).toBe(problem);
	});

	it('shows long values shortened', () => {
		expect(shownValue('x'.repeat(100))).toBe(`${'x'.repeat(57)}…`);
		expect(shownValue('x'.repeat(60))).toBe('x'.repeat(60));
	});

	it('agrees with the regex the editor checks an ID typed By ID with', () => {
		const { regex } = (ID_VALIDATION[0] as unknown as { properties: { regex: string } }).properties;
		const samples = ['abc', '实例-1', '...', '.', '..', '', ' a', 'a ', 'a b', 'a\u00a0b', 'a/b', 'a\\b', 'a?b', 'a#b', '%2F'];
		for (let code = 0; code < 0xa1; code++) samples.push(`a${String.fromCharCode(code)}b`);
		for (const sample of samples) {
			// n8n tests the regex as ^…$ (getParameterIssues).
			expect([sample, new RegExp(`^${regex}$`).test(sample)]).toEqual([sample, pathIdProblem(sample) === undefined]);
		}
	});
});

describe('URL building, edge cases', () => {
	it('trims the region and defaults to cn-north-4', () => {
		expect(secMasterBaseUrl({ region: ' ap-southeast-1 ' })).toBe('https://secmaster.ap-southeast-1.myhuaweicloud.com');
		expect(secMasterBaseUrl({})).toBe('https://secmaster.cn-north-4.myhuaweicloud.com');
	});

	it('says which value cannot be a path segment', () => {
		expect(() => encodePathSegment('..')).toThrow(new RangeError('".." cannot be used as a path segment'));
	});

	it('lets valid surrogate pairs (emoji) through and refuses a lone high or low surrogate', () => {
		expect(pathIdProblem('a😀b')).toBeUndefined();
		expect(pathIdProblem('😀')).toBeUndefined();
		expect(pathIdProblem('a\ud83d')).toBe('"a\ud83d" is not an ID: it is not valid Unicode text');
		expect(pathIdProblem('a\ud83db')).toBe('"a\ud83db" is not an ID: it is not valid Unicode text');
		expect(pathIdProblem('a\ude00')).toBe('"a\ude00" is not an ID: it is not valid Unicode text');
		expect(workspacePath('p', 'w', ['😀'])).toBe('/v1/p/workspaces/w/%F0%9F%98%80');
	});
});
