import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { adoptStoredToken, mustRenew, ownNewerToken, renewsHere, sessionTokenDue, tokenRefused } from './iamToken';
import { CREDENTIAL_TYPE } from './credentialType';

type Context = IExecuteFunctions | IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

// Requests of this process that look at the stored credential share one read while it is in
// flight, and those waiting for the renewal of one token for a moment after: while a token is
// due, every request of the runs waiting for its renewer looks, and a read per request would load
// the database n8n also needs to save that renewal.
const READ_REUSED_MS = 250;
const reads = new Map<string, { at: number; settled: boolean; read: Promise<ICredentialDataDecryptedObject | undefined> }>();

/** Forgets the recent reads of stored credentials (the tests replace them between cases). */
export function forgetStoredReads(): void {
	reads.clear();
}

/**
 * The credential as n8n stores it now; undefined when it cannot be read (a busy database: then
 * renew). `reuse`: a read of the last 250 ms serves too, for requests that wait for a token's renewal.
 */
function storedCredential(context: Context, id: string, waitingFor: unknown, reuse: boolean): Promise<ICredentialDataDecryptedObject | undefined> {
	const key = `${id}\n${typeof waitingFor === 'string' ? waitingFor : ''}\n${reuse}`;
	const recent = reads.get(key);
	if (recent && (!recent.settled || (reuse && Date.now() - recent.at < READ_REUSED_MS))) return recent.read;
	const entry = { at: Date.now(), settled: false, read: Promise.resolve<ICredentialDataDecryptedObject | undefined>(undefined) };
	entry.read = (context.getCredentials(CREDENTIAL_TYPE) as Promise<ICredentialDataDecryptedObject>)
		.catch(() => undefined)
		.finally(() => {
			entry.settled = true;
			if (!reuse) reads.delete(key);
		});
	reads.set(key, entry);
	return entry.read;
}

/** A run's copy whose token is missing or due takes a newer one: this process's, else the stored one. */
async function refreshCopy(context: Context, credentials: ICredentialsDecrypted): Promise<void> {
	const copy = credentials.data!;
	const own = await ownNewerToken(context.helpers, copy, new Date());
	if (own) {
		Object.assign(copy, own);
		return;
	}
	const waitingFor = copy.sessionToken;
	const read = storedCredential(context, credentials.id, waitingFor, Boolean(waitingFor));
	// Waiting for another process's renewal, the run still holds a token that is good until the last
	// renewal time: its requests go on with it (a read can take seconds on a busy database) and the
	// copy takes the renewal when the read finds it.
	if (waitingFor && !mustRenew(copy, new Date())) {
		void read.then((recent) => recent && adoptStoredToken(copy, recent, new Date()));
		return;
	}
	const recent = await read;
	if (recent && adoptStoredToken(copy, recent, new Date())) return;
	// About to log in: the renewer at once (the others wait for it); a process past the last renewal
	// time only on what the stored credential holds now, not on a read from before another worker
	// saved its renewal.
	if (!recent || !waitingFor || renewsHere(copy)) return;
	const current = await storedCredential(context, credentials.id, waitingFor, false);
	if (current) adoptStoredToken(copy, current, new Date());
}

/**
 * A request with the credential's authentication; every status is answered, not thrown.
 *
 * For the IAM password type a 401 comes back here (n8n is asked to ignore every status, on both
 * engines), and the request goes once more: with the newer token the credential n8n stores holds,
 * when another run or worker has renewed it meanwhile; otherwise with the token dropped from the
 * run's copy, so that n8n logs in first (it runs preAuthentication when the expirable token is
 * empty) and stores the new token. n8n's own answer to a 401 (log in, whatever the stored
 * credential holds) made each worker log in again for every request that arrived just after its
 * token ended.
 */
export async function sendAuthenticated(
	context: Context,
	options: IHttpRequestOptions,
	credentialsDecrypted?: ICredentialsDecrypted,
): Promise<IN8nHttpFullResponse> {
	// `except: []`: authenticate leaves this form alone (it asks n8n to throw on 401 only for `true`).
	const ignoreStatuses = options.ignoreHttpStatusErrors === true ? { ignore: true, except: [] } : options.ignoreHttpStatusErrors;
	// authenticate writes into the options it is given; every attempt starts from the caller's.
	const attempt = async (credentials?: ICredentialsDecrypted) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{ ...options, ignoreHttpStatusErrors: ignoreStatuses, headers: { ...options.headers } } as IHttpRequestOptions,
			credentials ? { credentialsDecrypted: credentials } : undefined,
		)) as IN8nHttpFullResponse;
	// The run's copy was read when it started; this process or the stored credential may hold a newer token.
	if (credentialsDecrypted?.data && sessionTokenDue(credentialsDecrypted.data, new Date())) await refreshCopy(context, credentialsDecrypted);
	const sent = credentialsDecrypted?.data?.sessionToken;
	const response = await attempt(credentialsDecrypted);
	if (response.statusCode !== 401) return response;
	const data = credentialsDecrypted?.data ?? ((await context.getCredentials(CREDENTIAL_TYPE)) as ICredentialDataDecryptedObject);
	if (data.authType !== 'password') return response;
	if (credentialsDecrypted) {
		// The run's own copy: the token it takes (stored, or renewed by n8n) serves the requests that
		// follow. When another request of the run met the refusal first, the copy holds what that one
		// took (a newer token, or none while n8n logs in), and this request goes with it.
		if (data.sessionToken === sent) {
			tokenRefused(data);
			const stored = await storedCredential(context, credentialsDecrypted.id, '', false);
			// Requests refused together share that read: the first to have it decides for the copy,
			// and the others take what it took instead of clearing the token it adopted.
			if (data.sessionToken === sent && (!stored || !adoptStoredToken(data, stored, new Date()))) data.sessionToken = '';
		}
		return await attempt(credentialsDecrypted);
	}
	const node = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return await attempt({
		id: node?.id ?? '',
		name: node?.name ?? '',
		type: CREDENTIAL_TYPE,
		data: { ...data, sessionToken: '' },
	});
}
