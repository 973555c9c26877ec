import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { createHash } from 'node:crypto';

import { CALL_OPTIONS } from './callOptions';
import { readApiError } from './errorAnswer';
import { canonicalQuery, signRequest } from './signer';
import { type AnyRequestOptions, setTargetUrl, targetUrl, wireBody, wireQuery, withHeaders } from './wireRequest';

// How each authentication type of the credential reaches a request. n8n stores the
// IAM token of the password type itself (encrypted, in the credential's hidden
// sessionToken), where every queue-mode worker reads it. In memory: a login in
// progress, and the newest token this process obtained for an IAM user, which
// makes this process the one to renew it (see mustRenew).

/**
 * Renew the IAM token a little before IAM says it expires: 5 minutes, or a quarter of a shorter
 * lifetime, which leaves the other processes sharing the token (queue-mode workers) time to take
 * the renewed one from the stored credential before it ends.
 */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export function renewalTime(issuedAt: unknown, expiresAt: unknown, now: Date): string {
	const expires = Date.parse(text(expiresAt));
	if (!Number.isFinite(expires)) return '';
	const issued = Date.parse(text(issuedAt));
	const lifetime = expires - (Number.isFinite(issued) ? issued : now.getTime());
	return new Date(expires - Math.min(RENEW_BEFORE_MS, Math.max(0, lifetime) / 4)).toISOString();
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export function iamTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = text(credentials.iamEndpoint) || `https://iam.${text(credentials.region) || 'cn-north-4'}.myhuaweicloud.com`;
	return `${base.replace(/\/+$/, '')}/v3/auth/tokens`;
}

export function iamTokenRequestBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						domain: { name: text(credentials.domainName) },
						name: text(credentials.userName),
						password: String(credentials.password ?? ''),
					},
				},
			},
			scope: { project: { id: text(credentials.projectId) } },
		},
	};
}

// n8n renews a due token per request: every item in flight when the token falls
// due calls preAuthentication at once. They share the login already under way
// for the same IAM user instead of each asking IAM; it is dropped as soon as it
// settles (the token it obtained is remembered below).
const loginsInFlight = new Map<string, Promise<IDataObject>>();

// The newest token this process obtained, per IAM user (the key covers the password). Several
// processes (queue-mode workers) share one stored token: the one that obtained it renews it when
// it falls due; the others keep using it a little longer and take the renewed one from the
// credential n8n stores, instead of each logging in at the same moment. Only when the token gets
// close to expiry does any process renew it (its renewer may have stopped).
const obtainedHere = new Map<string, IDataObject>();

function loginKey(credentials: ICredentialDataDecryptedObject): string {
	const who = [iamTokenUrl(credentials), iamTokenRequestBody(credentials)];
	return createHash('sha256').update(JSON.stringify(who)).digest('hex');
}

/** preAuthentication: for the password type, a new IAM token; nothing for the others. */
export async function requestIamToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.authType !== 'password') return {};
	// Beyond a missing or due token, n8n asks for a new one after a failed request and then sends
	// that request again: after a 401 for the node's own calls, but after any failure (a 400, a
	// 500, a timeout) for the HTTP Request node's. A token IAM still vouches for is kept, so that
	// n8n reports the failure instead of sending the request twice.
	if (await stillValid(helpers, credentials)) return {};
	const key = loginKey(credentials);
	let login = loginsInFlight.get(key);
	const first = !login;
	if (!login) {
		login = logIn(helpers, credentials).finally(() => loginsInFlight.delete(key));
		loginsInFlight.set(key, login);
	}
	const renewed = { ...(await login) };
	// n8n puts the new token into this copy only after saving it to its database, which
	// can take longer than a batch interval; requests starting meanwhile would find the
	// old token, and the login no longer in flight, and log in again.
	Object.assign(credentials, renewed);
	// n8n saves what preAuthentication answers, once per caller: only the request that started
	// the login answers the token, so that it is saved once, not by every request in flight
	// (on a worker running ten executions, ten writes of one row at the same moment).
	return first ? renewed : {};
}

/** Whether IAM still accepts the stored token (a user may check their own); unsure counts as no. */
async function stillValid(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<boolean> {
	const token = text(credentials.sessionToken);
	if (!token || isDue(credentials.sessionTokenRenewAt, new Date())) return false;
	try {
		const response = await helpers.httpRequest({
			method: 'GET',
			url: iamTokenUrl(credentials),
			qs: { nocatalog: 'true' },
			headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
			...CALL_OPTIONS,
		});
		return response.statusCode === 200;
	} catch {
		return false;
	}
}

async function logIn(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const url = iamTokenUrl(credentials);
	const response = await helpers.httpRequest({
		method: 'POST',
		url,
		body: iamTokenRequestBody(credentials),
		...CALL_OPTIONS,
	});
	const token = response.headers?.['x-subject-token'];
	if (response.statusCode >= 300 || typeof token !== 'string' || !token) {
		const details = readApiError(response.statusCode, response.headers as IDataObject, response.body);
		const reason = details.message ?? details.rawBody ?? 'no X-Subject-Token in the answer';
		// A plain Error on purpose: n8n shows its message in the credential dialog
		// and in the execution; it carries no HTTP fields that would replace it.
		throw new Error(
			`IAM did not issue a token for user "${text(credentials.userName)}" of account "${text(credentials.domainName)}": ${reason} (HTTP ${response.statusCode}${details.requestId ? `, request ID ${details.requestId}` : ''})`,
		);
	}
	const issued = ((response.body as IDataObject | undefined)?.token ?? {}) as IDataObject;
	const expires = Date.parse(text(issued.expires_at));
	const renewed = {
		sessionToken: token,
		sessionTokenRenewAt: renewalTime(issued.issued_at, issued.expires_at, new Date()),
		sessionTokenExpiresAt: Number.isFinite(expires) ? new Date(expires).toISOString() : '',
	};
	obtainedHere.set(loginKey(credentials), renewed);
	return renewed;
}

/** The time by which any process renews: halfway from the renewal time to expires_at. */
function lastRenewalTime(credentials: ICredentialDataDecryptedObject): number {
	const renewAt = Date.parse(text(credentials.sessionTokenRenewAt));
	const expires = Date.parse(text(credentials.sessionTokenExpiresAt));
	return Number.isFinite(expires) && expires > renewAt ? renewAt + (expires - renewAt) / 2 : renewAt;
}

/** Whether a request must wait for a new token instead of going out with this one. */
function mustRenew(credentials: ICredentialDataDecryptedObject, now: Date): boolean {
	const token = text(credentials.sessionToken);
	if (!token) return true;
	if (!isDue(credentials.sessionTokenRenewAt, now)) return false;
	if (lastRenewalTime(credentials) <= now.getTime()) return true;
	return obtainedHere.get(loginKey(credentials))?.sessionToken === token;
}

/**
 * For a run that holds its own copy of the credential: when its token is due and the credential
 * n8n stores holds a newer one that is not (renewed by another run or worker), the copy takes it.
 */
export function adoptStoredToken(
	copy: ICredentialDataDecryptedObject,
	stored: ICredentialDataDecryptedObject,
	now: Date,
): boolean {
	const token = text(stored.sessionToken);
	if (!token || token === text(copy.sessionToken) || isDue(stored.sessionTokenRenewAt, now)) return false;
	copy.sessionToken = stored.sessionToken;
	copy.sessionTokenRenewAt = stored.sessionTokenRenewAt;
	copy.sessionTokenExpiresAt = stored.sessionTokenExpiresAt ?? '';
	return true;
}

/** Whether a run's copy of the credential holds an IAM token that has fallen due. */
export function sessionTokenDue(credentials: ICredentialDataDecryptedObject, now: Date): boolean {
	return credentials.authType === 'password' && isDue(credentials.sessionTokenRenewAt, now);
}

/**
 * Thrown instead of sending a request with an IAM token that has (nearly)
 * expired: n8n answers a 401 by running preAuthentication again and retrying,
 * so the request goes out once, with a fresh token.
 */
function expiredTokenError(): Error {
	return Object.assign(new Error('The IAM token has expired; n8n renews it'), { response: { status: 401 } });
}

function isDue(renewAt: unknown, now: Date): boolean {
	const time = Date.parse(text(renewAt));
	return Number.isFinite(time) && time <= now.getTime();
}

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
