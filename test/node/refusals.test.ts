// SecMaster's and the gateway's rules, seen from the node: the daily retry limit,
// TERMINATE only while an instance runs, and the lock-out of an access key after
// more than 5 bad signatures. Each reaches the user as the NodeApiError (stop
// mode) or the error item (continue-on-fail) with the code and message the
// simulator answered, the HTTP status and the request ID, and is not retried.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, type RunResult } from '../helpers/engine';
import { credentialsFor, FIXTURE, instanceWith, PROJECT_ID, useSimulator, WORKSPACE_ID, type RecordedRequest } from '../helpers/simulator';

const simulator = useSimulator();

const KEY = (FIXTURE as unknown as { accessKeys: Array<{ ak: string; sk: string; securityToken?: string }> }).accessKeys.find(
	(key) => !key.securityToken,
)!;
const aksk = (secretAccessKey = KEY.sk) => ({
	projectId: PROJECT_ID,
	workspaceId: WORKSPACE_ID,
	region: 'cn-north-4',
	endpoint: simulator.url,
	authType: 'aksk',
	accessKeyId: KEY.ak,
	secretAccessKey,
});

const operate = { resource: 'playbookInstance', operation: 'operate', instanceId: '={{ $json.id }}', operationType: '={{ $json.op }}' };

/** What the user reads, the same in both modes: message, HTTP status, and SecMaster's code and request ID in the description. */
function expectExplained(error: IDataObject, message: RegExp, httpCode: string, code: string, request: RecordedRequest) {
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toMatch(message);
	expect(error.httpCode).toBe(httpCode);
	expect(error.description).toContain(`Error code: ${code}`);
	expect(error.description).toContain(`Request ID: ${request.requestId}`);
}

function errorOf(item: INodeExecutionData): IDataObject {
	expect(item.json.error).toBe(item.error!.message);
	return item.error as unknown as IDataObject;
}

const operated = () => simulator.requests.filter((request) => request.route === 'operateInstance');

describe('the daily retry limit (100 per workspace)', () => {
	const LIMIT = /^SecMaster\.20040429: Daily retry limit reached: at most 100 playbook instance retries per workspace per day \(HTTP 400\)$/;

	it('the 101st retry of the day fails with SecMaster\'s code, in both modes, and is not retried', async () => {
		const { instances } = simulator.addInstances(Array.from({ length: 102 }, () => ({ status: 'FAILED', workspace_id: WORKSPACE_ID })));
		const items = instances.map((instance) => ({ id: instance.id, op: 'RETRY' }));

		const lenient = await runNode({ parameters: operate, items: items.slice(0, 101), credentials: credentialsFor(simulator), continueOnFail: true });
		expect(lenient.error).toBeUndefined();
		expect(lenient.items).toHaveLength(101);
		expect(simulator.state.appliedOperations).toHaveLength(100);
		// Items go out together: the 101st to reach SecMaster is refused, whichever item it is.
		const refused = operated()[100];
		const failures = lenient.items!.filter((item) => item.error);
		expect(failures).toHaveLength(1);
		expect(failures[0].pairedItem).toEqual({ item: items.findIndex((item) => refused.pathname.includes(item.id)) });
		expectExplained(errorOf(failures[0]), LIMIT, '400', 'SecMaster.20040429', refused);

		const stop = await runNode({ parameters: operate, items: items.slice(101), credentials: credentialsFor(simulator) });
		expectExplained(stop.error!, LIMIT, '400', 'SecMaster.20040429', simulator.requests.at(-1)!);
		expect(operated()).toHaveLength(102);
		expect(simulator.state.appliedOperations).toHaveLength(100);
	});
});

describe('TERMINATE only while an instance runs', () => {
	const refusal = (id: string, status: string) =>
		new RegExp(`^SecMaster\\.20040409: Instance ${id} cannot be terminated in status ${status}; only RUNNING or RETRYING instances can be terminated \\(HTTP 400\\)$`);

	it.each([['FAILED'], ['FINISHED']])('refuses a %s instance with SecMaster\'s code, in both modes', async (status) => {
		const running = instanceWith('RUNNING');
		const ended = instanceWith(status);
		const items = [
			{ id: running.id, op: 'TERMINATE' },
			{ id: ended.id, op: 'TERMINATE' },
		];
		const lenient = await runNode({ parameters: operate, items, credentials: credentialsFor(simulator), continueOnFail: true });
		expect(lenient.items![0].json).toMatchObject({ id: running.id, status: 'TERMINATING' });
		expect(lenient.items![1].pairedItem).toEqual({ item: 1 });
		const refused = operated().find((request) => request.pathname.includes(ended.id))!;
		expectExplained(errorOf(lenient.items![1]), refusal(ended.id, status), '400', 'SecMaster.20040409', refused);

		const stop = await runNode({ parameters: operate, items: [items[1]], credentials: credentialsFor(simulator) });
		expectExplained(stop.error!, refusal(ended.id, status), '400', 'SecMaster.20040409', simulator.requests.at(-1)!);
		expect(operated()).toHaveLength(3);
		expect(simulator.state.appliedOperations).toEqual([expect.objectContaining({ instanceId: running.id, operation: 'TERMINATE' })]);
	});

	it('terminates a RETRYING instance', async () => {
		const failed = instanceWith('FAILED');
		const items = [{ id: failed.id, op: 'RETRY' }];
		await runNode({ parameters: operate, items, credentials: credentialsFor(simulator) });
		const { items: output, error } = await runNode({ parameters: operate, items: [{ id: failed.id, op: 'TERMINATE' }], credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(output![0].json).toMatchObject({ id: failed.id, status: 'TERMINATING' });
	});
});

describe('the access key locked after more than 5 bad signatures', () => {
	const BAD_SIGNATURE = /^APIG\.0301: Incorrect IAM authentication information: verify aksk signature fail \(HTTP 401\)$/;
	const LOCKED = new RegExp(
		`^APIG\\.0301: Incorrect IAM authentication information: the access key ${KEY.ak} is locked after more than 5 failed signature verifications in a row; retry after \\S+ \\(locked for 5 minutes\\) \\(HTTP 401\\)$`,
	);

	async function sixBadSignatures(): Promise<RunResult> {
		const items = Object.values(simulator.state.instances)
			.filter((instance) => instance.workspace_id === WORKSPACE_ID)
			.slice(0, 6)
			.map((instance) => ({ id: instance.id, op: 'RETRY' }));
		return await runNode({ parameters: operate, items, credentials: aksk('not-the-secret-key-0123456789'), continueOnFail: true });
	}

	it('says so for the 6th bad signature and then for the right key too, in both modes', async () => {
		const bad = await sixBadSignatures();
		const messages = bad.items!.map((item) => String(errorOf(item).message));
		expect(messages.filter((message) => BAD_SIGNATURE.test(message))).toHaveLength(5);
		// The 6th bad signature to reach the gateway locks the key, whichever item it is.
		const locking = bad.items!.map(errorOf).find((error) => String(error.description).includes(simulator.requests[5].requestId))!;
		expectExplained(locking, LOCKED, '401', 'APIG.0301', simulator.requests[5]);

		const failed = instanceWith('FAILED');
		const stop = await runNode({ parameters: operate, items: [{ id: failed.id, op: 'RETRY' }], credentials: aksk() });
		expectExplained(stop.error!, LOCKED, '401', 'APIG.0301', simulator.requests.at(-1)!);
		const lenient = await runNode({ parameters: operate, items: [{ id: failed.id, op: 'RETRY' }], credentials: aksk(), continueOnFail: true });
		expectExplained(errorOf(lenient.items![0]), LOCKED, '401', 'APIG.0301', simulator.requests.at(-1)!);
		// A 401 is not retried: 6 bad signatures, then one request per run.
		expect(simulator.requests).toHaveLength(8);
		expect(simulator.state.appliedOperations).toHaveLength(0);
	});
});
