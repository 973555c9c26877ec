import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { expiredTokenError, mustRenew } from './iamToken';
import { canonicalQuery, signRequest } from './signer';
import { type AnyRequestOptions, setTargetUrl, targetUrl, wireBody, wireQuery, withHeaders } from './wireRequest';

// How each authentication type of the credential reaches a request: an IAM token (pasted, or
// obtained for the IAM user: iamToken.ts), or an AK/SK signature.

/** The API gateway refuses AK/SK-signed request bodies over 12 MB. */
export const SIGNED_BODY_LIMIT = 12 * 1024 * 1024;

/** What is wrong with signing a body of `bytes` bytes, or undefined when the gateway takes it. */
export function signedBodyProblem(bytes: number): string | undefined {
	if (bytes <= SIGNED_BODY_LIMIT) return undefined;
	const count = (value: number) => value.toLocaleString('en-US');
	const limit = `at most 12 MB (${count(SIGNED_BODY_LIMIT)} bytes)`;
	return `The request body would be ${count(bytes)} bytes; the API gateway takes AK/SK-signed bodies of ${limit}`;
}

/** The body exactly as signAkSk signs and sends it (JSON as UTF-8), or undefined when there is none. */
export function bodyBytes(body: IHttpRequestOptions['body']): Buffer | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (typeof body === 'object' && Object.keys(body).length === 0) return undefined;
	return Buffer.from(JSON.stringify(body), 'utf8');
}

async function signAkSk(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: AnyRequestOptions,
	now: Date,
): Promise<IHttpRequestOptions> {
	const target = targetUrl(requestOptions).split('#')[0];
	const [url, urlQuery = ''] = target.split(/\?(.*)/s);
	const query = wireQuery(urlQuery, requestOptions.qs);
	const body = await wireBody(requestOptions, SIGNED_BODY_LIMIT);
	const problem = signedBodyProblem(body?.length ?? 0);
	if (problem) throw new Error(problem);
	const signed = signRequest({
		method: requestOptions.method ?? 'GET',
		url,
		query,
		body,
		accessKeyId: text(credentials.accessKeyId),
		secretAccessKey: String(credentials.secretAccessKey ?? ''),
		projectId: text(credentials.projectId),
		securityToken: text(credentials.securityToken) || undefined,
		date: now,
	});
	// Send exactly what was signed: the query in its canonical form, the body as serialized above.
	const queryString = canonicalQuery(query);
	setTargetUrl(requestOptions, queryString ? `${url}?${queryString}` : url);
	delete requestOptions.qs;
	if (!body) delete requestOptions.body;
	requestOptions.headers = withHeaders(requestOptions.headers, signed);
	return requestOptions;
}

export async function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	now: Date,
): Promise<IHttpRequestOptions> {
	const authType = credentials.authType ?? 'token';
	if (authType === 'aksk') return await signAkSk(credentials, requestOptions, now);

	let token = text(credentials.token);
	if (authType === 'password') {
		token = text(credentials.sessionToken);
		if (mustRenew(credentials, now)) throw expiredTokenError();
		// Let a 401 (a token IAM revoked early) reach n8n, which renews the token and retries once.
		if (requestOptions.ignoreHttpStatusErrors === true) {
			requestOptions.ignoreHttpStatusErrors = { ignore: true, except: [401] };
		}
	}
	requestOptions.headers = withHeaders(requestOptions.headers, { 'X-Auth-Token': token });
	return requestOptions;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
