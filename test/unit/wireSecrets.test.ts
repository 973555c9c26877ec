// The check test/setup/wireSecrets.ts runs after every test: each secret is
// allowed in its one place and found everywhere else, in any of its encodings.
import type { RecordedRequest } from '../helpers/simulator';
import { misplacedSecrets, Secrets } from '../helpers/wireSecrets';

const TOKEN = 'token-MIIDsimulatorABCDEF';
const SK = 'secret-key-0123456789abcdef';
const PASSWORD = 'Pass word/2026!';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up value the check must find
const SECURITY_TOKEN = 'security-token-gQpjbi1ub3J0aC00';

const secrets = new Secrets();
secrets.addCredential({ token: TOKEN, secretAccessKey: SK, password: PASSWORD, securityToken: SECURITY_TOKEN });

function request(overrides: Partial<RecordedRequest>): RecordedRequest {
	return {
		method: 'GET',
		path: '/v1/p/workspaces/w/soc/playbooks',
		pathname: '/v1/p/workspaces/w/soc/playbooks',
		query: {},
		headers: { host: '127.0.0.1' },
		body: '',
		route: 'listPlaybooks',
		requestId: 'r',
		auth: null,
		...overrides,
	};
}

function login(body: object, path = '/v3/auth/tokens'): RecordedRequest {
	const text = JSON.stringify(body);
	return request({ method: 'POST', path, pathname: path, route: 'iamTokens', body: text, json: JSON.parse(text) });
}

const identity = (user: object) => ({ auth: { identity: { methods: ['password'], password: { user } } } });

describe('where secrets may appear on the wire', () => {
	it('allows each secret in its own place', () => {
		const requests = [
			request({ headers: { 'x-auth-token': TOKEN } }),
			request({ headers: { 'x-security-token': SECURITY_TOKEN, authorization: 'SDK-HMAC-SHA256 Access=AK, Signature=00' } }),
			login(identity({ name: 'u', password: PASSWORD, domain: { name: 'd' } })),
		];
		expect(misplacedSecrets(requests, secrets)).toEqual([]);
	});

	it.each([
		['the SK in a header', request({ headers: { 'x-debug': SK } }), 'secretKey in the header x-debug of GET'],
		['the SK in X-Auth-Token', request({ headers: { 'x-auth-token': SK } }), 'secretKey in the header x-auth-token'],
		['the SK base64-encoded', request({ headers: { authorization: `Basic ${Buffer.from(SK).toString('base64')}` } }), 'secretKey in the header authorization'],
		['the token in the query', request({ path: `/x?token=${TOKEN}`, query: { token: TOKEN } }), 'token in the query token'],
		['the token in another header', request({ headers: { authorization: `Bearer ${TOKEN}` } }), 'token in the header authorization'],
		['the token in a body', request({ method: 'PUT', body: JSON.stringify({ t: TOKEN }) }), 'token in the body'],
		['the password URL-encoded in the path', request({ path: `/x/${encodeURIComponent(PASSWORD)}` }), 'password in the URL'],
		['the password in a header of the login', { ...login(identity({ password: PASSWORD })), headers: { 'x-password': PASSWORD } }, 'password in the header x-password of POST /v3/auth/tokens'],
		['the password twice in the login body', login({ ...identity({ password: PASSWORD }), note: PASSWORD }), 'password in the body of POST'],
		['the password in the wrong field of the login', login(identity({ name: PASSWORD })), 'password in the body of POST'],
		['the password in a SecMaster body', request({ method: 'POST', body: JSON.stringify({ password: PASSWORD }) }), 'password in the body of POST'],
		['the security token in X-Auth-Token', request({ headers: { 'x-auth-token': SECURITY_TOKEN } }), 'securityToken in the header x-auth-token'],
	])('finds %s', (_name, sent, where) => {
		const found = misplacedSecrets([sent], secrets);
		expect(found).toContainEqual(expect.stringContaining(where));
		for (const secret of [TOKEN, SK, PASSWORD, SECURITY_TOKEN]) expect(found.join('\n')).not.toContain(secret);
	});
});
