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
 * For the IAM password type, n8n renews the token and sends once more when a request gets 401:
 * authenticate asks n8n to throw on 401 (`ignoreHttpStatusErrors: {ignore, except: [401]}`).
 * n8n 1.x does not know that form and ignores every status, so the 401 comes back here as an
 * answer. The request then goes once more with the token dropped from a copy of the credential,
 * and n8n logs in again first (it runs preAuthentication when the expirable token is empty) and
 * stores the new token. On n8n 2.x a 401 never comes back for this type, so nothing changes there.
 */
export async function sendAuthenticated(
	context: Context,
	options: IHttpRequestOptions,
	credentialsDecrypted?: ICredentialsDecrypted,
): Promise<IN8nHttpFullResponse> {
	// authenticate writes into the options it is given; every attempt starts from the caller's.
	const attempt = async (credentials?: ICredentialsDecrypted) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{ ...options, headers: { ...options.headers } },
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
		// The run's own copy: the renewed token n8n writes into it serves the requests that follow.
		data.sessionToken = '';
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
