// The fault table: every row a simulator fault, run in every authentication
// type, in stop mode and in continue-on-fail mode. Each ends in an error a
// person understands (code, HTTP status, request ID) or a successful retry, and
// no secret appears in the run, its errors or n8n's log. A row that ends in
// success runs for Retry and for Terminate, and names the calls it takes: the
// instance is read before anything that may have reached SecMaster is sent again.
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../helpers/engine';
import { loggedText } from '../helpers/logs';
import { FIXTURE, instanceWith, PROJECT_ID, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

type Fixture = typeof FIXTURE & {
	accessKeys: Array<{ ak: string; sk: string; securityToken?: string }>;
	iamUsers: Array<{ domainName: string; userName: string; password: string }>;
};
const KEY = (FIXTURE as Fixture).accessKeys.find((key) => !key.securityToken)!;
const USER = (FIXTURE as Fixture).iamUsers[0];
const scope = () => ({ projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4', endpoint: simulator.url });

const MODES: Record<string, () => IDataObject> = {
	token: () => ({ ...scope(), authType: 'token', token: TOKEN }),
	aksk: () => ({ ...scope(), authType: 'aksk', accessKeyId: KEY.ak, secretAccessKey: KEY.sk }),
	password: () => ({ ...scope(), authType: 'password', ...USER, iamEndpoint: simulator.url }),
};

const NOW = { 'Retry-After': '0' };

const SENT = 'POST operateInstance';
const READ = 'GET getInstance';

interface Row {
	name: string;
	fault: IDataObject;
	/** The error message, or null when a safe retry turns the fault into a success. */
	message: RegExp | null;
	status?: string;
	/** For a row that ends in success: SecMaster's calls in one run, in order. */
	calls?: string[];
	requestOptions?: IDataObject;
}

const ROWS: Row[] = [
	{ name: '400 with a SecMaster code', fault: { status: 400, body: { code: 'SecMaster.20040001', message: 'Invalid parameter' } }, message: /^SecMaster\.20040001: Invalid parameter \(HTTP 400\)$/, status: '400' },
	{ name: '403 workspace', fault: { status: 403, body: { code: 'SecMaster.20010001', message: 'Workspace not found' } }, message: /^SecMaster\.20010001: Workspace not found \(HTTP 403\)$/, status: '403' },
	{ name: '404', fault: { status: 404, body: { code: 'SecMaster.20040404', message: 'Instance not found' } }, message: /^SecMaster\.20040404: .* \(HTTP 404\)$/, status: '404' },
	// Throttled: the gateway refused it, nothing happened, so no read is needed.
	{ name: '429 once, then retried', fault: { status: 429, headers: NOW }, message: null, calls: [SENT, SENT] },
	{ name: 'APIG.0308 throttling, always', fault: { status: 429, headers: NOW, count: 99 }, message: /^APIG\.0308: .*throttling.* \(HTTP 429\)$/, status: '429' },
	{ name: '500', fault: { status: 500, body: { code: 'SecMaster.00000001', message: 'Internal error' } }, message: /^SecMaster\.00000001: Internal error \(HTTP 500\)$/, status: '500' },
	{ name: '502 once, checked and retried', fault: { status: 502, headers: NOW }, message: null, calls: [SENT, READ, SENT] },
	{ name: '503 always', fault: { status: 503, headers: NOW, count: 99 }, message: /^APIG\.0202: .* \(HTTP 503\)$/, status: '503' },
	{ name: 'connection reset once, checked and retried', fault: { kind: 'reset' }, message: null, calls: [SENT, READ, SENT] },
	// SecMaster acted on the request whose answer came too late: the read shows it, nothing is sent again.
	{ name: 'slow answer past the timeout, SecMaster did act', fault: { kind: 'slow', delayMs: 400 }, requestOptions: { timeout: 200 }, message: null, calls: [SENT, READ] },
	{ name: 'malformed JSON', fault: { kind: 'malformed' }, message: /^SecMaster answered HTTP 200 without a JSON object body$/, status: '200' },
	{ name: 'empty body', fault: { kind: 'empty', status: 200 }, message: /^SecMaster answered HTTP 200 without a JSON object body$/, status: '200' },
	{ name: 'HTML error page', fault: { kind: 'html', status: 502, count: 99, headers: NOW }, message: /502.*\(HTTP 502\)$/, status: '502' },
];

/** The status each operation acts on, and what SecMaster shows once it took effect. */
const OPERATIONS = {
	RETRY: { from: 'FAILED', applied: /^(RETRYING|FINISHED)$/ },
	TERMINATE: { from: 'RUNNING', applied: /^(TERMINATING|TERMINATED)$/ },
};
type Operation = keyof typeof OPERATIONS;
const CASES = ROWS.flatMap((row) =>
	(row.calls ? (['RETRY', 'TERMINATE'] as const) : (['RETRY'] as const)).map((operationType: Operation) => ({ ...row, operationType })),
);

/** Everything secret in a mode, including what n8n obtained for it. */
function secrets(mode: string, stored: IDataObject): string[] {
	const values = [TOKEN, KEY.sk, USER.password];
	if (mode === 'password' && typeof stored.sessionToken === 'string') values.push(stored.sessionToken);
	return values;
}

function signatures(): string[] {
	return simulator.requests
		.map((request) => /Signature=([0-9a-f]{64})/.exec(request.headers.authorization ?? '')?.[1])
		.filter((signature): signature is string => Boolean(signature));
}

describe.each(Object.keys(MODES))('faults with %s authentication', (mode) => {
	it.each(CASES)('$operationType: $name', async (row) => {
		const { from, applied } = OPERATIONS[row.operationType];
		const instance = instanceWith(from);
		const options = { maxRetryWait: 5 };
		const parameters = {
			resource: 'playbookInstance',
			operation: 'operate',
			instanceId: instance.id,
			operationType: row.operationType,
			options,
			...(row.requestOptions ? { requestOptions: row.requestOptions } : {}),
		};
		async function run(continueOnFail: boolean) {
			simulator.setInstanceStatus(instance.id, from);
			simulator.injectFault({ route: 'operateInstance', ...row.fault });
			const before = { requests: simulator.requests.length, applied: simulator.state.appliedOperations.length };
			const result = await runNode({ parameters, credentials: MODES[mode](), continueOnFail });
			// IAM's calls of the password type (a login, or IAM confirming the token the first run obtained) are not SecMaster's.
			const calls = simulator.requests.slice(before.requests).filter((request) => !request.route?.startsWith('iam'));
			return { ...result, calls, applied: simulator.state.appliedOperations.slice(before.applied) };
		}
		const stop = await run(false);
		const lenient = await run(true);

		if (row.message === null) {
			for (const result of [stop, lenient]) {
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(1);
				expect(result.items![0].json.error).toBeUndefined();
				expect(result.items![0].json).toMatchObject({ id: instance.id, status: expect.stringMatching(applied) });
				expect(result.items![0].pairedItem).toEqual({ item: 0 });
				expect(result.calls.map((call) => `${call.method} ${call.route}`)).toEqual(row.calls);
				const instancePath = `${WS_PATH}/soc/playbooks/instances/${instance.id}`;
				expect(result.calls.map((call) => call.pathname)).toEqual(
					row.calls!.map((call) => (call === READ ? instancePath : `${instancePath}/operation`)),
				);
				expect(result.applied).toEqual([expect.objectContaining({ instanceId: instance.id, operation: row.operationType })]);
			}
		} else {
			expect(stop.error!.name).toBe('NodeApiError');
			expect(stop.error!.message).toMatch(row.message);
			expect(stop.error!.httpCode).toBe(row.status);
			expect(stop.error!.description).toMatch(/Request ID: .*secmaster-simulator/);
			expect(lenient.items).toHaveLength(1);
			expect(lenient.items![0].json.error).toMatch(row.message);
			expect(lenient.items![0].pairedItem).toEqual({ item: 0 });
		}

		const seen = `${JSON.stringify(stop.run ?? stop.error)}\n${JSON.stringify(lenient.run)}\n${await loggedText()}`;
		for (const secret of [
			...secrets(mode, stop.credentialsHelper.stored('huaweiSecMasterApi')),
			...secrets(mode, lenient.credentialsHelper.stored('huaweiSecMasterApi')),
			...signatures(),
		]) {
			expect(seen).not.toContain(secret);
		}
	}, 30000);
});

describe('a slow response past the timeout', () => {
	it.each(Object.keys(MODES))('%s: reads are retried, then the timeout is reported', async (mode) => {
		simulator.injectFault({ route: 'getInstance', kind: 'slow', delayMs: 400, count: 99 });
		const failed = instanceWith('FAILED');
		const { error } = await runNode({
			parameters: {
				resource: 'playbookInstance',
				operation: 'get',
				instanceId: failed.id,
				options: { maxAttempts: 2, maxRetryWait: 5 },
				requestOptions: { timeout: 150 },
			},
			credentials: MODES[mode](),
		});
		expect(error!.name).toBe('NodeApiError');
		expect(error!.message).toMatch(/time|abort/i);
		expect(simulator.requests.filter((request) => request.route === 'getInstance')).toHaveLength(2);
		expect(`${JSON.stringify(error)}${await loggedText()}`).not.toContain(KEY.sk);
	}, 30000);
});
