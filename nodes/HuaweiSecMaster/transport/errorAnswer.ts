import type { IDataObject } from 'n8n-workflow';

// Pure reading of a SecMaster / API Gateway error response, in the order the
// Huawei SDKs use: error_code/error_msg, errorCode/errorMsg, code/message, a
// nested `error` object; else the HTTP status and the raw body.

export interface ApiErrorDetails {
	httpCode: number;
	code?: string;
	message?: string;
	requestId?: string;
	/** The body when it is not JSON (an HTML error page, plain text), shortened. */
	rawBody?: string;
}

const PAIRS: Array<[string, string]> = [
	['error_code', 'error_msg'],
	['errorCode', 'errorMsg'],
	['code', 'message'],
];

const MAX_RAW_BODY = 300;

function asText(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function readPair(body: IDataObject): { code?: string; message?: string } | undefined {
	for (const [codeKey, messageKey] of PAIRS) {
		const code = asText(body[codeKey]);
		const message = asText(body[messageKey]);
		if (code || message) return { code, message };
	}
	const nested = body.error;
	if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
		return readPair(nested as IDataObject);
	}
	if (typeof nested === 'string' && nested.trim()) return { message: nested.trim() };
	return undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return Buffer.isBuffer(body) ? parseBody(body.toString('utf8')) : body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((header) => header.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return asText(Array.isArray(value) ? value[0] : value);
}

export function readApiError(
	httpCode: number,
	headers: IDataObject | undefined,
	body: unknown,
): ApiErrorDetails {
	const details: ApiErrorDetails = { httpCode };
	const parsed = parseBody(body);
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
		Object.assign(details, readPair(parsed as IDataObject));
		details.requestId = asText((parsed as IDataObject).request_id);
	} else if (typeof parsed === 'string' && parsed.trim()) {
		const flat = parsed.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		details.rawBody = flat.length > MAX_RAW_BODY ? `${flat.slice(0, MAX_RAW_BODY)}…` : flat;
	}
	details.requestId = headerValue(headers, 'x-request-id') ?? details.requestId;
	return details;
}

const STATUS_HINTS: Record<number, string> = {
	401: 'The gateway rejected the credential: a wrong or expired IAM token (tokens live 24 hours), a wrong access key or secret key, or, for signed requests, a clock more than 15 minutes off.',
	403: 'Check the Project ID and the Workspace ID in the credential (or the workspace override).',
	404: 'Check the IDs, the region and the endpoint.',
	429: 'SecMaster is throttling requests: space them out with the Batching option.',
};

/** One line a person can act on: "SecMaster.20010001: Workspace not found (HTTP 403)". */
export function describeApiError(details: ApiErrorDetails): { message: string; description: string } {
	const summary = details.message ?? details.rawBody ?? 'SecMaster returned an error without a message';
	const message = `${details.code ? `${details.code}: ` : ''}${summary} (HTTP ${details.httpCode})`;
	const lines = [
		`HTTP status: ${details.httpCode}`,
		`Error code: ${details.code ?? 'none given'}`,
		`Request ID: ${details.requestId ?? 'none given'}`,
	];
	const hint = STATUS_HINTS[details.httpCode];
	if (hint) lines.push(hint);
	return { message, description: lines.join('\n') };
}
