import type { INodePropertyRouting, PostReceiveAction, PreSendAction } from 'n8n-workflow';

import { throwOnApiError } from './apiErrors';
import { offsetPagination } from './pagination';
import { retrying } from './withRetries';
import { recordsFrom } from '../domain/records';
import { resolveProjectUrl, resolveWorkspaceUrl } from './scope';

// Only reads are routed declaratively: the RoutingNode checks an item after the other items'
// requests have started, so every write is a custom operation (customOperation.ts). The types
// refuse a write here: one record is read with a GET, a list with a GET or a search POST.

/**
 * One GET for one item: the URL template resolved, errors handled, then
 * `postReceive`. It goes through the engine's per-request hook so that a
 * throttled or unavailable read is retried.
 */
export function singleRequest(
	method: 'GET',
	url: string,
	{
		preSend = [],
		postReceive = [],
	}: { preSend?: PreSendAction[]; postReceive?: PostReceiveAction[] } = {},
): INodePropertyRouting {
	return {
		request: { method, url },
		send: { preSend: [resolveWorkspaceUrl, ...preSend], paginate: true },
		operations: { pagination: retrying('read') },
		output: { postReceive: [throwOnApiError, ...postReceive] },
	};
}

/** A paged list: one item per record of the array `records` holds, Return All / Limit honoured. */
export function listRequest(
	method: 'GET' | 'POST',
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
