import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { Query } from './signer';

// What a request will put on the wire, read from either shape of request options n8n hands a
// credential's authenticate: the node's own (IHttpRequestOptions: url, baseURL, qs, body) and the
// legacy ones n8n's HTTP Request node sends with a predefined credential (IRequestOptions: uri,
// qs, body, form, formData). AK/SK signing covers the URL, the query and the body bytes, so the
// signer serializes all three itself and hands n8n exactly those.

export type AnyRequestOptions = IHttpRequestOptions & { uri?: string; form?: unknown; formData?: unknown };

/** The URL the request goes to, as axios joins baseURL and url; the legacy options name it `uri`. */
export function targetUrl(options: AnyRequestOptions): string {
	const url = String(options.url ?? options.uri ?? '');
	if (/^https?:\/\//i.test(url) || !options.baseURL) return url;
	return `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** Writes the signed URL back where the request options keep it. */
export function setTargetUrl(options: AnyRequestOptions, url: string): void {
	if (options.url === undefined && options.uri !== undefined) options.uri = url;
	else options.url = url;
	delete options.baseURL;
}

/**
 * The query that goes out: the one already in the URL plus `qs`. axios appends `qs` to a URL that
 * has a query, so a name in both is sent twice; here too (as a repeated parameter).
 */
export function wireQuery(urlQuery: string, qs: unknown): Query {
	const query: Record<string, string[]> = {};
	const add = (name: string, value: unknown) => (query[name] ??= []).push(String(value));
	for (const [name, value] of new URLSearchParams(urlQuery)) add(name, value);
	for (const [name, value] of Object.entries((qs ?? {}) as IDataObject)) {
		// axios leaves out parameters whose value is null or undefined.
		if (value === undefined || value === null) continue;
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item !== null && typeof item === 'object') {
				throw new Error(
					`Query parameter "${name}" is an object; a signed SecMaster request takes text, numbers and lists of them`,
				);
			}
			add(name, item);
		}
	}
	return query;
}

/** application/x-www-form-urlencoded, as URLSearchParams writes it; lists become repeated names. */
function formText(form: unknown): string {
	if (typeof form === 'string') return form;
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries((form ?? {}) as IDataObject)) {
		for (const item of Array.isArray(value) ? value : [value]) {
			params.append(name, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item ?? ''));
		}
	}
	return params.toString();
}

function hasHeader(options: AnyRequestOptions, name: string): boolean {
	return Object.keys(options.headers ?? {}).some((key) => key.toLowerCase() === name);
}

function setDefaultContentType(options: AnyRequestOptions, type: string): void {
	if (!hasHeader(options, 'content-type')) options.headers = { ...options.headers, 'content-type': type };
}

function isStream(body: unknown): body is AsyncIterable<Buffer | string> {
	return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

async function readAll(stream: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		size += bytes.length;
		// Past the limit the request is refused anyway: no need to hold the rest in memory.
		if (size > limit) return Buffer.concat([...chunks, bytes]);
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}

/**
 * Turns the body into the exact bytes that will be sent (a string stays a string, so that n8n's
 * legacy form handling sends it as it is) and sets the content type n8n would have set for it.
 * Returns the bytes to sign, or undefined for no body. `limit`: the size past which reading a
 * stream stops (the caller refuses such a body).
 */
export async function wireBody(options: AnyRequestOptions, limit: number): Promise<Buffer | undefined> {
	if (options.formData !== undefined) {
		throw new Error(
			'A multipart/form-data body cannot be signed with an access key: its boundary is chosen only when it is sent. Send the file as the raw body (Body Content Type "n8n Binary File"), or use the IAM token or IAM user authentication',
		);
	}
	if (options.form !== undefined) {
		const body = options.body && typeof options.body === 'object' ? { ...(options.body as IDataObject) } : {};
		options.body = typeof options.form === 'string' ? options.form : formText({ ...body, ...(options.form as IDataObject) });
		delete options.form;
		setDefaultContentType(options, 'application/x-www-form-urlencoded');
	}
	let body = options.body as unknown;
	if (isStream(body)) body = options.body = await readAll(body, limit);
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return body.length ? body : undefined;
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (typeof body === 'object' && Object.keys(body).length === 0) return undefined;
	const json = Buffer.from(JSON.stringify(body), 'utf8');
	options.body = json;
	setDefaultContentType(options, 'application/json');
	return json;
}

/** Headers with `added` set, replacing any of the same name in another spelling (the HTTP Request node lower-cases). */
export function withHeaders(headers: IDataObject | undefined, added: Record<string, string>): IDataObject {
	const names = new Set(Object.keys(added).map((name) => name.toLowerCase()));
	const kept = Object.entries(headers ?? {}).filter(([name]) => !names.has(name.toLowerCase()));
	return { ...Object.fromEntries(kept), ...added };
}
