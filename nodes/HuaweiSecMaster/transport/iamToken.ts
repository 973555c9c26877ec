import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { createHash } from 'node:crypto';

import { CALL_OPTIONS } from './callOptions';
import { readApiError } from './errorAnswer';

// The IAM token of the password type. n8n stores it itself (encrypted, in the credential's hidden
// sessionToken), where every queue-mode worker reads it, and renews it through preAuthentication.
// In memory, per process: a login in progress, and the newest token this process obtained for an
// IAM user, which makes this process the one to renew it (see mustRenew) and which its other runs
// take before n8n has finished saving it (see ownNewerToken).

/**
 * Renew the IAM token a little before IAM says it expires: 5 minutes, or half of a shorter
 * lifetime, which leaves the other processes sharing the token (queue-mode workers) time to take
 * the renewed one from the stored credential before it ends: n8n may take seconds to save it on a
 * busy database.
 */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export function renewalTime(issuedAt: unknown, expiresAt: unknown, now: Date): string {
	const expires = Date.parse(text(expiresAt));
	if (!Number.isFinite(expires)) return '';
	const issued = Date.parse(text(issuedAt));
	const lifetime = expires - (Number.isFinite(issued) ? issued : now.getTime());
	return new Date(expires - Math.min(RENEW_BEFORE_MS, Math.max(0, lifetime) / 2)).toISOString();
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
// credential n8n stores, instead of each logging in at the same moment (mustRenew). This
// process's own runs take it at once, before n8n has saved it (ownNewerToken).
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
	// A run that found no token: a login this process finished while it waited (for the stored
	// credential, say) is its too, saved already or being saved by the request that made it. A token
	// that is due or was refused gets the login n8n asks for.
	const own = text(credentials.sessionToken) ? undefined : await ownNewerToken(helpers, credentials, new Date());
	if (own) {
		Object.assign(credentials, own);
		return {};
	}
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

/** Whether the stored token is not due and IAM still accepts it. */
async function stillValid(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<boolean> {
	const token = text(credentials.sessionToken);
	if (!token || isDue(credentials.sessionTokenRenewAt, new Date())) return false;
	return await iamAccepts(helpers, credentials, token);
}

/** Whether IAM accepts this token (a user may check their own); unsure counts as no. */
async function iamAccepts(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject, token: string): Promise<boolean> {
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

/**
 * The time by which any process renews: a tenth of the renewal margin before expires_at, and at
 * least a second (30 s before the end of IAM's 24-hour tokens). Until then a process that did not
 * obtain the token keeps sending with it and waits for its renewer's, which n8n may take seconds
 * to save on a busy database; the tenth is for the requests still on their way when it ends.
 */
function lastRenewalTime(credentials: ICredentialDataDecryptedObject): number {
	const renewAt = Date.parse(text(credentials.sessionTokenRenewAt));
	const expires = Date.parse(text(credentials.sessionTokenExpiresAt));
	if (!Number.isFinite(expires) || expires <= renewAt) return renewAt;
	return Math.max(renewAt, expires - Math.max(LAST_RENEWAL_MIN_MS, (expires - renewAt) / 10));
}

const LAST_RENEWAL_MIN_MS = 1000;

/** Whether this process obtained the token the credential holds, which makes it the one to renew it. */
export function renewsHere(credentials: ICredentialDataDecryptedObject): boolean {
	const token = text(credentials.sessionToken);
	return Boolean(token) && obtainedHere.get(loginKey(credentials))?.sessionToken === token;
}

/** Whether a request must wait for a new token instead of going out with this one. */
export function mustRenew(credentials: ICredentialDataDecryptedObject, now: Date): boolean {
	if (!text(credentials.sessionToken)) return true;
	if (!isDue(credentials.sessionTokenRenewAt, now)) return false;
	if (lastRenewalTime(credentials) <= now.getTime()) return true;
	return renewsHere(credentials);
}

/**
 * For a run that holds its own copy of the credential: when its token is due (or missing) and the
 * credential n8n stores holds another one that has not expired, the copy takes it, due or not.
 * The stored token is the one every process shares: its renewer (the process that obtained it)
 * renews it and the others wait for that (mustRenew), so two processes whose own tokens fell due
 * together (both logged in on an empty credential) do not each go on renewing their own.
 */
export function adoptStoredToken(
	copy: ICredentialDataDecryptedObject,
	stored: ICredentialDataDecryptedObject,
	now: Date,
): boolean {
	const token = text(stored.sessionToken);
	if (!token || token === text(copy.sessionToken) || isDue(stored.sessionTokenExpiresAt, now)) return false;
	copy.sessionToken = stored.sessionToken;
	copy.sessionTokenRenewAt = stored.sessionTokenRenewAt;
	copy.sessionTokenExpiresAt = stored.sessionTokenExpiresAt ?? '';
	return true;
}

/**
 * For a run whose copy holds no token or a due one: the newer token this process obtained meanwhile
 * (this run's renewer, or a run that started just before it), once IAM has confirmed it for this
 * run. n8n may take seconds to save a login on a busy database, and shows it to other runs only then.
 */
export async function ownNewerToken(
	helpers: IHttpRequestHelper['helpers'],
	copy: ICredentialDataDecryptedObject,
	now: Date,
): Promise<IDataObject | undefined> {
	const key = loginKey(copy);
	const own = obtainedHere.get(key);
	if (!own || own.sessionToken === text(copy.sessionToken) || isDue(own.sessionTokenRenewAt, now)) return undefined;
	const ownExpires = Date.parse(text(own.sessionTokenExpiresAt));
	const copyExpires = Date.parse(text(copy.sessionTokenExpiresAt));
	if (ownExpires <= copyExpires) return undefined;
	// A renewal of the copy's token expires at least a renewal margin after it; a login of about the
	// same moment is a twin (two workers that started on an empty credential), and the copy's token,
	// read from the stored credential, is the one both share.
	const copyMargin = copyExpires - Date.parse(text(copy.sessionTokenRenewAt));
	if (Number.isFinite(copyMargin) && ownExpires - copyExpires < copyMargin) return undefined;
	// Confirmed for each run (its requests in flight share one check): a process outlives what IAM
	// remembers, such as a token revoked with its user's password.
	const earlier = confirmations.get(copy);
	const check =
		earlier && earlier.token === own.sessionToken ? earlier : { token: own.sessionToken, accepted: iamAccepts(helpers, copy, String(own.sessionToken)) };
	confirmations.set(copy, check);
	if (await check.accepted) return own;
	if (obtainedHere.get(key) === own) obtainedHere.delete(key);
	return undefined;
}

const confirmations = new WeakMap<ICredentialDataDecryptedObject, { token: unknown; accepted: Promise<boolean> }>();

/**
 * The gateway refused this token (it ended, or IAM revoked it): this process no longer hands it to
 * the runs that find none or a due one.
 */
export function tokenRefused(credentials: ICredentialDataDecryptedObject): void {
	const key = loginKey(credentials);
	if (obtainedHere.get(key)?.sessionToken === text(credentials.sessionToken)) obtainedHere.delete(key);
}

/** Whether a run's copy of the credential holds no IAM token, or one that has fallen due. */
export function sessionTokenDue(credentials: ICredentialDataDecryptedObject, now: Date): boolean {
	if (credentials.authType !== 'password') return false;
	return !text(credentials.sessionToken) || isDue(credentials.sessionTokenRenewAt, now);
}

/**
 * Thrown instead of sending a request with an IAM token that has (nearly)
 * expired: n8n answers a 401 by running preAuthentication again and retrying,
 * so the request goes out once, with a fresh token.
 */
export function expiredTokenError(): Error {
	return Object.assign(new Error('The IAM token has expired; n8n renews it'), { response: { status: 401 } });
}

function isDue(time: unknown, now: Date): boolean {
	const at = Date.parse(text(time));
	return Number.isFinite(at) && at <= now.getTime();
}

/**
 * Forgets what this process remembers of IAM (the logins in progress, the tokens it obtained), for
 * a process whose IAM was replaced: the tests reset their simulated IAM between cases.
 */
export function forgetIamTokens(): void {
	loginsInFlight.clear();
	obtainedHere.clear();
}
