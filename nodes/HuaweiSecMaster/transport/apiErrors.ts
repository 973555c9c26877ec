import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeApiError, readApiError } from './errorAnswer';
import { parseRetryAfter } from './retryPolicy';
import { isSuccess } from './callOptions';

function headerText(headers: IDataObject | undefined, name: string): string {
	const value = headers?.[name];
	return typeof value === 'string' ? value : '';
}

/** A redirect or a 2xx that is not JSON: no error code to show, so say what came instead. */
function unexpectedAnswer(statusCode: number, headers: IDataObject | undefined): string {
	if (statusCode < 300 || statusCode >= 400) return `SecMaster answered HTTP ${statusCode} without a JSON object body`;
	const location = headerText(headers, 'location');
	// n8n would send the token or the signed headers on to wherever the redirect points.
	return `The endpoint answered with a redirect (HTTP ${statusCode}${location ? ` to ${location}` : ''}), which the node does not follow: check the region or endpoint in the credential`;
}

/** The NodeApiError for a SecMaster or gateway error response (or a 2xx without a JSON object, or a redirect). */
export function apiError(
	context: { getNode(): INode; getItemIndex?(): number },
	response: IN8nHttpFullResponse,
): NodeApiError {
	const { statusCode, headers, body } = response;
	const details = readApiError(statusCode, headers, body);
	const { message, description } =
		statusCode < 400
			? {
					message: unexpectedAnswer(statusCode, headers),
					description: describeApiError(details).description,
				}
			: describeApiError(details);
	const errorResponse: IDataObject = {
		httpCode: String(statusCode),
		code: details.code ?? null,
		message: details.message ?? details.rawBody ?? null,
		requestId: details.requestId ?? null,
	};
	const retryAfterMs = parseRetryAfter(headers?.['retry-after']);
	if (retryAfterMs !== undefined) errorResponse.retryAfterMs = retryAfterMs;
	return new NodeApiError(context.getNode(), errorResponse as JsonObject, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex: context.getItemIndex?.(),
	});
}

/**
 * The one error handler every operation shares. Requests run with
 * ignoreHttpStatusErrors so that SecMaster's own code, message and request ID
 * reach the user instead of n8n's generic "Bad request" text.
 */
export async function throwOnApiError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (isSuccess(response)) return items;
	throw apiError(this, response);
}
