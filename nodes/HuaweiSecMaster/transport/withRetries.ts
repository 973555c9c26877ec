import {
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type INode,
	type INodeExecutionData,
	type JsonObject,
	NodeApiError,
	sleep,
} from 'n8n-workflow';

import { isJsonObject } from './callOptions';
import type { ItemContext } from '../parameters/itemContext';
import { decide, DEFAULT_LIMITS, type Failure, type RequestKind, type RetryLimits } from './retryPolicy';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/** The retry limits from the node's options. */
export function retryLimits(context: ItemContext): RetryLimits {
	const attempts = Number(context.getNodeParameter('options.maxAttempts', DEFAULT_LIMITS.maxAttempts));
	const waitSeconds = Number(context.getNodeParameter('options.maxRetryWait', DEFAULT_LIMITS.maxWaitMs / 1000));
	return {
		maxAttempts: Number.isFinite(attempts) && attempts >= 1 ? Math.floor(attempts) : DEFAULT_LIMITS.maxAttempts,
		maxWaitMs: Number.isFinite(waitSeconds) && waitSeconds >= 0 ? waitSeconds * 1000 : DEFAULT_LIMITS.maxWaitMs,
	};
}

/** What failed, read from the error n8n or throwOnApiError threw. */
export function failureOf(error: unknown): Failure {
	const thrown = (error ?? {}) as IDataObject & { cause?: IDataObject; errorResponse?: IDataObject };
	const status = Number(thrown.httpCode);
	const response = thrown.errorResponse ?? {};
	// n8n 2.x keeps the HTTP client's error as the cause; n8n 1.x puts its code (ECONNRESET, …)
	// into httpCode and the client's text into messages, under a message of its own.
	const causeCode = typeof thrown.cause?.code === 'string' ? thrown.cause.code : undefined;
	const httpCodeName = typeof thrown.httpCode === 'string' && /^E[A-Z]+$/.test(thrown.httpCode) ? thrown.httpCode : undefined;
	const texts = [thrown.message, ...(Array.isArray(thrown.messages) ? thrown.messages : [])].map(String).join('\n');
	const hangUp = /socket hang up|ECONNRESET/i.test(texts) ? 'ECONNRESET' : undefined;
	return {
		status: Number.isFinite(status) && status > 0 ? status : undefined,
		code: typeof response.code === 'string' ? response.code : undefined,
		transport: causeCode ?? httpCodeName ?? hangUp,
		retryAfterMs: typeof response.retryAfterMs === 'number' ? response.retryAfterMs : undefined,
	};
}

// Stryker disable all: declarative-engine glue (n8n's IExecutePaginationFunctions), tested through RoutingNode in test/node/retries.test.ts, not by the unit tests the mutation run uses.
/** Signing rewrites a request's options, so every attempt starts from its own copy. */
function copyOf(requestData: RequestData): RequestData {
	const { options } = requestData;
	return {
		...requestData,
		options: {
			...options,
			qs: { ...(options.qs ?? {}) },
			headers: { ...(options.headers ?? {}) },
			body: isJsonObject(options.body) ? { ...(options.body as IDataObject) } : options.body,
		},
	};
}
// Stryker restore all

const UNCLEAR_CREATION =
	'The request failed without a clear answer, and a look-up found nothing it created. It was not sent again: ' +
	'SecMaster may still have carried it out. Check in SecMaster before running this item again.';

/** RETRY took effect once the instance is no longer FAILED; TERMINATE once it is terminating or terminated. */
export function operationApplied(operation: unknown, status: unknown): boolean {
	const state = String(status ?? '').toUpperCase();
	if (operation === 'RETRY') return state !== '' && state !== 'FAILED';
	if (operation === 'TERMINATE') return state === 'TERMINATING' || state === 'TERMINATED';
	return false;
}

/**
 * `attempt` again while the policy says it is safe, within the limits; the last failure as a
 * NodeApiError. `limits` may be given as a function, called after the first failure. `verify`, for the instance operation, tells whether an unclear attempt took effect.
 */
export async function withRetries<T>(
	node: INode,
	kind: RequestKind,
	limits: RetryLimits | (() => RetryLimits),
	attempt: () => Promise<T>,
	verify?: () => Promise<T | undefined>,
): Promise<T> {
	let waited = 0;
	for (let attempts = 1; ; attempts++) {
		try {
			return await attempt();
		} catch (error) {
			// Read on the first failure only: most requests never need them.
			if (typeof limits === 'function') limits = limits();
			const decision = decide(kind, failureOf(error), attempts, waited, limits);
			// A NodeApiError already (n8n's or ours): NodeApiError hands the same error back.
			if (decision.action === 'fail') throw new NodeApiError(node, error as JsonObject);
			await sleep(decision.delayMs);
			waited += decision.delayMs;
			if (decision.action === 'verify' && verify) {
				const done = await verify();
				if (done !== undefined) return done;
			}
			// Not found is no proof it was not created (a list can lag): sending again could create it twice.
			if (decision.action === 'verify' && kind === 'create') {
				const failure = new NodeApiError(node, error as JsonObject);
				failure.description = UNCLEAR_CREATION;
				throw failure;
			}
		}
	}
}

// Stryker disable all: declarative-engine glue, as copyOf above.
/** One request, attempted again where the policy says it is safe. */
export async function sendWithRetries(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	kind: RequestKind,
): Promise<INodeExecutionData[]> {
	const pristine = copyOf(requestData);
	return await withRetries(
		context.getNode(),
		kind,
		retryLimits(context),
		async () => await context.makeRoutingRequest(copyOf(pristine)),
	);
}

/** The declarative engine's per-item request hook, used to retry one item's request. */
export function retrying(kind: RequestKind) {
	return async function (this: IExecutePaginationFunctions, requestData: RequestData): Promise<INodeExecutionData[]> {
		return await sendWithRetries(this, requestData, kind);
	};
}
