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

import { adoptStoredToken, sessionTokenDue } from './credentialAuth';
import { CREDENTIAL_TYPE } from './credentialType';

type Context = IExecuteFunctions | IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

// Requests of this process that look at the stored credential at the same time share one read.
const readsInFlight = new Map<string, Promise<ICredentialDataDecryptedObject | undefined>>();

/** The credential as n8n stores it now; undefined when it cannot be read (a busy database: then renew). */
function storedCredential(context: Context, id: string): Promise<ICredentialDataDecryptedObject | undefined> {
	let read = readsInFlight.get(id);
	if (!read) {
		read = (context.getCredentials(CREDENTIAL_TYPE) as Promise<ICredentialDataDecryptedObject>)
			.catch(() => undefined)
			.finally(() => readsInFlight.delete(id));
		readsInFlight.set(id, read);
	}
	return read;
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
	const copy = credentialsDecrypted?.data;
	if (copy && sessionTokenDue(copy, new Date())) {
		// The run's copy was read when it started; the credential n8n stores may hold a newer token.
		const stored = await storedCredential(context, credentialsDecrypted.id);
		if (stored) adoptStoredToken(copy, stored, new Date());
	}
	const response = await attempt(credentialsDecrypted);
	if (response.statusCode !== 401) return response;
	const data = credentialsDecrypted?.data ?? ((await context.getCredentials(CREDENTIAL_TYPE)) as ICredentialDataDecryptedObject);
	if (data.authType !== 'password') return response;
	if (credentialsDecrypted) {
		// The run's own copy: the token it takes (stored, or renewed by n8n) serves the requests that follow.
		const stored = await storedCredential(context, credentialsDecrypted.id);
		if (!stored || !adoptStoredToken(data, stored, new Date())) data.sessionToken = '';
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
