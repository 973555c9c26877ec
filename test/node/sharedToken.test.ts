// IAM user and password on several n8n processes (queue-mode workers) sharing one stored token:
// the process that obtained a token renews it when it falls due; a token another process
// obtained is kept a little longer, so that workers do not all log in at the same moment.
// Module state (the token this process obtained) carries from one run to the next, as in a worker.
import { sleep, type IExecuteFunctions, type INodeExecutionData, type INodeType } from 'n8n-workflow';

import { observeRequests } from '../../simulator/server';
import { runNode } from '../helpers/engine';
import { otherNode } from '../helpers/otherNode';
import { FIXTURE, instanceWith, PROJECT_ID, useSimulator, WORKSPACE_ID } from '../helpers/simulator';

const simulator = useSimulator();
const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];

const operate = (instanceId: string) => ({ resource: 'playbookInstance', operation: 'operate', instanceId, operationType: 'RETRY' });
/** Two FAILED runs: a test that runs the node twice retries each once. */
const [FAILED_RUN, OTHER_FAILED_RUN] = FIXTURE.instances.filter((i) => i.status.toUpperCase() === 'FAILED' && i.workspace_id === WORKSPACE_ID);

/** A token from IAM that another worker obtained (and n8n stored): not logged in by this process. */
async function tokenOfAnotherWorker(): Promise<string> {
	const identity = { methods: ['password'], password: { user: { domain: { name: USER.domainName }, name: USER.userName, password: USER.password } } };
	const response = await fetch(`${simulator.url}/v3/auth/tokens`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ auth: { identity, scope: { project: { id: PROJECT_ID } } } }),
	});
	simulator.clearRequests();
	return response.headers.get('x-subject-token')!;
}

function storedBy(token: string, expiresInMs: number) {
	return {
		projectId: PROJECT_ID,
		workspaceId: WORKSPACE_ID,
		region: 'cn-north-4',
		endpoint: simulator.url,
		iamEndpoint: simulator.url,
		authType: 'password',
		domainName: USER.domainName,
		userName: USER.userName,
		password: USER.password,
		sessionToken: token,
		sessionTokenRenewAt: new Date(Date.now() - 1000).toISOString(),
		sessionTokenExpiresAt: new Date(Date.now() + expiresInMs).toISOString(),
	};
}

describe('IAM token shared by several n8n processes', () => {
	it('keeps using a due token another process obtained until a tenth of the margin before its expiry: no login beside its renewer', async () => {
		const token = await tokenOfAnotherWorker();
		// Due 30 s ago, expiring in 6 s: the last renewal time is 3.6 s before the end, 2.4 s from now.
		const credentials = { ...storedBy(token, 6000), sessionTokenRenewAt: new Date(Date.now() - 30_000).toISOString() };
		const run = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toEqual([]);
		expect(simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token']).toBe(token);
		expect(run.credentialsHelper.updates).toHaveLength(0);
	});

	it('sends with that due token while the stored credential is still being read (a busy database): the read does not hold its requests', async () => {
		const token = await tokenOfAnotherWorker();
		let sent: () => void = () => undefined;
		const operated = new Promise<void>((resolve) => (sent = resolve));
		const stop = observeRequests((request: { route: string | null }) => {
			if (request.route === 'operateInstance') sent();
		});
		const heldReads: number[] = [];
		// Reads after the run's own copy (read 1) wait until the request went out, or 3 s: a run that waited for them comes late.
		const beforeCredentialRead = async (read: number) => {
			if (read === 1) return;
			const held = Date.now();
			await Promise.race([operated, sleep(3000)]);
			heldReads.push(Date.now() - held);
		};
		try {
			const run = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: storedBy(token, 60_000), beforeCredentialRead });
			expect(run.error).toBeUndefined();
		} finally {
			stop();
		}
		expect(heldReads.length).toBeGreaterThan(0);
		expect(Math.max(...heldReads)).toBeLessThan(3000);
		expect(simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token']).toBe(token);
	});

	it('renews it itself from a second before its expiry (its renewer may be gone)', async () => {
		const token = await tokenOfAnotherWorker();
		// Due a second ago, expiring in 300 ms: the last renewal time (a second before) has passed.
		const run = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: storedBy(token, 300) });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toHaveLength(1);
		const sent = simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token'];
		expect(sent).not.toBe(token);
		expect(run.credentialsHelper.stored('huaweiSecMasterApi').sessionToken).toBe(sent);
	});

	it('answers a 401 with the newer token the stored credential holds (renewed by another run meanwhile), not a login', async () => {
		const mine = await tokenOfAnotherWorker();
		const newer = await tokenOfAnotherWorker();
		const credentials = { ...storedBy(mine, 60_000), sessionTokenRenewAt: new Date(Date.now() + 30_000).toISOString() };
		// The gateway refuses this run's token (it ended on the way), after another run stored a newer one.
		simulator.injectFault({ route: 'operateInstance', kind: 'http', status: 401, body: { error_code: 'APIG.0307', error_msg: 'The token has expired' } });
		const stop = observeRequests((request: { route: string | null }) => {
			if (request.route === 'operateInstance') Object.assign(credentials, { sessionToken: newer });
		});
		try {
			const run = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials });
			expect(run.error).toBeUndefined();
		} finally {
			stop();
		}
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toEqual([]);
		expect(simulator.requests.filter((request) => request.route === 'operateInstance').map((request) => request.headers['x-auth-token'])).toEqual([mine, newer]);
	});

	it('takes the due token another process stored instead of renewing its own due token (two workers that logged in at once converge)', async () => {
		const first = await runNode({ parameters: operate(FAILED_RUN.id), credentials: storedBy('', 60_000) });
		const mine = first.credentialsHelper.stored('huaweiSecMasterApi').sessionToken as string;
		const theirs = await tokenOfAnotherWorker();
		// The run's copy holds this process's token, both due; the stored credential by now holds the other worker's.
		const credentials: Record<string, unknown> = storedBy(theirs, 60_000);
		// Read once to register the secrets the wire is searched for, once for the run's copy; then it is the stored one.
		let reads = 0;
		Object.defineProperty(credentials, 'sessionToken', { enumerable: true, get: () => (reads++ < 2 ? mine : theirs) });
		const run = await runNode({ parameters: operate(OTHER_FAILED_RUN.id), credentials });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toEqual([]);
		expect(simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token']).toBe(theirs);
		expect(run.credentialsHelper.updates).toHaveLength(0);
		expect(reads).toBeGreaterThan(2);
	});

	it('gives a run whose copy holds no token the one this process obtained a moment ago (n8n still saving it), once IAM confirms it: no second login or save', async () => {
		const first = await runNode({ parameters: operate(FAILED_RUN.id), credentials: storedBy('', 60_000) });
		const obtained = first.credentialsHelper.stored('huaweiSecMasterApi').sessionToken;
		simulator.clearRequests();
		// Read before that login was saved: no token in its copy, none yet in what it reads again.
		const run = await runNode({ parameters: operate(OTHER_FAILED_RUN.id), credentials: storedBy('', 60_000) });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.map((request) => [request.route, request.headers['x-auth-token']])).toEqual([
			['iamValidateToken', obtained],
			['operateInstance', obtained],
		]);
		expect(run.credentialsHelper.updates).toHaveLength(0);
	});

	it('keeps the stored token, not a login this process made at about the same moment (two workers that started together): no confirmation, no login', async () => {
		const theirs = await tokenOfAnotherWorker();
		const first = await runNode({ parameters: operate(FAILED_RUN.id), credentials: storedBy('', 60_000) });
		const twinExpires = Date.parse(String(first.credentialsHelper.stored('huaweiSecMasterApi').sessionTokenExpiresAt));
		simulator.clearRequests();
		// The other worker's token, due, ending 100 ms before this process's twin: not a renewal of it.
		const credentials = { ...storedBy(theirs, 60_000), sessionTokenExpiresAt: new Date(twinExpires - 100).toISOString() };
		const run = await runNode({ parameters: operate(OTHER_FAILED_RUN.id), credentials });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.map((request) => [request.route, request.headers['x-auth-token']])).toEqual([['operateInstance', theirs]]);
		expect(run.credentialsHelper.updates).toHaveLength(0);
	});

	it('logs in when IAM no longer accepts the token this process obtained (a process outlives what IAM remembers)', async () => {
		await runNode({ parameters: operate(FAILED_RUN.id), credentials: storedBy('', 60_000) });
		simulator.reset();
		const run = await runNode({ parameters: operate(OTHER_FAILED_RUN.id), credentials: storedBy('', 60_000) });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.map((request) => request.route)).toEqual(['iamValidateToken', 'iamTokens', 'operateInstance']);
		expect(run.credentialsHelper.updates).toHaveLength(1);
	});

	it('sends each of a run\'s requests refused together once more with the one newer token the first took, without a login', async () => {
		const mine = await tokenOfAnotherWorker();
		const newer = await tokenOfAnotherWorker();
		const credentials = { ...storedBy(mine, 60_000), sessionTokenRenewAt: new Date(Date.now() + 30_000).toISOString() };
		// Both items' requests are refused (their token ended on the way) after another run stored a newer one.
		simulator.injectFault({ route: 'operateInstance', kind: 'http', status: 401, count: 2, body: { error_code: 'APIG.0307', error_msg: 'The token has expired' } });
		const stop = observeRequests((request: { route: string | null }) => {
			if (request.route === 'operateInstance') Object.assign(credentials, { sessionToken: newer });
		});
		// The stored credential answers slowly: both refusals are in before its read returns (both
		// requests at the gateway, and 200 ms for the answers to come back).
		const beforeCredentialRead = async (read: number) => {
			if (read === 1) return;
			while (simulator.requests.filter((request) => request.route === 'operateInstance').length < 2) await sleep(10);
			await sleep(200);
		};
		try {
			const parameters = { ...operate('={{ $json.id }}') };
			const run = await runNode({ parameters, items: [{ id: FAILED_RUN.id }, { id: OTHER_FAILED_RUN.id }], credentials, beforeCredentialRead });
			expect(run.error).toBeUndefined();
			expect(run.items!.map((item) => item.json.error)).toEqual([undefined, undefined]);
		} finally {
			stop();
		}
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toEqual([]);
		const sent = simulator.requests.filter((request) => request.route === 'operateInstance').map((request) => request.headers['x-auth-token']);
		expect(sent).toEqual([mine, mine, newer, newer]);
	});

	it('reads the stored credential afresh before renewing a token it no longer waits for: a renewal another worker saved since the shared read is taken, not repeated', async () => {
		const theirs = await tokenOfAnotherWorker();
		const renewed = await tokenOfAnotherWorker();
		// Another worker's token, due and past the last renewal time; the read shared by waiting
		// requests still shows it, the next one that worker's renewal.
		const old = storedBy(theirs, 300);
		const later = storedBy(renewed, 60_000);
		const credentials: Record<string, unknown> = { ...old };
		let reads = 0;
		// Read once to register the secrets, once for the run's copy, once shared; then it holds the renewal.
		const field = (name: 'sessionToken' | 'sessionTokenRenewAt' | 'sessionTokenExpiresAt') => (reads <= 3 ? old : later)[name];
		Object.defineProperty(credentials, 'sessionToken', { enumerable: true, get: () => (reads++, field('sessionToken')) });
		Object.defineProperty(credentials, 'sessionTokenRenewAt', { enumerable: true, get: () => field('sessionTokenRenewAt') });
		Object.defineProperty(credentials, 'sessionTokenExpiresAt', { enumerable: true, get: () => field('sessionTokenExpiresAt') });
		const run = await runNode({ parameters: operate(OTHER_FAILED_RUN.id), credentials });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toEqual([]);
		expect(simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token']).toBe(renewed);
		expect(reads).toBeGreaterThan(3);
	});

	it('renews its own due token after one read of the stored credential, not two: the others wait for it', async () => {
		const first = await runNode({ parameters: operate(FAILED_RUN.id), credentials: storedBy('', 60_000) });
		const mine = first.credentialsHelper.stored('huaweiSecMasterApi').sessionToken as string;
		const renewingAt = (at: number) => ({ ...storedBy(mine, 60_000), sessionTokenRenewAt: new Date(at).toISOString() });
		// What the engine reads for a run whose token is not due: the stored credential is not looked at.
		const notDue = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: renewingAt(Date.now() + 30_000) });
		simulator.clearRequests();
		const due = await runNode({ parameters: operate(OTHER_FAILED_RUN.id), credentials: renewingAt(Date.now() - 1000) });
		expect(due.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toHaveLength(1);
		expect(due.credentialsHelper.reads).toBe(notDue.credentialsHelper.reads + 1);
	});

	it('gives n8n\'s own login on an empty credential (another node, the HTTP Request node) the token this process obtained, once IAM confirms it', async () => {
		const first = await runNode({ parameters: operate(FAILED_RUN.id), credentials: storedBy('', 60_000) });
		const obtained = first.credentialsHelper.stored('huaweiSecMasterApi').sessionToken;
		simulator.clearRequests();
		const url = `${simulator.url}/v1/${PROJECT_ID}/workspaces/${WORKSPACE_ID}/soc/playbooks`;
		const run = await runNode({ parameters: {}, credentials: storedBy('', 60_000), nodeType: standIn(url) });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.map((request) => [request.route, request.headers['x-auth-token']])).toEqual([
			['iamValidateToken', obtained],
			[expect.any(String), obtained],
		]);
		expect(run.credentialsHelper.updates).toHaveLength(0);
	});
});

/** A node that GETs the URL with the credential as any other node does (n8n logs in when its token is empty). */
function standIn(url: string): INodeType {
	return otherNode(async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const qs = { offset: 0, limit: 1 };
		const body = await this.helpers.httpRequestWithAuthentication.call(this, 'huaweiSecMasterApi', { method: 'GET', url, qs, json: true });
		return [[{ json: body, pairedItem: { item: 0 } }]];
	});
}
