// Pure retry policy: which failures are worth another attempt, for which kind
// of request, and how long to wait. A retry is only safe where sending the
// request twice cannot do something twice.

/**
 * read: GET and search-like POSTs; idempotent: PUT; operate: the instance operation; create: a
 * POST that creates something a look-up can find (a workflow run); unsafe: the rest.
 */
export type RequestKind = 'read' | 'idempotent' | 'operate' | 'create' | 'unsafe';

export interface RetryLimits {
	/** All attempts together, the first included. */
	maxAttempts: number;
	/** The longest total wait between attempts. */
	maxWaitMs: number;
}

export const DEFAULT_LIMITS: RetryLimits = { maxAttempts: 4, maxWaitMs: 30_000 };

export interface Failure {
	status?: number;
	code?: string;
	/** A transport error code: ECONNRESET, ETIMEDOUT, ECONNABORTED, … */
	transport?: string;
	retryAfterMs?: number;
}

const TRANSPORT_FAILURES: ReadonlySet<string | undefined> = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ECONNREFUSED']);

/** Throttled: the gateway refused the request before it reached SecMaster, so it did nothing. */
export function isThrottled(failure: Failure): boolean {
	return failure.status === 429 || failure.code === 'APIG.0308';
}

/** Unavailable: the request may or may not have reached SecMaster. */
export function isUnavailable(failure: Failure): boolean {
	return (
		failure.status === 502 ||
		failure.status === 503 ||
		failure.status === 504 ||
		TRANSPORT_FAILURES.has(failure.transport)
	);
}

/** Exponential backoff from 1 s with up to 50 % jitter; Retry-After when the gateway gives one. */
export function backoffMs(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
	if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return retryAfterMs;
	const base = 1000 * 2 ** (attempt - 1);
	return Math.round(base * (1 + random() * 0.5));
}

export type Decision = { action: 'fail' } | { action: 'retry'; delayMs: number } | { action: 'verify'; delayMs: number };

/**
 * What to do after attempt number `attempt` failed, having waited `waitedMs` so far.
 * Throttling is retried for every kind; unavailability only for reads and PUT;
 * the instance operation is first checked, never blindly sent again; a creation is looked
 * up and never sent again.
 */
export function decide(
	kind: RequestKind,
	failure: Failure,
	attempt: number,
	waitedMs: number,
	limits: RetryLimits = DEFAULT_LIMITS,
	random?: () => number,
): Decision {
	if (attempt >= limits.maxAttempts) return { action: 'fail' };
	const throttled = isThrottled(failure);
	const unavailable = isUnavailable(failure);
	if (!throttled && !(unavailable && kind !== 'unsafe')) return { action: 'fail' };
	const delayMs = backoffMs(attempt, failure.retryAfterMs, random);
	if (waitedMs + delayMs > limits.maxWaitMs) return { action: 'fail' };
	return { action: !throttled && (kind === 'operate' || kind === 'create') ? 'verify' : 'retry', delayMs };
}

/** Retry-After: seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
