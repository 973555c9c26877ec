import { type INode, NodeApiError } from 'n8n-workflow';

import { apiError } from '../../nodes/HuaweiSecMaster/transport/apiErrors';
import type { ItemContext } from '../../nodes/HuaweiSecMaster/parameters/itemContext';
import { failureOf, operationApplied, retryLimits, withRetries } from '../../nodes/HuaweiSecMaster/transport/withRetries';

// withRetries with the errors the node really throws (errors.ts apiError), a
// Retry-After of 0 so that the retries wait nothing.

const node: INode = {
	id: 'n1',
	name: 'SecMaster',
	type: 'n8n-nodes-huawei-secmaster.huaweiSecMaster',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const context = { getNode: () => node, getItemIndex: () => 0 };
const answer = (statusCode: number, retryAfter?: string) =>
	apiError(context, {
		statusCode,
		headers: retryAfter === undefined ? { 'x-request-id': 'r1' } : { 'retry-after': retryAfter, 'x-request-id': 'r1' },
		body: { error_code: `E${statusCode}`, error_msg: `status ${statusCode}` },
	});
const limits = { maxAttempts: 4, maxWaitMs: 30000 };

/** An attempt that fails with the given errors, in turn, then answers `done`. */
function attempts(...errors: unknown[]) {
	const calls: number[] = [];
	const attempt = async () => {
		calls.push(calls.length + 1);
		if (calls.length <= errors.length) throw errors[calls.length - 1];
		return 'done';
	};
	return { attempt, calls };
}

describe('failureOf', () => {
	it('reads status, code and Retry-After from the error the node throws', () => {
		expect(failureOf(answer(429, '3'))).toEqual({ status: 429, code: 'E429', retryAfterMs: 3000 });
		expect(failureOf(answer(503))).toEqual({ status: 503, code: 'E503' });
	});

	it('reads a transport failure from the cause, or a socket hang-up from the message', () => {
		const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
		expect(failureOf(new Error('request failed', { cause: reset }))).toEqual({ transport: 'ECONNRESET' });
		expect(failureOf(new Error('socket hang up'))).toEqual({ transport: 'ECONNRESET' });
		expect(failureOf(new Error('Socket Hang Up'))).toEqual({ transport: 'ECONNRESET' });
		expect(failureOf(new Error('read econnreset'))).toEqual({ transport: 'ECONNRESET' });
	});

	it('reads nothing from what carries nothing', () => {
		for (const error of [undefined, null, new Error('boom'), { httpCode: 'x' }, { httpCode: 0 }, { cause: { code: 5 } }]) {
			expect(failureOf(error)).toEqual({});
		}
		expect(failureOf({ errorResponse: { code: 7, retryAfterMs: '1' } })).toEqual({});
	});
});

describe('operationApplied', () => {
	it('takes RETRY as applied once the instance has any status but FAILED', () => {
		expect(operationApplied('RETRY', 'running')).toBe(true);
		for (const status of [undefined, null, '', 'FAILED', 'failed']) expect(operationApplied('RETRY', status)).toBe(false);
	});

	it('takes TERMINATE as applied once the instance is terminating or terminated', () => {
		expect(operationApplied('TERMINATE', 'terminated')).toBe(true);
		expect(operationApplied('TERMINATE', 'TERMINATING')).toBe(true);
		for (const status of ['', 'FAILED', 'RUNNING']) expect(operationApplied('TERMINATE', status)).toBe(false);
	});

	it('knows no other operation', () => {
		for (const status of ['TERMINATED', 'RUNNING']) expect(operationApplied('DELETE', status)).toBe(false);
	});
});

describe('retryLimits', () => {
	const item = (options: Record<string, unknown>): ItemContext => ({
		getNode: () => node,
		getItemIndex: () => 0,
		getNodeParameter: (name, fallback) => (name in options ? options[name] : fallback),
	});

	it('defaults to 4 attempts and 30 s', () => {
		expect(retryLimits(item({}))).toEqual({ maxAttempts: 4, maxWaitMs: 30000 });
	});

	it('reads the options, whole attempts and seconds', () => {
		expect(retryLimits(item({ 'options.maxAttempts': 2.7, 'options.maxRetryWait': 1.5 }))).toEqual({ maxAttempts: 2, maxWaitMs: 1500 });
		expect(retryLimits(item({ 'options.maxAttempts': 1, 'options.maxRetryWait': 0 }))).toEqual({ maxAttempts: 1, maxWaitMs: 0 });
	});

	it('falls back to the defaults for values that make no sense', () => {
		for (const [attempts, wait] of [
			[0, -1],
			['x', 'x'],
			[Infinity, Infinity],
		]) {
			expect(retryLimits(item({ 'options.maxAttempts': attempts, 'options.maxRetryWait': wait }))).toEqual({
				maxAttempts: 4,
				maxWaitMs: 30000,
			});
		}
	});
});

describe('withRetries', () => {
	it('answers the first attempt that succeeds, reading the limits only after a failure', async () => {
		let read = 0;
		const readLimits = () => {
			read++;
			return limits;
		};
		const first = attempts();
		await expect(withRetries(node, 'read', readLimits, first.attempt)).resolves.toBe('done');
		expect([first.calls, read]).toEqual([[1], 0]);

		const third = attempts(answer(429, '0'), answer(503, '0'));
		await expect(withRetries(node, 'read', readLimits, third.attempt)).resolves.toBe('done');
		expect([third.calls, read]).toEqual([[1, 2, 3], 1]);
	});

	it('throws the last failure as it is, once the attempts are used up', async () => {
		const last = answer(429, '0');
		const { attempt, calls } = attempts(answer(429, '0'), last, answer(429, '0'));
		const thrown = await withRetries(node, 'idempotent', { maxAttempts: 2, maxWaitMs: 0 }, attempt).catch((e) => e);
		expect(thrown).toBe(last);
		expect(calls).toEqual([1, 2]);
	});

	it('wraps a failure that is not a NodeApiError in one', async () => {
		const { attempt } = attempts(new Error('boom'));
		const thrown = await withRetries(node, 'read', limits, attempt).catch((e) => e);
		expect(thrown).toBeInstanceOf(NodeApiError);
		expect(thrown.message).toBe('boom');
	});

	it('never sends an unsafe request twice', async () => {
		const { attempt, calls } = attempts(answer(503, '0'));
		await expect(withRetries(node, 'unsafe', limits, attempt)).rejects.toThrow('E503: status 503 (HTTP 503)');
		expect(calls).toEqual([1]);
	});

	it('checks an unclear instance operation before sending it again', async () => {
		const applied = attempts(answer(502, '0'));
		await expect(withRetries(node, 'operate', limits, applied.attempt, async () => 'verified')).resolves.toBe('verified');
		expect(applied.calls).toEqual([1]);

		const notApplied = attempts(answer(502, '0'));
		await expect(withRetries(node, 'operate', limits, notApplied.attempt, async () => undefined)).resolves.toBe('done');
		expect(notApplied.calls).toEqual([1, 2]);

		const throttled = attempts(answer(429, '0'));
		const verify = jest.fn(async () => 'verified');
		await expect(withRetries(node, 'operate', limits, throttled.attempt, verify)).resolves.toBe('done');
		expect([throttled.calls, verify.mock.calls.length]).toEqual([[1, 2], 0]);
	});

	it('counts what it waited against the limit', async () => {
		const { attempt, calls } = attempts(answer(429, '0.001'), answer(429, '0.001'), answer(429, '0.001'));
		await expect(withRetries(node, 'read', { maxAttempts: 10, maxWaitMs: 2 }, attempt)).rejects.toThrow('E429');
		expect(calls).toEqual([1, 2, 3]);
	});
});
