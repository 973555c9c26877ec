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
