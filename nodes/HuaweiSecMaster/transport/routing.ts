import type { INodePropertyRouting, PostReceiveAction, PreSendAction } from 'n8n-workflow';

import { throwOnApiError } from './apiErrors';
import { offsetPagination } from './pagination';
import type { RequestKind } from './retryPolicy';
import { retrying } from './withRetries';
import { recordsFrom } from '../domain/records';
import { resolveProjectUrl, resolveWorkspaceUrl } from './scope';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const KIND_BY_METHOD: Record<Method, RequestKind> = { GET: 'read', PUT: 'idempotent', POST: 'unsafe', DELETE: 'unsafe' };

/**
 * One request for one item: the URL template resolved, errors handled, then
 * `postReceive`. It goes through the engine's per-request hook so that a
 * throttled or unavailable request is retried where its method makes that safe.
 */
export function singleRequest(
	method: Method,
	url: string,
	{
		preSend = [],
		postReceive = [],
	}: { preSend?: PreSendAction[]; postReceive?: PostReceiveAction[] } = {},
): INodePropertyRouting {
	return {
		request: { method, url },
		send: { preSend: [resolveWorkspaceUrl, ...preSend], paginate: true },
		operations: { pagination: retrying(KIND_BY_METHOD[method]) },
		output: { postReceive: [throwOnApiError, ...postReceive] },
	};
}

/** A paged list: one item per record of the array `records` holds, Return All / Limit honoured. */
export function listRequest(
	method: Method,
	url: string,
	records: Parameters<typeof recordsFrom>[0],
	{
		preSend = [],
		pageIn = 'qs',
		scope = 'workspace',
		simplifyRecord,
	}: {
		preSend?: PreSendAction[];
		pageIn?: 'qs' | 'body';
		scope?: 'workspace' | 'project';
		simplifyRecord?: Parameters<typeof recordsFrom>[1];
	} = {},
): INodePropertyRouting {
	return {
		request: { method, url },
		send: { preSend: [scope === 'project' ? resolveProjectUrl : resolveWorkspaceUrl, ...preSend], paginate: true },
		operations: { pagination: offsetPagination(pageIn) },
		output: { postReceive: [throwOnApiError, recordsFrom(records, simplifyRecord)] },
	};
}
