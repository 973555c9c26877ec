import {
	getCredentialAllowedDomains,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import { apiError, isJsonObject } from './errors';
import { type ItemContext, itemOf } from './itemContext';
import { batchingOf, pausesBefore, proxyProblem, transportOptions } from './requestOptions';
import type { RequestKind } from './retry';
import { retryLimits, withRetries } from './retrying';
import { CREDENTIAL_TYPE } from './runCredentials';

// Operate Instance and Update Rule are the operations users push thousands of
// items through, so they run as custom operations (n8n's way for a declarative
// node to implement an operation itself) rather than through the RoutingNode,
// which evaluates every parameter of the node twice per item and reads and
// decrypts the credential again for every request. Here each parameter is read
// once per item and the credential once per run; everything else is as the
// RoutingNode does it: the same Request Options, every item's request started
// at once (or in batches), the same errors in stop and continue-on-fail mode.

export interface SecMasterRequest {
	method: 'GET' | 'POST' | 'PUT';
	baseURL: string;
	url: string;
	body?: IDataObject;
}

/** What one run of a custom operation shares across its items. */
export interface OperationRun {
	readonly credentials: ICredentialDataDecryptedObject;
	/** One request with the credential's authentication; every status is answered, not thrown. */
	send(request: SecMasterRequest): Promise<IN8nHttpFullResponse>;
}

/** One item's work: its parameters checked, its request sent, its output item's JSON. */
export type ItemOperation = (item: ItemContext, run: OperationRun) => Promise<IDataObject>;

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
			if (response.statusCode >= 400 || !isJsonObject(response.body)) throw apiError(item, response);
			return response;
		},
		verify,
	);
}

function operationRun(context: IExecuteFunctions, credentials: ICredentialDataDecryptedObject): OperationRun {
	const node = context.getNode();
	const requestOptions = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
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
		async send({ method, baseURL, url, body }) {
			const options: IHttpRequestOptions = {
				...transport,
				method,
				baseURL,
				url,
				headers: { Accept: 'application/json' },
				json: true,
				returnFullResponse: true,
				// SecMaster's own code, message and request ID are read by sendChecked.
				ignoreHttpStatusErrors: true,
			};
			if (body !== undefined) {
				options.headers = { ...options.headers, 'Content-Type': 'application/json;charset=UTF-8' };
				options.body = { ...body };
			}
			if (allowedDomains) options.allowedDomains = allowedDomains;
			return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options, {
				credentialsDecrypted,
			})) as IN8nHttpFullResponse;
		},
	};
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** What n8n's RoutingNode makes of an item that failed, in stop mode. */
function stopError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) {
		error.context = { ...error.context, itemIndex };
		return error;
	}
	const cause = (error ?? {}) as JsonObject & { message?: string; description?: string };
	return new NodeApiError(context.getNode(), cause, {
		itemIndex,
		message: cause.message,
		description: cause.description,
		httpCode: 'none',
	});
}

/** A custom operation that runs `operate` for every input item. */
export function forEachItem(operate: ItemOperation) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const run = operationRun(this, await this.getCredentials(CREDENTIAL_TYPE));
		const batching = batchingOf(this.getNodeParameter('requestOptions', 0, {}) as IDataObject);

		const pending: Array<Promise<IDataObject>> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (pausesBefore(itemIndex, batching)) await sleep(batching.intervalMs);
			const result = operate(itemOf(this, itemIndex, node), run);
			// Handled below, after every item has started; until then a failure must not count as unhandled.
			result.catch(() => undefined);
			pending.push(result);
		}
		const settled = await Promise.allSettled(pending);

		const output: INodeExecutionData[] = [];
		for (const [itemIndex, result] of settled.entries()) {
			const pairedItem = { item: itemIndex };
			if (result.status === 'fulfilled') output.push({ json: result.value, pairedItem });
			else if (this.continueOnFail()) output.push({ json: {}, error: asNodeError(this, result.reason, itemIndex), pairedItem });
			else throw stopError(this, result.reason, itemIndex);
		}
		return [output];
	};
}
