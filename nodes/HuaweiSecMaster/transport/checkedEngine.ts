import {
	getCredentialAllowedDomains,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import { sendAuthenticated } from './authenticatedRequest';
import { apiError } from './apiErrors';
import { CALL_OPTIONS, isSuccess } from './callOptions';
import { type ItemContext, itemOf } from '../parameters/itemContext';
import { batchingOf, pausesBefore, proxyProblem, transportOptions } from './requestOptions';
import type { RequestKind } from './retryPolicy';
import { retryLimits, withRetries } from './withRetries';
import { CREDENTIAL_TYPE } from './credentialType';

// Every operation that changes something in SecMaster runs here, as a custom
// operation (n8n's way for a declarative node to implement an operation itself).
// n8n's RoutingNode checks an item in its preSend, after the other items' requests
// have started: in stop mode a bad item would leave the other writes half done.
// Here every item is checked before any request. It is faster too: the RoutingNode
// evaluates every parameter twice per item and decrypts the credential for every
// request; here a parameter is read once per item and the credential once per run.
// The Request Options, batching, every item's request started at once, the output
// and the errors of failed requests are as the RoutingNode makes them. Reads may
// stay declarative: a stopped run that has sent other items' reads changed nothing.

export interface SecMasterRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	baseURL: string;
	url: string;
	qs?: IDataObject;
	/** Sent besides Accept and Content-Type. */
	headers?: Record<string, string>;
	body?: IDataObject;
}

/** What one run of a custom operation shares across its items. */
export interface OperationRun {
	readonly credentials: ICredentialDataDecryptedObject;
	/** Aborted when the execution is stopped: an operation that waits stops waiting. */
	readonly signal?: AbortSignal;
	/** One request with the credential's authentication; every status is answered, not thrown. */
	send(request: SecMasterRequest): Promise<IN8nHttpFullResponse>;
}

/** One item's work, in two steps, so that every item is checked before anything is sent. */
export interface ItemOperation<Plan> {
	/** The item's parameters checked and its request planned, nothing sent; a problem throws, naming the field. */
	check(item: ItemContext, run: OperationRun): Plan;
	/** The planned request(s) sent; the output item's JSON. */
	send(item: ItemContext, run: OperationRun, plan: Plan): Promise<IDataObject>;
}

/** `request`, attempted again where the retry policy allows; a response other than a JSON object throws its NodeApiError. */
export async function sendChecked(
	item: ItemContext,
	run: OperationRun,
	kind: RequestKind,
	request: SecMasterRequest,
	verify?: () => Promise<IN8nHttpFullResponse | undefined>,
): Promise<IN8nHttpFullResponse> {
	return await withRetries(
		item.getNode(),
		kind,
		() => retryLimits(item),
		async () => {
			const response = await run.send(request);
			if (!isSuccess(response)) throw apiError(item, response);
			return response;
		},
		verify,
	);
}

export function operationRun(
	context: IExecuteFunctions,
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IDataObject,
): OperationRun {
	const problem = proxyProblem(requestOptions);
	if (problem) throw new NodeOperationError(node, 'The proxy is not valid', { description: problem });
	const transport = transportOptions(requestOptions);
	const allowedDomains = getCredentialAllowedDomains({ node, credentialData: credentials, credentialOwnedSurface: true });
	const stored = node.credentials?.[CREDENTIAL_TYPE];
	// n8n authenticates with this copy instead of reading the credential again per request;
	// a token it renews (IAM password) is kept in it for the requests that follow.
	const credentialsDecrypted = { id: stored?.id ?? '', name: stored?.name ?? '', type: CREDENTIAL_TYPE, data: credentials };
	return {
		credentials,
		signal: context.getExecutionCancelSignal?.(),
		async send({ method, baseURL, url, qs, headers, body }) {
			const options: IHttpRequestOptions = {
				...transport,
				method,
				baseURL,
				url,
				headers: { Accept: 'application/json', ...headers },
				...CALL_OPTIONS,
			};
			if (qs !== undefined) options.qs = { ...qs };
			// A DELETE has no body but keeps the Content-Type it had when it was routed
			// (the node's requestDefaults): the wire stays what the gateway has seen.
			if (method !== 'GET') options.headers = { ...options.headers, 'Content-Type': 'application/json;charset=UTF-8' };
			if (body !== undefined) options.body = { ...body };
			if (allowedDomains) options.allowedDomains = allowedDomains;
			return await sendAuthenticated(context, options, credentialsDecrypted);
		},
	};
}

export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...error.context, itemIndex };
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

export type Checked<Plan> = { item: ItemContext; plan: Plan } | { item: ItemContext; error: NodeApiError | NodeOperationError };

/** What a run of a custom operation starts with: every input item checked, nothing sent. */
export async function checkAll<Plan>(context: IExecuteFunctions, check: (item: ItemContext, run: OperationRun) => Plan) {
	const node = context.getNode();
	// As n8n's RoutingNode: the Request Options of the first item serve the whole run.
	const requestOptions = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const run = operationRun(context, node, await context.getCredentials(CREDENTIAL_TYPE), requestOptions);
	const continueOnFail = context.continueOnFail();
	const checked = context.getInputData().map((_, itemIndex): Checked<Plan> => {
		const item = itemOf(context, itemIndex, node);
		try {
			return { item, plan: check(item, run) };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(node, error, itemIndex);
			return { item, error: asNodeError(node, error, itemIndex) };
		}
	});
	return { node, run, batching: batchingOf(requestOptions), continueOnFail, checked };
}

/**
 * A custom operation that runs `operation` for every input item. All items are checked first: in
 * stop mode a bad item stops the node before any request is sent; with continue-on-fail it becomes
 * an error item and the other items go ahead.
 */
export function forEachItem<Plan>(operation: ItemOperation<Plan>) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { node, run, batching, continueOnFail, checked } = await checkAll(this, operation.check);

		const pending: Array<Promise<IDataObject>> = [];
		for (const [itemIndex, entry] of checked.entries()) {
			if (pausesBefore(itemIndex, batching)) await sleep(batching.intervalMs);
			const result = 'error' in entry ? Promise.reject(entry.error) : operation.send(entry.item, run, entry.plan);
			// Handled below, after every item has started; until then a failure must not count as unhandled.
			result.catch(() => undefined);
			pending.push(result);
		}
		const settled = await Promise.allSettled(pending);

		const output: INodeExecutionData[] = [];
		for (const [itemIndex, result] of settled.entries()) {
			const pairedItem = { item: itemIndex };
			if (result.status === 'fulfilled') output.push({ json: result.value, pairedItem });
			else if (continueOnFail) output.push({ json: {}, error: asNodeError(node, result.reason, itemIndex), pairedItem });
			else throw asNodeError(node, result.reason, itemIndex);
		}
		return [output];
	};
}
