import type { IDataObject } from 'n8n-workflow';

import { createSimulator } from '../../simulator/server';

import { testCredential } from '../helpers/credentialTester';
import { runNode } from '../helpers/engine';
import { SEED_EVENT_FORM, SEED_RULE_BODY, TIMER_FORM } from '../helpers/forms';
import { loggedText } from '../helpers/logs';
import { credentialTestMessage } from '../helpers/n8nVersion';
import { officialSignature, sentSignature } from '../helpers/officialSigner';
import { FIXTURE, instanceWith, PROJECT_ID, useSimulator, versionWith, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

interface AccessKey {
	ak: string;
	sk: string;
	projectId: string;
	securityToken?: string;
}
interface IamUser {
	domainName: string;
	userName: string;
	password: string;
}

const KEYS = (FIXTURE as unknown as { accessKeys: AccessKey[] }).accessKeys;
const KEY = KEYS.find((key) => !key.securityToken)!;
const TEMPORARY_KEY = KEYS.find((key) => key.securityToken)!;
const USER = (FIXTURE as unknown as { iamUsers: IamUser[] }).iamUsers[0];

// Values the gateway or IAM must refuse.
const NOT_THE_SK = 'not-the-secret-key-0123456789';
const UNKNOWN_AK = 'NOSUCHACCESSKEY00000';
const REFUSED_LOGIN = 'Wrong-Password-123';

const eventVersion = versionWith('EVENT');
const timerVersion = versionWith('TIMER');

const base = { projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4' };
const aksk = (key: AccessKey = KEY, extra: IDataObject = {}) => ({
	...base,
	endpoint: simulator.url,
	authType: 'aksk',
	accessKeyId: key.ak,
	secretAccessKey: key.sk,
	securityToken: key.securityToken ?? '',
	...extra,
});
const password = (extra: IDataObject = {}) => ({
	...base,
	endpoint: simulator.url,
	iamEndpoint: simulator.url,
	authType: 'password',
	domainName: USER.domainName,
	userName: USER.userName,
	password: USER.password,
	...extra,
});

const operate = (instanceId: string, operationType = 'RETRY') => ({
	resource: 'playbookInstance',
	operation: 'operate',
	instanceId,
	operationType,
});
const update = (version: { id: string; rule_id: string }, form: object) => ({
	resource: 'playbookRule',
	operation: 'update',
	versionId: version.id,
	ruleId: version.rule_id,
	...form,
});

type SimulatorWithAuth = typeof simulator & {
	setTokenTtl(ms: number): void;
	setTokenMargin(ms: number): void;
	tokenUse: { fresh: number; nearExpiry: number; expired: number };
	state: { issuedTokens: Array<{ token: string; previousTokenLeftMs: number | null }> };
};
const sim = simulator as SimulatorWithAuth;

async function everythingVisible(result: Awaited<ReturnType<typeof runNode>>): Promise<string> {
	return `${JSON.stringify(result.run ?? result.error)}\n${await loggedText()}`;
}

describe('AK/SK signing', () => {
	it('signs both seed operations; the gateway accepts them and no token is sent', async () => {
		const failed = instanceWith('FAILED');
		const first = await runNode({ parameters: operate(failed.id), credentials: aksk() });
		const second = await runNode({ parameters: update(eventVersion, SEED_EVENT_FORM), credentials: aksk() });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items![0].json).toMatchObject({ id: failed.id, status: 'RETRYING' });
		expect(second.items![0].json.rule).toEqual(JSON.parse(SEED_RULE_BODY).rule);

		const [post, put] = simulator.requests;
		expect(post.body).toBe('{"operation":"RETRY"}');
		expect(put.body).toBe(SEED_RULE_BODY);
		for (const request of [post, put]) {
			expect(request.headers['x-auth-token']).toBeUndefined();
			expect(request.headers['x-project-id']).toBe(PROJECT_ID);
			expect(request.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
			expect(request.headers.authorization).toMatch(
				new RegExp(`^SDK-HMAC-SHA256 Access=${KEY.ak}, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$`),
			);
		}
		expect(post.path).toBe(`${WS_PATH}/soc/playbooks/instances/${failed.id}/operation`);
	});

	it('signs what Huawei\'s official signer (@huaweicloud/huaweicloud-sdk-core) computes for the same request', async () => {
		await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: aksk() });
		await runNode({ parameters: update(timerVersion, TIMER_FORM), credentials: aksk() });
		expect(await testCredential(aksk())).toMatchObject({ status: 'OK' });
		expect(simulator.requests).toHaveLength(3);
		for (const request of simulator.requests) {
			expect(officialSignature(request, simulator.url, KEY.ak, KEY.sk)).toBe(sentSignature(request));
		}
	});

	it('signs the security token of a temporary key', async () => {
		const { error } = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: aksk(TEMPORARY_KEY) });
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(request.headers['x-security-token']).toBe(TEMPORARY_KEY.securityToken);
		expect(request.headers.authorization).toContain('SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,');
		expect(officialSignature(request, simulator.url, TEMPORARY_KEY.ak, TEMPORARY_KEY.sk)).toBe(sentSignature(request));
	});

	it('reports a wrong secret key as a rejected signature, without the key', async () => {
		const wrong = aksk(KEY, { secretAccessKey: NOT_THE_SK });
		const result = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: wrong });
		expect(result.error!.message).toMatch(/^APIG\.0301: .*signature.* \(HTTP 401\)$/i);
		const seen = await everythingVisible(result);
		expect(seen).not.toContain(NOT_THE_SK);
		expect(seen).not.toContain(KEY.sk);
	});

	it('reports an access key the gateway does not know', async () => {
		const result = await runNode({
			parameters: operate(instanceWith('FAILED').id),
			credentials: aksk(KEY, { accessKeyId: UNKNOWN_AK }),
		});
		expect(result.error!.message).toMatch(/^APIG\.0301: .*access key NOSUCHACCESSKEY00000 does not exist.* \(HTTP 401\)$/);
		expect(await everythingVisible(result)).not.toContain(KEY.sk);
	});

	it('reports a clock more than 15 minutes off', async () => {
		const skewed = createSimulator({ clock: () => Date.now() + 20 * 60 * 1000 }) as unknown as typeof simulator;
		await skewed.start(0);
		try {
			const result = await runNode({
				parameters: operate(instanceWith('FAILED').id),
				credentials: { ...aksk(), endpoint: skewed.url },
			});
			expect(result.error!.message).toMatch(/^APIG\.0301: .*clock skew.* \(HTTP 401\)$/);
			expect(result.error!.description).toContain('clock');
			expect(skewed.requests).toHaveLength(1);
		} finally {
			await skewed.stop();
		}
	});

	it('fails the credential test for a wrong key, and passes it for a good one', async () => {
		expect((await testCredential(aksk(KEY, { secretAccessKey: NOT_THE_SK }))).message).toMatch(
			credentialTestMessage(401, /APIG\.0301.*signature/),
		);
		expect(await testCredential(aksk())).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('IAM user and password', () => {
	it('logs in, lets n8n store the token, sends it, and the next run reuses it', async () => {
		const first = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: password() });
		expect(first.error).toBeUndefined();
		const login = simulator.requests.filter((request) => request.route === 'iamTokens');
		expect(login).toHaveLength(1);
		expect(JSON.parse(login[0].body)).toEqual({
			auth: {
				identity: {
					methods: ['password'],
					password: { user: { domain: { name: USER.domainName }, name: USER.userName, password: USER.password } },
				},
				scope: { project: { id: PROJECT_ID } },
			},
		});
		const issued = sim.state.issuedTokens[0].token;
		expect(simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token']).toBe(issued);

		// n8n, not the node, keeps the token: written to the credential store.
		expect(first.credentialsHelper.updates).toHaveLength(1);
		const stored = first.credentialsHelper.stored('huaweiSecMasterApi');
		expect(stored.sessionToken).toBe(issued);

		simulator.clearRequests();
		const ids = Object.values(simulator.state.instances)
			.filter((instance) => String(instance.status).toUpperCase() === 'FAILED' && instance.workspace_id === WORKSPACE_ID)
			.map((instance) => ({ id: instance.id }));
		const second = await runNode({ parameters: operate('={{ $json.id }}'), items: ids, credentials: stored });
		expect(second.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toHaveLength(0);
		const calls = simulator.requests.filter((request) => request.route === 'operateInstance');
		expect(calls).toHaveLength(ids.length);
		for (const call of calls) expect(call.headers['x-auth-token']).toBe(issued);

		const seen = `${await everythingVisible(first)}\n${await everythingVisible(second)}`;
		expect(seen).not.toContain(USER.password);
		expect(seen).not.toContain(issued);
	});

	it('renews the token when it expires in the middle of a run: every item processed once', async () => {
		sim.setTokenTtl(800);
		const items = Array.from({ length: 12 }, (_, index) => ({ cron: `0 ${index} 3 * * ?` }));
		const result = await runNode({
			parameters: {
				...update(timerVersion, { ...TIMER_FORM, cron: '={{ $json.cron }}' }),
				requestOptions: { batching: { batch: { batchSize: 2, batchInterval: 250 } } },
			},
			items,
			credentials: password(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items!.map((item) => (item.json.rule as IDataObject).cron)).toEqual(items.map((item) => item.cron));
		expect(result.items!.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));

		const accepted = simulator.requests.filter((request) => request.route === 'updateRule');
		const crons = accepted.map((request) => (JSON.parse(request.body) as { rule: IDataObject }).rule.cron);
		expect(new Set(crons).size).toBe(items.length);
		expect(sim.state.issuedTokens.length).toBeGreaterThan(1);
	});

	it('renews before expires_at, once per renewal for all items in flight: no request with a token near or past its end', async () => {
		// The node renews half the lifetime (1,250 ms) before expires_at; the simulator counts
		// requests arriving in the last 100 ms, so that the rest covers the time a request takes.
		const lifetime = 2500;
		sim.setTokenTtl(lifetime);
		sim.setTokenMargin(100);
		// Batches of 3, 40 ms apart: requests denser than the counted margin, and 129 pauses, over two
		// renewals' worth of time.
		const items = Array.from({ length: 390 }, (_, index) => ({ cron: `${index % 60} ${Math.floor(index / 60)} 3 * * ?` }));
		const result = await runNode({
			parameters: {
				...update(timerVersion, { ...TIMER_FORM, cron: '={{ $json.cron }}' }),
				requestOptions: { batching: { batch: { batchSize: 3, batchInterval: 40 } } },
			},
			items,
			credentials: password(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items!.map((item) => (item.json.rule as IDataObject).cron)).toEqual(items.map((item) => item.cron));

		// Every item sent once and accepted: no 401, so no second attempt.
		const sent = simulator.requests.filter((request) => request.route === 'updateRule');
		const sentCrons = sent.map((request) => String((request.json!.rule as IDataObject).cron));
		expect(sentCrons.sort()).toEqual(items.map((item) => item.cron).sort());
		expect(sim.tokenUse).toEqual({ fresh: items.length, nearExpiry: 0, expired: 0 });

		// Several renewals, each one login: the token it replaced was due, never just issued by another item.
		const logins = sim.state.issuedTokens;
		expect(logins.length).toBeGreaterThanOrEqual(3);
		expect(logins[0].previousTokenLeftMs).toBeNull();
		for (const login of logins.slice(1)) expect(login.previousTokenLeftMs).toBeLessThanOrEqual(lifetime / 2);
		expect(result.credentialsHelper.stored('huaweiSecMasterApi').sessionToken).toBe(logins.at(-1)!.token);
	});

	it('renews and retries once when SecMaster answers 401 to a token n8n still believed valid', async () => {
		const stale = password({ sessionToken: 'revoked-by-iam', sessionTokenRenewAt: new Date(Date.now() + 86400000).toISOString() });
		const result = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: stale });
		expect(result.error).toBeUndefined();
		const calls = simulator.requests.filter((request) => request.route === 'operateInstance');
		expect(calls.map((call) => call.headers['x-auth-token'])).toEqual(['revoked-by-iam', sim.state.issuedTokens[0].token]);
		expect(simulator.state.appliedOperations).toHaveLength(1);
	});

	it('reports a wrong password with IAM\'s message, without the password', async () => {
		const result = await runNode({
			parameters: operate(instanceWith('FAILED').id),
			credentials: password({ password: REFUSED_LOGIN }),
		});
		expect(result.error!.message).toMatch(/IAM did not issue a token .*username or password is wrong/i);
		expect(simulator.requests.filter((request) => request.route === 'operateInstance')).toHaveLength(0);
		expect(await everythingVisible(result)).not.toContain(REFUSED_LOGIN);
	});

	it('runs the credential test through IAM', async () => {
		expect(await testCredential(password())).toEqual({ status: 'OK', message: 'Connection successful!' });
		const failed = await testCredential(password({ password: REFUSED_LOGIN }));
		expect(failed.status).toBe('Error');
		expect(failed.message).toMatch(/username or password is wrong/i);
		expect(failed.message).not.toContain(REFUSED_LOGIN);
	});
});

describe('IAM token (unchanged)', () => {
	it('keeps working for credentials saved before authType existed', async () => {
		const token = FIXTURE.tokens.find((candidate) => !candidate.expiresAt)!.value;
		const { error } = await runNode({
			parameters: operate(instanceWith('FAILED').id),
			credentials: { ...base, endpoint: simulator.url, token },
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].headers['x-auth-token']).toBe(token);
	});
});
