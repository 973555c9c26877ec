// The part of n8n's CLI CredentialsHelper the engine calls, without its database:
// defaults applied like applyDefaultsAndOverwrites, generic authentication with
// its values resolved as expressions against $credentials, function-style
// authentication, and preAuthentication with the expirable-property rule (n8n
// 2.41's packages/cli/src/credentials-helper.ts, checked in the installed n8n).
import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';

import { credentialSecrets } from './wireSecrets';

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every credential update n8n would have written to its database. */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];
	/** How often the engine or the node read a credential (in n8n: a database read and a decryption each). */
	reads = 0;
	/** Awaited before each read returns (the read's number, from 1): a database that answers slowly. */
	beforeRead?: (read: number) => Promise<void>;

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly store: Record<string, IDataObject>,
	) {
		super();
		// Whatever secret a test hands n8n is searched for on the wire after the test.
		for (const data of Object.values(store)) credentialSecrets.addCredential(data);
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	/** What n8n would have in its database for a credential type now. */
	stored(type: string): IDataObject {
		return { ...(this.store[type] ?? {}) };
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string) {
		return this.type(type).properties;
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		await this.beforeRead?.(this.reads);
		const defaults: IDataObject = {};
		for (const property of this.type(type).properties) defaults[property.name] = property.default as IDataObject[string];
		return { ...defaults, ...(this.store[type] ?? {}) } as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, '', '');
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...data };
		credentialSecrets.addCredential(data);
		this.updates.push({ type, data: { ...data } });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [target, values] of Object.entries(authenticate.properties)) {
				options[target] ??= {};
				for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
					const resolve = (raw: unknown) =>
						typeof raw === 'string' && raw.startsWith('=') && workflow && node
							? String(
									workflow.expression.getSimpleParameterValue(node, raw, 'internal', { $credentials: credentials }) ?? '',
								)
							: raw;
					options[target][String(resolve(key))] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (!details) return undefined;
		// As the CLI: the stored data read again, the output written over it except where a
		// stored value is an expression (the expirable property always), then the copy updated.
		const stored = this.stored(typeName);
		const persisted: IDataObject = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) persisted[key] = value;
		}
		await this.updateCredentials(details, typeName, persisted as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		credentialSecrets.addCredential(output);
		return output;
	}
}
