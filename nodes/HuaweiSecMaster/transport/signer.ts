import { createHash, createHmac } from 'node:crypto';

// Huawei Cloud's SDK-HMAC-SHA256 request signing (the SDKs' AK/SK default), as a
// pure function: same inputs, same headers. The node signs the exact bytes it sends.

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type QueryValue = string | number | boolean | Array<string | number | boolean>;
export type Query = Record<string, QueryValue | undefined | null>;

/** RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are; everything else is %XX (upper hex). */
export function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each segment decoded then encoded, with the trailing "/" the gateway signs (the request is sent without it). */
export function canonicalUri(pathname: string): string {
	const path = pathname
		.split('/')
		.map((segment) => encodeRfc3986(safeDecode(segment)))
		.join('/');
	return path.endsWith('/') ? path : `${path}/`;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** key=value pairs, RFC 3986-encoded, sorted by key then value (an array gives one pair per value), joined by "&". */
export function canonicalQuery(query: Query = {}): string {
	const pairs: Array<[string, string]> = [];
	for (const key of Object.keys(query)) {
		const value = query[key];
		if (value === undefined || value === null) continue;
		for (const item of Array.isArray(value) ? value : [value]) pairs.push([encodeRfc3986(key), encodeRfc3986(String(item))]);
	}
	pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? compare(valueA, valueB) : compare(keyA, keyB)));
	return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** X-Sdk-Date: YYYYMMDDTHHMMSSZ in UTC. */
export function sdkDate(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalInput {
	method: string;
	pathname: string;
	query?: Query;
	/** The headers to sign, by name; names are lower-cased and sorted here. */
	signedHeaders: Record<string, string>;
	body?: string | Buffer;
}

export function canonicalRequest(input: CanonicalInput): { request: string; signedHeaderNames: string } {
	const headers = Object.entries(input.signedHeaders)
		.map(([name, value]) => [name.toLowerCase(), String(value).trim()] as const)
		.sort(([a], [b]) => compare(a, b));
	const body = input.body ?? '';
	const request = [
		input.method.toUpperCase(),
		canonicalUri(input.pathname),
		canonicalQuery(input.query),
		headers.map(([name, value]) => `${name}:${value}\n`).join(''),
		headers.map(([name]) => name).join(';'),
		sha256Hex(body),
	].join('\n');
	return { request, signedHeaderNames: headers.map(([name]) => name).join(';') };
}

/** hex(HMAC-SHA256(SK, "SDK-HMAC-SHA256\n{date}\n{hex(sha256(canonical request))}")). */
export function signature(secretKey: string, date: string, canonical: string): string {
	const stringToSign = `${SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
	return createHmac('sha256', secretKey).update(stringToSign).digest('hex');
}

export interface SigningInput {
	method: string;
	/** The full URL, without the query. */
	url: string;
	query?: Query;
	body?: string | Buffer;
	accessKeyId: string;
	secretAccessKey: string;
	projectId?: string;
	securityToken?: string;
	date: Date;
}

/**
 * The headers that make a request signed: X-Sdk-Date, Host, X-Project-Id and
 * X-Security-Token (when given), all signed, and Authorization.
 */
export function signRequest(input: SigningInput): Record<string, string> {
	const url = new URL(input.url);
	const headers: Record<string, string> = { 'X-Sdk-Date': sdkDate(input.date), Host: url.host };
	if (input.projectId) headers['X-Project-Id'] = input.projectId;
	if (input.securityToken) headers['X-Security-Token'] = input.securityToken;
	const { request, signedHeaderNames } = canonicalRequest({
		method: input.method,
		pathname: url.pathname,
		query: input.query,
		signedHeaders: headers,
		body: input.body,
	});
	const signed = signature(input.secretAccessKey, headers['X-Sdk-Date'], request);
	headers.Authorization = `${SIGNING_ALGORITHM} Access=${input.accessKeyId}, SignedHeaders=${signedHeaderNames}, Signature=${signed}`;
	return headers;
}
