// IAM user and password on several n8n processes (queue-mode workers) sharing one stored token:
// the process that obtained a token renews it when it falls due; a token another process
// obtained is kept a little longer, so that workers do not all log in at the same moment.
import { observeRequests } from '../../simulator/server';
import { runNode } from '../helpers/engine';
import { FIXTURE, instanceWith, PROJECT_ID, useSimulator, WORKSPACE_ID } from '../helpers/simulator';

const simulator = useSimulator();
const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];

const operate = (instanceId: string) => ({ resource: 'playbookInstance', operation: 'operate', instanceId, operationType: 'RETRY' });

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
	it('keeps using a due token another process obtained, until halfway to its expiry: no login beside its renewer', async () => {
		const token = await tokenOfAnotherWorker();
		const run = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: storedBy(token, 60_000) });
		expect(run.error).toBeUndefined();
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toEqual([]);
		expect(simulator.requests.find((request) => request.route === 'operateInstance')!.headers['x-auth-token']).toBe(token);
		expect(run.credentialsHelper.updates).toHaveLength(0);
	});

	it('renews it itself once it is past halfway to its expiry (its renewer may be gone)', async () => {
		const token = await tokenOfAnotherWorker();
		// Due a second ago, expiring in a second: halfway is now.
		const run = await runNode({ parameters: operate(instanceWith('FAILED').id), credentials: storedBy(token, 1000) });
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
});
