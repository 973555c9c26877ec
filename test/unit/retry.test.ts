import { backoffMs, decide, parseRetryAfter } from '../../nodes/HuaweiSecMaster/transport/retryPolicy';
import { operationApplied } from '../../nodes/HuaweiSecMaster/transport/withRetries';

const limits = { maxAttempts: 4, maxWaitMs: 30000 };
const noJitter = () => 0;

describe('decide', () => {
	it('retries throttling for every kind of request', () => {
		for (const kind of ['read', 'idempotent', 'operate', 'create', 'unsafe'] as const) {
			expect(decide(kind, { status: 429 }, 1, 0, limits, noJitter)).toEqual({ action: 'retry', delayMs: 1000 });
			expect(decide(kind, { status: 400, code: 'APIG.0308' }, 1, 0, limits, noJitter).action).toBe('retry');
		}
	});

	it('retries unavailability only where sending twice is safe, and checks the instance operation first', () => {
		expect(decide('read', { status: 503 }, 1, 0, limits).action).toBe('retry');
		expect(decide('idempotent', { transport: 'ECONNRESET' }, 1, 0, limits).action).toBe('retry');
		expect(decide('operate', { status: 502 }, 1, 0, limits).action).toBe('verify');
		expect(decide('operate', { transport: 'ECONNABORTED' }, 1, 0, limits).action).toBe('verify');
		expect(decide('unsafe', { status: 503 }, 1, 0, limits).action).toBe('fail');
		// A creation is looked up (withRetries then fails when nothing is found: never sent again).
		expect(decide('create', { status: 503 }, 1, 0, limits).action).toBe('verify');
		expect(decide('create', { transport: 'ECONNRESET' }, 1, 0, limits).action).toBe('verify');
		expect(decide('create', { status: 500 }, 1, 0, limits).action).toBe('fail');
	});

	it('never retries a client or server error that is neither', () => {
		for (const status of [400, 401, 403, 404, 500]) expect(decide('read', { status }, 1, 0, limits).action).toBe('fail');
	});

	it('stops at the attempt and wait limits', () => {
		expect(decide('read', { status: 429 }, 4, 0, limits).action).toBe('fail');
		expect(decide('read', { status: 429 }, 2, 29500, limits, noJitter).action).toBe('fail');
		expect(decide('read', { status: 429 }, 1, 0, { maxAttempts: 1, maxWaitMs: 30000 }).action).toBe('fail');
	});

	it('waits exponentially with jitter, or as long as Retry-After says', () => {
		expect([1, 2, 3].map((attempt) => backoffMs(attempt, undefined, noJitter))).toEqual([1000, 2000, 4000]);
		expect(backoffMs(1, undefined, () => 1)).toBe(1500);
		expect(decide('read', { status: 429, retryAfterMs: 3000 }, 1, 0, limits)).toEqual({ action: 'retry', delayMs: 3000 });
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});

describe('operationApplied', () => {
	it('knows when RETRY and TERMINATE took effect', () => {
		expect(operationApplied('RETRY', 'RETRYING')).toBe(true);
		expect(operationApplied('RETRY', 'Failed')).toBe(false);
		expect(operationApplied('TERMINATE', 'TERMINATING')).toBe(true);
		expect(operationApplied('TERMINATE', 'RUNNING')).toBe(false);
	});
});

describe('the policy, edge by edge', () => {
	it('retries every unavailable status and transport failure it knows, and no other', () => {
		for (const status of [502, 503, 504]) expect(decide('read', { status }, 1, 0, limits).action).toBe('retry');
		for (const transport of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ECONNREFUSED']) {
			expect(decide('read', { transport }, 1, 0, limits).action).toBe('retry');
		}
		for (const transport of ['ENOTFOUND', 'CERT_HAS_EXPIRED']) expect(decide('read', { transport }, 1, 0, limits).action).toBe('fail');
		expect(decide('read', {}, 1, 0, limits).action).toBe('fail');
	});

	it('uses the whole wait allowance, not a millisecond more', () => {
		expect(decide('read', { status: 429 }, 1, 29000, limits, noJitter)).toEqual({ action: 'retry', delayMs: 1000 });
		expect(decide('read', { status: 429 }, 1, 29001, limits, noJitter).action).toBe('fail');
	});

	it('allows 4 attempts and 30 s of waiting by default', () => {
		expect(decide('read', { status: 429 }, 3, 0, undefined, noJitter)).toEqual({ action: 'retry', delayMs: 4000 });
		expect(decide('read', { status: 429 }, 4, 0).action).toBe('fail');
		expect(decide('read', { status: 429 }, 1, 29001, undefined, noJitter).action).toBe('fail');
	});

	it('takes a Retry-After of 0, and backs off instead of one that is negative or not a number', () => {
		expect(backoffMs(3, 0, noJitter)).toBe(0);
		for (const retryAfterMs of [-1, NaN, Infinity]) expect(backoffMs(2, retryAfterMs, noJitter)).toBe(2000);
	});
});

describe('parseRetryAfter, every form', () => {
	it('reads numbers, fractions of seconds and padded text', () => {
		expect(parseRetryAfter(3)).toBe(3000);
		expect(parseRetryAfter(' 2 ')).toBe(2000);
		expect(parseRetryAfter('12')).toBe(12000);
		expect(parseRetryAfter('1.5')).toBe(1500);
		expect(parseRetryAfter('1.25')).toBe(1250);
	});

	it('reads an HTTP date in the past as 0', () => {
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', Date.parse('2026-01-01T00:00:10Z'))).toBe(0);
	});

	it('ignores anything else, a list of headers included', () => {
		for (const value of [['2'], { s: 2 }, true, '2s', 'x2', '']) expect(parseRetryAfter(value)).toBeUndefined();
	});
});
