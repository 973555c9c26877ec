import { describeApiError, readApiError } from '../../nodes/HuaweiSecMaster/transport/errorAnswer';
import { ruleOutput } from '../../nodes/HuaweiSecMaster/domain/ruleOutput';

describe('readApiError', () => {
	it('reads the gateway shape first', () => {
		expect(
			readApiError(401, {}, { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication', request_id: 'r1' }),
		).toEqual({ httpCode: 401, code: 'APIG.0301', message: 'Incorrect IAM authentication', requestId: 'r1' });
	});

	it('reads SecMaster code/message and prefers the X-request-id header', () => {
		expect(
			readApiError(403, { 'X-Request-Id': 'hdr' }, '{"code":"SecMaster.20010001","message":"Workspace not found"}'),
		).toEqual({ httpCode: 403, code: 'SecMaster.20010001', message: 'Workspace not found', requestId: 'hdr' });
	});

	it('reads camelCase and nested error objects', () => {
		expect(readApiError(400, {}, { errorCode: 'E1', errorMsg: 'm1' })).toMatchObject({ code: 'E1', message: 'm1' });
		expect(readApiError(400, {}, { error: { code: 'E2', message: 'm2' } })).toMatchObject({ code: 'E2', message: 'm2' });
	});

	it('flattens an HTML page into a short raw body', () => {
		const details = readApiError(502, {}, `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(1000)}</body></html>`);
		expect(details.code).toBeUndefined();
		expect(details.rawBody?.startsWith('502 Bad Gateway')).toBe(true);
		expect(details.rawBody!.length).toBeLessThanOrEqual(301);
	});
});

describe('describeApiError', () => {
	it('puts code, message and status in one line and the request ID in the description', () => {
		const { message, description } = describeApiError({
			httpCode: 403,
			code: 'SecMaster.20010001',
			message: 'Workspace not found',
			requestId: 'req-1',
		});
		expect(message).toBe('SecMaster.20010001: Workspace not found (HTTP 403)');
		expect(description).toContain('Request ID: req-1');
		expect(description).toContain('Workspace ID');
	});
});

describe('ruleOutput', () => {
	it('unwraps data, parses the rule and keeps the raw text, code and message', () => {
		expect(
			ruleOutput({ code: 0, message: 'ok', data: { id: 'r', project_id: 'p', rule: '{"logics":["a"]}' } }),
		).toEqual({ id: 'r', project_id: 'p', rule: { logics: ['a'] }, rule_raw: '{"logics":["a"]}', code: 0, message: 'ok' });
	});

	it('keeps a rule that is not JSON as text, and a string code', () => {
		expect(ruleOutput({ code: '00000000', data: { rule: 'not json' } })).toEqual({
			rule: 'not json',
			rule_raw: 'not json',
			code: '00000000',
		});
	});

	it('passes on deprecation headers', () => {
		expect(
			ruleOutput({ data: {} }, { 'x-api-deprecation-info': 'use v2', 'x-api-deprecation-date': '2027-01-01' }),
		).toEqual({ api_deprecation: { info: 'use v2', date: '2027-01-01' } });
	});
});

describe('readApiError, every shape', () => {
	it('trims the code and message, reads a numeric code, and skips a pair that is only blanks', () => {
		expect(readApiError(400, {}, { error_code: ' E1 ', error_msg: ' m1 ' })).toEqual({ httpCode: 400, code: 'E1', message: 'm1' });
		expect(readApiError(400, {}, { error_code: 401, error_msg: 'm' })).toEqual({ httpCode: 400, code: '401', message: 'm' });
		expect(readApiError(400, {}, { error_code: '  ', error_msg: ' ', code: 'C', message: 'M' })).toEqual({
			httpCode: 400,
			code: 'C',
			message: 'M',
		});
		expect(readApiError(400, {}, { error_code: ' ', error_msg: 'only a message' })).toEqual({
			httpCode: 400,
			message: 'only a message',
		});
	});

	it('takes a pair with only one of its two fields', () => {
		expect(readApiError(400, {}, { error_msg: 'no code' })).toEqual({ httpCode: 400, message: 'no code' });
		expect(readApiError(400, {}, { errorCode: 'E9' })).toEqual({ httpCode: 400, code: 'E9' });
	});

	it('reads a nested error given as text, and ignores one that is blank or a list', () => {
		expect(readApiError(401, {}, { error: ' Unauthorized ' })).toEqual({ httpCode: 401, message: 'Unauthorized' });
		expect(readApiError(401, {}, { error: '  ' })).toEqual({ httpCode: 401 });
		expect(readApiError(401, {}, { error: ['x'] })).toEqual({ httpCode: 401 });
	});

	it('answers the status alone for a JSON body without any known field, or no body', () => {
		for (const body of [{}, { other: 1 }, undefined, null, '', '   ', '42', '[1]', 42]) {
			expect(readApiError(500, {}, body)).toEqual({ httpCode: 500 });
		}
	});

	it('reads a body that arrives as a Buffer, JSON or not', () => {
		expect(readApiError(403, {}, Buffer.from('{"code":"C","message":"Spaß"}'))).toEqual({
			httpCode: 403,
			code: 'C',
			message: 'Spaß',
		});
		expect(readApiError(502, {}, Buffer.from('<h1>Bad Gateway</h1>'))).toEqual({ httpCode: 502, rawBody: 'Bad Gateway' });
	});

	it('turns tags and runs of whitespace into single spaces', () => {
		expect(readApiError(502, {}, '<h1>Bad</h1><p>Gateway</p>\n\n\t<p>nginx</p>').rawBody).toBe('Bad Gateway nginx');
	});

	it('keeps a raw body of 300 characters whole and cuts a longer one to 300 and an ellipsis', () => {
		expect(readApiError(502, {}, 'x'.repeat(300)).rawBody).toBe('x'.repeat(300));
		expect(readApiError(502, {}, 'x'.repeat(301)).rawBody).toBe(`${'x'.repeat(300)}…`);
	});

	it('finds X-Request-Id among other headers, in any case, as a list or not at all', () => {
		const body = { request_id: 'from-body' };
		expect(readApiError(500, { 'content-type': 'text/html', 'x-request-id': 'r1' }, body).requestId).toBe('r1');
		expect(readApiError(500, { 'X-REQUEST-ID': ['r2', 'r3'] }, body).requestId).toBe('r2');
		expect(readApiError(500, { 'content-type': 'text/html' }, body).requestId).toBe('from-body');
		expect(readApiError(500, undefined, body).requestId).toBe('from-body');
	});
});

describe('describeApiError, every line', () => {
	it('lists status, code and request ID, saying when SecMaster gave none', () => {
		expect(describeApiError({ httpCode: 500 })).toEqual({
			message: 'SecMaster returned an error without a message (HTTP 500)',
			description: 'HTTP status: 500\nError code: none given\nRequest ID: none given',
		});
		expect(describeApiError({ httpCode: 502, rawBody: 'Bad Gateway' }).message).toBe('Bad Gateway (HTTP 502)');
		expect(describeApiError({ httpCode: 400, code: 'E1', message: 'm', requestId: 'r' }).description).toBe(
			'HTTP status: 400\nError code: E1\nRequest ID: r',
		);
	});

	it('adds what to check for the statuses a person can act on', () => {
		const hint = (httpCode: number) => describeApiError({ httpCode }).description.split('\n').slice(3);
		expect(hint(401)).toEqual([expect.stringContaining('expired IAM token')]);
		expect(hint(403)).toEqual([expect.stringContaining('Workspace ID')]);
		expect(hint(404)).toEqual([expect.stringContaining('the region and the endpoint')]);
		expect(hint(429)).toEqual([expect.stringContaining('Batching option')]);
		expect(hint(500)).toEqual([]);
	});
});
