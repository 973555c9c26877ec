// Where each secret may appear in a request the simulator recorded, and where it
// was found anywhere else. test/setup/wireSecrets.ts runs this after every test.
import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from './simulator';

/**
 * token: an IAM token (given, or obtained by n8n), only as the X-Auth-Token header, and as the
 *   X-Subject-Token header of IAM's token check (GET /v3/auth/tokens), which asks about that token;
 * securityToken: a temporary key's, only as the X-Security-Token header;
 * password: only in the body of the IAM login, at auth.identity.password.user.password;
 * secretKey: nowhere, the node only sends signatures made with it.
 */
export type SecretKind = 'token' | 'securityToken' | 'password' | 'secretKey';

const CREDENTIAL_FIELDS: Record<string, SecretKind> = {
	token: 'token',
	sessionToken: 'token',
	securityToken: 'securityToken',
	password: 'password',
	secretAccessKey: 'secretKey',
};

/** Shorter values could match by chance; every secret the tests use is longer. */
const SHORTEST = 6;

export class Secrets {
	private readonly kinds = new Map<string, Set<SecretKind>>();

	add(value: unknown, kind: SecretKind): void {
		if (typeof value !== 'string' || value.trim().length < SHORTEST) return;
		for (const text of new Set([value, value.trim()])) {
			const kinds = this.kinds.get(text) ?? new Set<SecretKind>();
			kinds.add(kind);
			this.kinds.set(text, kinds);
		}
	}

	/** The secret fields of a credential's data. */
	addCredential(data: IDataObject | undefined): void {
		for (const [field, kind] of Object.entries(CREDENTIAL_FIELDS)) this.add(data?.[field], kind);
	}

	/** What a simulator knows as secret: its tokens (those IAM issued too), keys and users. */
	addSimulator(state: IDataObject): void {
		for (const token of (state.tokens ?? []) as IDataObject[]) this.add(token.value, 'token');
		for (const key of (state.accessKeys ?? []) as IDataObject[]) {
			this.add(key.sk, 'secretKey');
			this.add(key.securityToken, 'securityToken');
		}
		for (const user of (state.iamUsers ?? []) as IDataObject[]) this.add(user.password, 'password');
	}

	merged(other: Secrets): Secrets {
		const all = new Secrets();
		for (const source of [this, other]) {
			for (const [value, kinds] of source.kinds) for (const kind of kinds) all.add(value, kind);
		}
		return all;
	}

	entries(): Array<[string, Set<SecretKind>]> {
		return [...this.kinds];
	}
}

/** Secrets of every credential the engine was given or n8n stored, in this test file. */
export const credentialSecrets = new Secrets();

interface Place {
	where: string;
	text: string;
	/** The kind of secret that belongs here. */
	allows?: SecretKind;
}

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

const isLogin = (request: RecordedRequest) => request.method === 'POST' && request.route === 'iamTokens';
const isTokenCheck = (request: RecordedRequest) => request.method === 'GET' && request.route === 'iamValidateToken';

/** The login body without the one field the password belongs in, and that field as its own place. */
function loginBody(request: RecordedRequest): Place[] {
	const copy = JSON.parse(JSON.stringify(request.json ?? null)) as IDataObject | null;
	const path = ['auth', 'identity', 'password', 'user'];
	const user = path.reduce<IDataObject | undefined>((object, key) => object?.[key] as IDataObject | undefined, copy ?? undefined);
	if (!user || typeof user.password !== 'string') return [{ where: 'body', text: request.body }];
	const { password } = user;
	delete user.password;
	return [
		{ where: 'body', text: JSON.stringify(copy) },
		{ where: 'body at auth.identity.password.user.password', text: password, allows: 'password' },
	];
}

function placesOf(request: RecordedRequest): Place[] {
	const places: Place[] = [
		{ where: 'URL', text: request.path },
		{ where: 'URL (decoded)', text: decoded(request.path) },
	];
	for (const [key, value] of Object.entries(request.query ?? {})) {
		places.push({ where: `query ${key}`, text: `${key}=${([] as string[]).concat(value).join(',')}` });
	}
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		const allows =
			name === 'x-auth-token' || (name === 'x-subject-token' && isTokenCheck(request))
				? 'token'
				: name === 'x-security-token'
					? 'securityToken'
					: undefined;
		places.push({ where: `header ${name}`, text: ([] as string[]).concat(value).join(', '), allows });
	}
	if (isLogin(request)) places.push(...loginBody(request));
	else places.push({ where: 'body', text: request.body ?? '' });
	return places;
}

/** The forms a secret takes when a client encodes it into a URL, a header or JSON. */
function formsOf(secret: string): string[] {
	return [
		...new Set([
			secret,
			encodeURIComponent(secret),
			Buffer.from(secret, 'utf8').toString('base64'),
			JSON.stringify(secret).slice(1, -1),
		]),
	];
}

/** Every place a secret was found where it does not belong, without the secret itself. */
export function misplacedSecrets(requests: RecordedRequest[], secrets: Secrets): string[] {
	const found: string[] = [];
	const candidates = secrets.entries().map(([value, kinds]) => ({ forms: formsOf(value), kinds: [...kinds] }));
	for (const request of requests) {
		for (const place of placesOf(request)) {
			for (const { forms, kinds } of candidates) {
				// A value that is a secret of two kinds belongs only where both may be.
				if (kinds.every((kind) => kind === place.allows)) continue;
				if (forms.some((form) => place.text.includes(form))) {
					found.push(`${kinds.join('/')} in the ${place.where} of ${request.method} ${request.pathname}`);
				}
			}
		}
	}
	return [...new Set(found)];
}
