/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node beside n8n, not inside it */
// The packed package in a real n8n 2.x: credentials and workflows imported with
// n8n's CLI, each workflow run with `n8n execute` against the simulator.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ensureN8n, installPackage, n8nCommand, parseExecuteOutput, ROOT } from '../../scripts/lib/runtime';
import { createSimulator } from '../../simulator/server';
import type { RecordedRequest, Simulator } from '../helpers/simulator';
import { FIXTURE, PROJECT_ID, TOKEN, WORKSPACE_ID } from '../helpers/simulator';
import { SEED_RULE_BODY } from '../helpers/forms';

const WS = `/v1/${PROJECT_ID}/workspaces/${WORKSPACE_ID}`;
const SCOPE = { projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4' };
const KEY = (FIXTURE as unknown as { accessKeys: Array<{ ak: string; sk: string; securityToken?: string }> }).accessKeys.find((key) => !key.securityToken)!;
const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];
const FAILED_A = 'b1417526-848d-49e9-b69c-7cc2c27be5d7';
const RUN_A = '18be4cae-8e9b-42a6-b3b1-e910439274d0';

type Item = { json: Record<string, unknown>; pairedItem?: unknown };
type Execution = { status: number | null; stdout: string; stderr: string; runData: Record<string, Array<{ data?: { main: Item[][] }; error?: { message: string; description?: string } }>> };

const simulator = createSimulator({}) as unknown as Simulator;
let runtime: ReturnType<typeof ensureN8n>;
let userFolder: string;

async function execute(workflowId: string, prepare?: () => void): Promise<Execution> {
	simulator.reset();
	prepare?.();
	const result = await n8nCommand(runtime, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput']);
	const output = parseExecuteOutput(result.stdout) as { data?: { resultData?: { runData?: Execution['runData'] } } } | undefined;
	return { ...result, runData: output?.data?.resultData?.runData ?? {} };
}

function output(execution: Execution, node: string): Item[] {
	const items = execution.runData[node]?.[0]?.data?.main?.[0];
	if (!items) throw new Error(`No output for "${node}".\nstdout (end): ${execution.stdout.slice(-3000)}\nstderr: ${execution.stderr.slice(-2000)}`);
	return items;
}

function requests(): RecordedRequest[] {
	return simulator.requests;
}

beforeAll(async () => {
	await simulator.start(0);
	runtime = ensureN8n();
	userFolder = mkdtempSync(path.join(tmpdir(), 'secmaster-e2e-'));
	installPackage(userFolder);

	const credentialFile = path.join(userFolder, 'credential.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				id: 'hwSecMasterDemo1',
				name: 'Huawei SecMaster (simulator)',
				type: 'huaweiSecMasterApi',
				data: { token: TOKEN, projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4', endpoint: simulator.url },
			},
			{
				id: 'hwSecMasterAkSk1',
				name: 'Huawei SecMaster (simulator, AK/SK)',
				type: 'huaweiSecMasterApi',
				data: { authType: 'aksk', accessKeyId: KEY.ak, secretAccessKey: KEY.sk, ...SCOPE, endpoint: simulator.url },
			},
			{
				id: 'hwSecMasterPass1',
				name: 'Huawei SecMaster (simulator, IAM user)',
				type: 'huaweiSecMasterApi',
				data: { authType: 'password', domainName: USER.domainName, userName: USER.userName, password: USER.password, iamEndpoint: simulator.url, ...SCOPE, endpoint: simulator.url },
			},
		]),
	);
	const steps = [
		['import:credentials', `--input=${credentialFile}`],
		['import:workflow', '--separate', `--input=${path.join(ROOT, 'examples', 'workflows')}`],
		['import:workflow', '--separate', `--input=${path.join(ROOT, 'test', 'e2e', 'workflows')}`],
	];
	for (const args of steps) {
		const result = await n8nCommand(runtime, userFolder, args);
		if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
	}
}, 20 * 60 * 1000);

afterAll(async () => {
	await simulator.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

describe('the workflows import as ordinary n8n exports', () => {
	it('has every example and e2e workflow in n8n', async () => {
		const listed = (await n8nCommand(runtime, userFolder, ['list:workflow'])).stdout;
		const files = [
			...readdirSync(path.join(ROOT, 'examples', 'workflows')).map((file) => path.join('examples', 'workflows', file)),
			...readdirSync(path.join(ROOT, 'test', 'e2e', 'workflows')).map((file) => path.join('test', 'e2e', 'workflows', file)),
		];
		for (const file of files) {
			const { id } = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as { id: string };
			expect(listed).toContain(id);
		}
	});
});

describe('Operate Instance in real n8n', () => {
	it('RETRY sends the seed request and outputs the instance', async () => {
		const run = await execute('hwsmRetryFailed1');
		expect(run.status).toBe(0);
		expect(requests()).toHaveLength(1);
		expect(requests()[0]).toMatchObject({
			method: 'POST',
			path: `${WS}/soc/playbooks/instances/${FAILED_A}/operation`,
			body: '{"operation":"RETRY"}',
		});
		expect(requests()[0].headers).toMatchObject({ 'x-auth-token': TOKEN, 'content-type': 'application/json;charset=UTF-8' });
		expect(output(run, 'Retry failed run')[0].json).toMatchObject({ id: FAILED_A, status: 'RETRYING' });
	});

	it('TERMINATE stops a running instance', async () => {
		const run = await execute('hwsmTerminate001');
		expect(run.status).toBe(0);
		expect(requests()[0].body).toBe('{"operation":"TERMINATE"}');
		expect(output(run, 'Terminate running run')[0].json).toMatchObject({ status: 'TERMINATING' });
	});

	it('takes IDs from upstream items: one request and one output item per item', async () => {
		const run = await execute('hwsmRetryBatch01');
		expect(run.status).toBe(0);
		const ids = FIXTURE.instances.filter((i) => i.status.toUpperCase() === 'FAILED' && i.workspace_id === WORKSPACE_ID).map((i) => i.id);
		expect(requests().map((request) => request.path).sort()).toEqual(
			ids.map((id) => `${WS}/soc/playbooks/instances/${id}/operation`).sort(),
		);
		const items = output(run, 'Retry each run');
		expect(items.map((item) => item.json.status)).toEqual(['RETRYING', 'RETRYING', 'RETRYING']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Update Rule in real n8n', () => {
	it('the seed example puts exactly the seed body on the wire', async () => {
		const run = await execute('hwsmEventRule001');
		expect(run.status).toBe(0);
		expect(requests()[0]).toMatchObject({
			method: 'PUT',
			path: `${WS}/soc/playbooks/versions/3e498530-55d2-4435-9241-8afa064ceda7/rules/67c6b846-044a-4a4c-b83a-a45d63eaa4c6`,
			body: SEED_RULE_BODY,
		});
		const [item] = output(run, 'Update event rule');
		expect(item.json.rule).toEqual(JSON.parse(SEED_RULE_BODY).rule);
		expect(item.json).toHaveProperty('rule_raw');
		expect(item.json).toHaveProperty('code', 0);
	});

	it('an event rule with two conditions', async () => {
		const run = await execute('hwsmEventRule002');
		expect(run.status).toBe(0);
		expect(requests()[0].json).toEqual({
			rule: {
				expression_type: 'common',
				conditions: [
					{ name: 'condition_0', detail: 'WAF alarm level above 3', data: ['waf.alarm.level', '>', '3'] },
					{ name: 'condition_1', detail: 'still open', data: ['handle_status, ==, Open'] },
				],
				logics: ['condition_0', 'AND', 'condition_1'],
			},
		});
	});

	it('a timer rule', async () => {
		const run = await execute('hwsmTimerRule001');
		expect(run.status).toBe(0);
		expect(requests()[0].body).toBe(
			'{"rule":{"cron":"0 0 3 * * ?","schedule_type":"day","start_type":"IMMEDIATELY","end_type":"FOREVER","repeat_range":"2026-12-01T03:00:00Z+0800","only_once":false,"execution_type":"SERIAL_WAIT"}}',
		);
		expect(output(run, 'Update timer rule')[0].json.rule).toMatchObject({ cron: '0 0 3 * * ?' });
	});

	it('a timer rule sent as a JSON string', async () => {
		const run = await execute('hwsmE2eRuleStr01');
		expect(run.status).toBe(0);
		expect(typeof requests()[0].json!.rule).toBe('string');
		expect(output(run, 'Update timer rule')[0].json.rule).toMatchObject({ execution_type: 'SERIAL_WAIT' });
	});

	it('a chain of three of our nodes, the last taking its version ID from the first', async () => {
		const run = await execute('hwsmE2eChain0001');
		expect(run.status).toBe(0);
		expect(requests().map((request) => `${request.method} ${request.route}`)).toEqual([
			'POST operateInstance',
			'POST operateInstance',
			'PUT updateRule',
		]);
		expect(requests()[2].path).toContain('/versions/3e498530-55d2-4435-9241-8afa064ceda7/rules/');
		expect(output(run, 'Update rule from the retried run')[0].json.rule).toMatchObject({ conditions: [{ detail: 'chained' }] });
	});
});

describe('look-ups in real n8n', () => {
	it('retries every FAILED run of a playbook found by Get Many', async () => {
		const run = await execute('hwsmRetryAll0001');
		expect(run.status).toBe(0);
		const [list, ...operations] = requests();
		expect(list.route).toBe('listInstances');
		expect(list.query).toMatchObject({ status: 'FAILED', playbook_name: 'Auto-block malicious IPs' });
		expect(operations.length).toBeGreaterThan(0);
		for (const operation of operations) expect(operation.route).toBe('operateInstance');
		expect(output(run, 'Retry each run').map((item) => item.json.status)).toEqual(operations.map(() => 'RETRYING'));
	});

	it('updates the rule of a playbook found by name, without any ID', async () => {
		const run = await execute('hwsmRuleByName01');
		expect(run.status).toBe(0);
		expect(requests().map((request) => request.route)).toEqual(['listPlaybooks', 'getVersion', 'updateRule']);
		expect(output(run, 'Update its rule')[0].json.rule).toMatchObject({ logics: ['condition_0', 'AND', 'condition_1'] });
	});

	it('runs every look-up operation', async () => {
		const run = await execute('hwsmE2eLookups01');
		expect(run.status).toBe(0);
		expect(requests().map((request) => request.route)).toEqual([
			'listWorkspaces',
			'listPlaybooks',
			'getPlaybook',
			'listVersions',
			'getVersion',
			'getVersion',
			'getRule',
			'deleteRule',
			'createRule',
			'getInstance',
			'listAuditLogs',
			'searchAlerts',
			'getAlert',
		]);
		expect(output(run, 'Workspaces').length).toBe(2);
		expect(output(run, 'Create rule')[0].json.rule).toMatchObject({ cron: '0 0 4 * * ?' });
		expect(output(run, 'Alert')[0].json).toHaveProperty('data_object');
	});
});

describe('node version 2 in real n8n', () => {
	it('runs a node whose IDs are resource locators', async () => {
		const run = await execute('hwsmE2eVersion21');
		expect(run.status).toBe(0);
		expect(requests()[0].path).toBe(`${WS}/soc/playbooks/instances/${FAILED_A}/operation`);
		expect(output(run, 'Retry failed run')[0].json).toMatchObject({ status: 'RETRYING' });
	});
});

describe('authentication in real n8n', () => {
	it('AK/SK: the request is signed and the gateway accepts it', async () => {
		const run = await execute('hwsmE2eAkSk00001');
		expect(run.status).toBe(0);
		expect(requests()).toHaveLength(1);
		expect(requests()[0].auth).toBe('aksk');
		expect(requests()[0].headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=/);
		expect(requests()[0].headers['x-auth-token']).toBeUndefined();
		expect(output(run, 'Retry failed run')[0].json).toMatchObject({ status: 'RETRYING' });
		expect(`${run.stdout}${run.stderr}`).not.toContain(KEY.sk);
	});

	it('IAM user: n8n logs in through IAM and sends the issued token', async () => {
		const run = await execute('hwsmE2ePassword1');
		expect(run.status).toBe(0);
		expect(requests().map((request) => request.route)).toEqual(['iamTokens', 'updateRule']);
		expect(requests()[1].auth).toBe('token');
		expect(requests()[1].body).toBe(SEED_RULE_BODY);
		expect(`${run.stdout}${run.stderr}`).not.toContain(USER.password);
	});
});

describe('SecMaster errors in real n8n', () => {
	it('stop mode: the execution fails with SecMaster\'s code and message', async () => {
		const run = await execute('hwsmE2eErrStop01');
		expect(run.status).not.toBe(0);
		const text = `${run.stdout}\n${run.stderr}`;
		expect(text).toContain('SecMaster.20040409');
		expect(text).toContain('cannot be retried in status RUNNING');
		expect(text).not.toContain(TOKEN);
		expect(requests()[0].path).toContain(RUN_A);
	});

	it('continue-on-fail mode: error items beside the good one, each paired', async () => {
		const run = await execute('hwsmE2eErrCont01');
		expect(run.status).toBe(0);
		const items = output(run, 'Retry each run');
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ status: 'RETRYING' });
		expect(items[1].json.error).toMatch(/^SecMaster\.20040409: /);
		expect(items[2].json.error).toMatch(/^SecMaster\.20040404: /);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(JSON.stringify(run.runData)).not.toContain(TOKEN);
	});
});

// Issue 15: New High alert → run "Block malicious IP" on it and wait → close it as Resolved, or
// comment the failure and leave it open (Run Workflow's error output). Needs Alert → Close and
// Comment → Add (the alertops and incidents branches).
describe('Run Workflow and wait, in real n8n', () => {
	const BLOCK_IP = 'a1b2c3d4-0001-4000-8000-00000000f001';
	const HIGH_OPEN = '48d72655-6248-4a0d-a596-e61ba640a275';
	const sim = simulator as unknown as {
		queueWorkflowOutcome(id: string, outcome: Record<string, unknown>): unknown;
		state: { alerts: Record<string, { data_object: Record<string, unknown> }> };
	};
	const routesOf = () => requests().map((request) => request.route);

	it('closes the alert as Resolved with a comment once the run finished', async () => {
		const run = await execute('hwsmE2eBlockIp01', () => sim.queueWorkflowOutcome(BLOCK_IP, { result: 'FINISHED', afterMs: 1500 }));
		expect(run.status).toBe(0);
		const start = requests().find((request) => request.route === 'runWorkflow')!;
		expect(start.path).toBe(`${WS}/soc/workflows/${BLOCK_IP}/instances`);
		expect(start.json).toMatchObject({
			command_type: 'ActionInstanceRunCommand',
			action_type: 'workflow',
			action_id: BLOCK_IP,
			playbook_context: { data_object: { content: { id: HIGH_OPEN }, dataclass: { name: 'Alert' } } },
		});
		expect(routesOf().filter((route) => route === 'getWorkflowInstance').length).toBeGreaterThanOrEqual(2);
		const finished = output(run, 'Run Block IP and wait')[0].json;
		expect(finished).toMatchObject({ status: 'FINISHED', dataobject_id: HIGH_OPEN });
		expect(sim.state.alerts[HIGH_OPEN].data_object).toMatchObject({
			handle_status: 'Closed',
			close_reason: 'Resolved',
			close_comment: `Source IP blocked by SecMaster workflow run ${String(finished.id)}.`,
		});
		expect(routesOf()).not.toContain('createNote');
	});

	it('comments the failure on the alert and leaves it open when the run failed', async () => {
		const run = await execute('hwsmE2eBlockIp01', () =>
			sim.queueWorkflowOutcome(BLOCK_IP, { result: 'FAILED', afterMs: 1500, action: 'Add IP to WAF blacklist' }),
		);
		expect(run.status).toBe(0);
		const note = requests().find((request) => request.route === 'createNote')!;
		expect(note.json).toMatchObject({ war_room_id: HIGH_OPEN });
		expect(String(JSON.stringify(note.json))).toContain('ended FAILED: Add IP to WAF blacklist: Add IP to WAF blacklist failed');
		expect(sim.state.alerts[HIGH_OPEN].data_object.handle_status).toBe('Open');
		expect(routesOf().filter((route) => route === 'changeAlert' || route === 'changeAlerts')).toEqual([]);
	});
});
