import type { ICredentialDataDecryptedObject, IExecuteSingleFunctions } from 'n8n-workflow';

// n8n's declarative engine reads the credential once per run and authenticates every item's
// request with that copy. The node's own reads (endpoint, project, workspace, auth type) follow
// it: in n8n each getCredentials is a database read and a decryption, per item.
export const CREDENTIAL_TYPE = 'huaweiSecMasterApi';

const perRun = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/** The credential as this run of the node sees it, read once for all its items. */
export async function runCredentials(context: IExecuteSingleFunctions): Promise<ICredentialDataDecryptedObject> {
	// One object for all items of a run, a new one for the next run.
	const run = context.getExecuteData?.();
	if (!run) return await context.getCredentials(CREDENTIAL_TYPE);
	let credentials = perRun.get(run);
	if (!credentials) {
		credentials = context.getCredentials(CREDENTIAL_TYPE);
		perRun.set(run, credentials);
		credentials.catch(() => perRun.delete(run));
	}
	return await credentials;
}
