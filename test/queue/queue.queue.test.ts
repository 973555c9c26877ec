/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// The packed package in n8n's queue mode: Postgres and Redis from Debian's packages, one main
// instance (webhooks, triggers) and two workers taking executions from Redis, against the
// simulator. What is measured goes to docs/scaling.md; nothing here asserts on time.
import { createDecipheriv, createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { CREDENTIAL, exampleWorkflows } from '../../scripts/lib/demo';
import { ENCRYPTION_KEY, startQueueServices } from '../../scripts/lib/queue';
import { ROOT, stopProcessGroup, until } from '../../scripts/lib/runtime';
import { AUTO_RETRY, injectIncident, isTriggered, MAINTENANCE, TRIAGE, withSchedulesSoon } from '../../scripts/lib/triggers';
import { createSimulator, observeRequests } from '../../simulator/server';
import type { Simulator } from '../helpers/simulator';
import { FIXTURE, PROJECT_ID, TOKEN, WORKSPACE_ID } from '../helpers/simulator';

type Cluster = Awaited<ReturnType<typeof startQueueServices>>;
type Added = { id: string };
type Incident = { failed: Added[]; running: Record<'runaway' | 'fresh' | 'lowRunaway', Added> };
type IamInfo = {
	tokenUse: { fresh: number; nearExpiry: number; expired: number };
	issuedTokens: Array<{ token: string; issuedAt: string; expiresAt: string; previousTokenLeftMs: number | null }>;
};
type TimedSimulator = Simulator & {
	addInstances(instances: object[]): { instances: Added[] };
	setInstanceStatus(id: string, status: string): void;
};

const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];
const STAGING = (FIXTURE as unknown as { workspaces: Array<{ id: string }> }).workspaces[1].id;
const STAGING_PLAYBOOK = '4c9d026c-7370-42c7-87bd-36383077c0e1';
const IAM_USER_CREDENTIAL_ID = 'hwSecMasterPass1';
const RETRY_WEBHOOK = JSON.parse(readFileSync(path.join(ROOT, 'test', 'queue', 'workflows', 'retry-webhook.json'), 'utf8'));
// The same workflow, its retries started 10 at a time every 200 ms and a refused one reported on its
// item: a worker killed at the fiftieth has not sent the rest, and running it again finishes the job.
const BATCHED_RETRY_WEBHOOK = (() => {
	const workflow = structuredClone(RETRY_WEBHOOK);
	const [webhook, , retry] = workflow.nodes;
	Object.assign(workflow, { id: 'hwsmQueueRetry02', name: 'Queue: retry the failed runs posted to a webhook, 10 every 200 ms' });
	Object.assign(webhook, { webhookId: '0b6f0016-5e1c-4d2a-9c3e-000000000070', parameters: { ...webhook.parameters, path: 'secmaster-queue-retry-batched' } });
	retry.parameters.requestOptions = { batching: { batch: { batchSize: 10, batchInterval: 200 } } };
	retry.onError = 'continueRegularOutput';
	return workflow;
})();
const EXECUTIONS = 40;
const ITEMS = 250;
const LIFETIME_MS = 20000;

const simulator = createSimulator({
	fixture: { ...FIXTURE, maxRetriesPerDay: 1e9 },
	tokenTtlMs: LIFETIME_MS,
	tokenMarginMs: 150,
	// Statuses brought up to date at most every 250 ms, not on each of 10,000 requests over 10,000 runs.
	evolveEveryMs: 250,
}) as unknown as TimedSimulator;
const state = () => simulator.state as unknown as { appliedOperations: Array<{ instanceId: string; operation: string }> };
let indexed: { length: number; byInstance: Map<string, string[]> } = { length: -1, byInstance: new Map() };
let appliedLog: Array<{ instanceId: string; operation: string }> | undefined;
/**
 * The operations SecMaster applied to an instance. Indexed, and from the log array itself: reading
 * the simulator's state brings 10,000 statuses up to date, which must not block it on every look.
 */
function operationsOn(id: string): string[] {
	appliedLog ??= state().appliedOperations;
	const applied = appliedLog;
	if (indexed.length !== applied.length) {
		const byInstance = new Map<string, string[]>();
		for (const op of applied) byInstance.set(op.instanceId, [...(byInstance.get(op.instanceId) ?? []), op.operation]);
		indexed = { length: applied.length, byInstance };
	}
	return indexed.byInstance.get(id) ?? [];
}
/** The playbook instance a recorded request acts on (…/instances/{id}/operation). */
const instanceOf = (request: { pathname: string }) => request.pathname.split('/').at(-2)!;
/** Whether a recorded request is an operation on one of these instances. */
const operatesOn = (instances: Set<string>) => (request: { route: string | null; pathname: string }) =>
	request.route === 'operateInstance' && instances.has(instanceOf(request));
const iam = async () => (await (await fetch(`${simulator.url}/__sim/iam`)).json()) as IamInfo;

let baseDir: string;
let cluster: Cluster;
let incident: Incident;
let history: string[] = [];

/** n8n's execution records in Postgres: id and status of a workflow's executions. */
async function executions(workflowId: string): Promise<Array<{ id: string; status: string; finished: boolean }>> {
	const rows = await cluster.postgres.query(`SELECT id, status, finished FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`);
	return rows.map(([id, status, finished]: string[]) => ({ id, status, finished: finished === 't' }));
}
const done = async (workflowId: string) => (await executions(workflowId)).filter((e) => !['new', 'running', 'waiting'].includes(e.status));

/** FAILED runs in the staging workspace (the triggers watch production). */
function failedRuns(count: number): string[] {
	const runs = Array.from({ length: count }, () => ({ workspace_id: STAGING, playbook: STAGING_PLAYBOOK, status: 'FAILED' }));
	return simulator.addInstances(runs).instances.map((instance) => instance.id);
}

/** One POST on a connection of its own: a kept-alive one n8n closes meanwhile would lose it, and it must not be sent twice. */
function postRetries(ids: string[], workflow = RETRY_WEBHOOK): Promise<void> {
	const body = JSON.stringify({ instances: ids.map((id) => ({ id })) });
	const webhook = workflow.nodes.find((node: { type: string }) => node.type === 'n8n-nodes-base.webhook');
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${cluster.main!.url}/webhook/${webhook.parameters.path}`,
			{ method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
			(response) => {
				response.resume();
				response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`the webhook answered ${response.statusCode}`))));
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** The credential as n8n stores it in Postgres, decrypted by n8n's own export. */
async function storedCredential(): Promise<Record<string, unknown>> {
	const file = path.join(baseDir, 'exported.json');
	await cluster.cli('export:credentials', `--id=${IAM_USER_CREDENTIAL_ID}`, '--decrypted', `--output=${file}`);
	return (JSON.parse(readFileSync(file, 'utf8')) as Array<{ data: Record<string, unknown> }>)[0].data;
}

/** n8n's encryption of credential data: AES-256-CBC in OpenSSL's salted format (n8n-core's CipherAes256CBC). */
function decrypted(data: string): Record<string, unknown> {
	const input = Buffer.from(data, 'base64');
	if (input.subarray(0, 8).toString('latin1') !== 'Salted__') throw new Error(`credential data not in n8n's salted format: ${data.slice(0, 16)}…`);
	const salt = input.subarray(8, 16);
	const secret = Buffer.concat([Buffer.from(ENCRYPTION_KEY, 'binary'), salt]);
	const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
	const [first, second] = [md5(secret), md5(md5(secret), secret)];
	const decipher = createDecipheriv('aes-256-cbc', Buffer.concat([first, second]), md5(second, secret));
	return JSON.parse(Buffer.concat([decipher.update(input.subarray(16)), decipher.final()]).toString('utf8'));
}

/** From here on, every save n8n makes of the IAM user's credential is copied to a table of its own. */
async function recordCredentialSaves(): Promise<void> {
	await cluster.postgres.query(`
		CREATE TABLE secmaster_credential_saves (n bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(), data text NOT NULL);
		CREATE FUNCTION secmaster_credential_saved() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO secmaster_credential_saves (data) VALUES (NEW.data); RETURN NEW; END $$;
		CREATE TRIGGER secmaster_credential_saved AFTER UPDATE ON credentials_entity FOR EACH ROW WHEN (NEW.id = '${IAM_USER_CREDENTIAL_ID}') EXECUTE FUNCTION secmaster_credential_saved();`);
}

/** The saves recorded: when (ms), and the IAM token each one stored. */
async function credentialSaves(): Promise<Array<{ at: number; token: string }>> {
	const rows = await cluster.postgres.query('SELECT (extract(epoch FROM at) * 1000)::bigint, data FROM secmaster_credential_saves ORDER BY n');
	return rows.map(([at, data]: string[]) => ({ at: Number(at), token: String(decrypted(data).sessionToken ?? '') }));
}

/**
 * Which worker process holds the client end of a connection to the simulator, found while the
 * request is open: the socket's inode in /proc/net/tcp, then the process with that socket.
 */
function workerOfConnection(remotePort: number): number | undefined {
	const hex = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
	const serverPort = Number(new URL(simulator.url).port);
	const socket = readFileSync('/proc/net/tcp', 'utf8')
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.find((fields) => fields[1]?.endsWith(hex(remotePort)) && fields[2]?.endsWith(hex(serverPort)));
	if (!socket) return undefined;
	return [0, 1].find((index) => {
		const pid = cluster.workers[index]?.child.pid;
		try {
			return readdirSync(`/proc/${pid}/fd`).some((fd) => {
				try {
					return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${socket[9]}]`;
				} catch {
					return false;
				}
			});
		} catch {
			return false;
		}
	});
}

/** Which worker ran the execution that retried each instance of these batches (one execution per batch). */
async function workerOfInstances(batches: string[][]): Promise<Map<string, number>> {
	const workerOf = new Map<string, number>();
	for (const batch of batches) {
		const rows = await cluster.postgres.query(`SELECT "executionId" FROM execution_data WHERE data LIKE '%${batch[0]}%'`);
		expect(rows).toHaveLength(1);
		const worker = [0, 1].find((index) => cluster.executionsOf(index).includes(rows[0][0]))!;
		for (const id of batch) workerOf.set(id, worker);
	}
	return workerOf;
}

beforeAll(async () => {
	await simulator.start(0);
	baseDir = mkdtempSync(path.join(tmpdir(), 'secmaster-queue-'));
	cluster = await startQueueServices(baseDir);
	const credentials = path.join(baseDir, 'credentials.json');
	const common = { projectId: PROJECT_ID, region: 'cn-north-4', endpoint: simulator.url };
	writeFileSync(
		credentials,
		JSON.stringify([
			{ ...CREDENTIAL, type: 'huaweiSecMasterApi', data: { ...common, token: TOKEN, workspaceId: WORKSPACE_ID } },
			{
				id: IAM_USER_CREDENTIAL_ID,
				name: 'Huawei SecMaster (simulator, IAM user)',
				type: 'huaweiSecMasterApi',
				data: { ...common, authType: 'password', domainName: USER.domainName, userName: USER.userName, password: USER.password, iamEndpoint: simulator.url, workspaceId: STAGING },
			},
		]),
	);
	await cluster.cli('import:credentials', `--input=${credentials}`);
	// The three the issue names (the SOC workflows act on alerts, which these runs do not play).
	const published = [TRIAGE, MAINTENANCE, AUTO_RETRY];
	const triggers = exampleWorkflows()
		.filter((w: { id: string }) => isTriggered(w) && published.includes(w.id))
		.map((w: { id: string }) => (w.id === MAINTENANCE ? withSchedulesSoon(w) : w));
	expect(triggers.map((w: { id: string }) => w.id).sort()).toEqual([...published].sort());
	const workflows = path.join(baseDir, 'workflows');
	mkdirSync(workflows);
	for (const workflow of [...triggers, RETRY_WEBHOOK, BATCHED_RETRY_WEBHOOK]) writeFileSync(path.join(workflows, `${workflow.id}.json`), JSON.stringify(workflow));
	await cluster.cli('import:workflow', '--separate', `--input=${workflows}`);
	await Promise.all([cluster.startMain(), cluster.startWorker(0), cluster.startWorker(1)]);
	await cluster.activate([RETRY_WEBHOOK.id, BATCHED_RETRY_WEBHOOK.id, ...triggers.map((w: { id: string }) => w.id)]);
	// What has failed by the triggers' first polls is history, never to be retried by them.
	await until(
		() =>
			simulator.requests.some((r) => r.route === 'searchAlerts') &&
			simulator.requests.some((r) => r.route === 'listInstances' && r.query.status === 'FAILED'),
		{ what: 'the triggers\' first polls', timeoutMs: 60_000 },
	);
	const instances = simulator.state.instances as Record<string, { status: string; workspace_id: string }>;
	history = Object.keys(instances).filter((id) => instances[id].workspace_id === WORKSPACE_ID && instances[id].status.toUpperCase() === 'FAILED');
}, 10 * 60 * 1000);

afterAll(async () => {
	if (cluster) await cluster.stop(path.join(ROOT, '.cache', 'queue-logs'));
	await simulator.stop();
	if (baseDir) rmSync(baseDir, { recursive: true, force: true });
});

describe('40 webhook executions of 250 retries each on two workers, with an IAM token that lives 20 s', () => {
	let ids: string[][];
	let started: number;
	let seconds: number;

	beforeAll(async () => {
		ids = Array.from({ length: EXECUTIONS }, () => failedRuns(ITEMS));
		await recordCredentialSaves();
		// Which worker made each IAM call (reported, to explain a login that is not a renewal).
		observeRequests((record: { route: string | null; remotePort?: number; worker?: number }) => {
			if (record.route?.startsWith('iam') && record.remotePort) record.worker = workerOfConnection(record.remotePort);
		});
		// The simulator answers from this process: how late its event loop ran, and how busy it was,
		// tell a slow simulator (timestamps late) from a slow node.
		const lag = monitorEventLoopDelay({ resolution: 20 });
		lag.enable();
		const cpu = process.cpuUsage();
		started = Date.now();
		await Promise.all(ids.map((batch) => postRetries(batch)));
		await until(async () => (await done(RETRY_WEBHOOK.id)).length >= EXECUTIONS, { what: 'the 40 executions', timeoutMs: 240_000, everyMs: 500 });
		seconds = (Date.now() - started) / 1000;
		lag.disable();
		const used = process.cpuUsage(cpu);
		process.stderr.write(
			`[queue] this process (the simulator): event loop late by at most ${Math.round(lag.max / 1e6)} ms (p99 ${Math.round(lag.percentile(99) / 1e6)} ms), CPU ${Math.round((used.user + used.system) / 1e4 / seconds)}% of one core\n`,
		);
		const info = await iam();
		process.stderr.write(`[queue] token use ${JSON.stringify(info.tokenUse)}, logins replaced tokens with ${JSON.stringify(info.issuedTokens.map((t) => t.previousTokenLeftMs))} ms left\n`);
		if (info.tokenUse.expired) {
			// Which tokens went out after their end, and how late.
			const late = new Map<string, { count: number; latestMs: number; first: number }>();
			for (const r of simulator.requests as unknown as Array<{ tokenLeftMs: number | null; headers: Record<string, string>; time: number }>) {
				if (r.tokenLeftMs === null || r.tokenLeftMs > 0) continue;
				const token = r.headers['x-auth-token'];
				const entry = late.get(token) ?? { count: 0, latestMs: 0, first: r.time - started };
				late.set(token, { count: entry.count + 1, latestMs: Math.min(entry.latestMs, r.tokenLeftMs), first: entry.first });
			}
			const order = info.issuedTokens.map((t) => t.token);
			process.stderr.write(`[queue] expired uses: ${JSON.stringify([...late].map(([t, e]) => ({ token: order.indexOf(t), ...e })))}\n`);
		}
		const records = await executions(RETRY_WEBHOOK.id);
		const statuses = records.map((e) => e.status);
		const failed = records.find((e) => e.status !== 'success');
		if (failed) {
			const [[, text]] = await cluster.postgres.query(`SELECT "executionId", data FROM execution_data WHERE "executionId" = ${failed.id}`);
			process.stderr.write(`[queue] execution ${failed.id}: ${JSON.stringify(text.match(/"[^"]*(?:rror|failed|expired)[^"]*"/g)?.slice(0, 6))}\n`);
		}
		process.stderr.write(
			`[queue] ${EXECUTIONS * ITEMS} items in ${seconds.toFixed(1)} s on two workers (${Math.round((EXECUTIONS * ITEMS) / seconds)} items/s), ` +
				`${info.issuedTokens.length} IAM logins, worker 0 ran ${cluster.executionsOf(0).length} executions, worker 1 ${cluster.executionsOf(1).length}, statuses ${JSON.stringify(statuses)}\n`,
		);
	}, 300_000);

	it('operates every instance exactly once, and every execution succeeds', async () => {
		for (const id of ids.flat()) expect(operationsOn(id)).toEqual(['RETRY']);
		const records = await executions(RETRY_WEBHOOK.id);
		expect(records).toHaveLength(EXECUTIONS);
		expect(records.map((e) => e.status)).toEqual(records.map(() => 'success'));
	});

	it('spreads the executions over both workers, each run by one', async () => {
		const [first, second] = [cluster.executionsOf(0), cluster.executionsOf(1)];
		expect(first.length).toBeGreaterThan(0);
		expect(second.length).toBeGreaterThan(0);
		for (const { id } of await executions(RETRY_WEBHOOK.id)) expect([first.includes(id), second.includes(id)].filter(Boolean)).toHaveLength(1);
	});

	// The IAM user's credential is first used here, with no token: each worker may log in once on
	// it before either login is saved (n8n gives a node no lock to share); after that, one token
	// serves both workers and its renewer alone renews it.
	it('logs in once per worker at the start, then once per renewal; saves each token once; both workers use every renewal', async () => {
		const logins = (await iam()).issuedTokens;
		const saves = await credentialSaves();
		const issuedAt = (login: { issuedAt: string }) => Date.parse(login.issuedAt);
		// Logins before the first token falls due renew nothing: a worker whose first run read the
		// credential before n8n had saved the other worker's login logs in too (once seen 5.5 s later).
		const startup = logins.filter((login) => issuedAt(login) < issuedAt(logins[0]) + LIFETIME_MS / 2);
		const renewals = logins.slice(startup.length);
		// This run's retries the gateway accepted, and the worker that sent each (its execution's).
		const retried = new Set(ids.flat());
		const workerOf = await workerOfInstances(ids);
		const requests = simulator.requests as Array<(typeof simulator.requests)[number] & { time: number; tokenLeftMs: number | null }>;
		const accepted = requests.filter((r) => operatesOn(retried)(r) && r.tokenLeftMs! > 0);
		const workersUsing = (token: string) => [...new Set(accepted.filter((r) => r.headers['x-auth-token'] === token).map((r) => workerOf.get(instanceOf(r))))].sort();
		process.stderr.write(
			`[queue] logins ${JSON.stringify(logins.map((login) => ({ atMs: issuedAt(login) - started, replacedWithMsLeft: login.previousTokenLeftMs, savedAtMs: saves.filter((save) => save.token === login.token).map((save) => save.at - started), workers: workersUsing(login.token) })))}\n`,
		);

		const tokenIndex = (token: unknown) => logins.findIndex((login) => login.token === token);
		// Each 2 s: the retries each worker sent, as "worker:token×count" (which token it was using when).
		const timeline = new Map<number, Map<string, number>>();
		for (const r of requests.filter(operatesOn(retried))) {
			const slot = Math.floor((r.time - started) / 2000) * 2;
			const key = `${workerOf.get(instanceOf(r))}:${tokenIndex(r.headers['x-auth-token'])}`;
			const counts = timeline.get(slot) ?? new Map<string, number>();
			timeline.set(slot, counts.set(key, (counts.get(key) ?? 0) + 1));
		}
		process.stderr.write(`[queue] retries per 2 s (worker:token×count) ${[...timeline].map(([slot, counts]) => `${slot}s ${[...counts].map(([k, n]) => `${k}×${n}`).join(' ')}`).join(' | ')}\n`);
		const iamCalls = requests.filter((r) => r.route?.startsWith('iam') && r.time >= started);
		const byWorker = (r: object) => `worker ${(r as { worker?: number }).worker ?? '?'}`;
		process.stderr.write(
			`[queue] IAM calls ${JSON.stringify(iamCalls.map((r) => [r.route === 'iamTokens' ? 'login' : `confirm ${tokenIndex(r.headers['x-subject-token'])}`, r.time - started, byWorker(r)]))}\n`,
		);
		expect(startup.length).toBeGreaterThanOrEqual(1);
		expect(startup.length).toBeLessThanOrEqual(2);
		expect(renewals.length).toBeGreaterThanOrEqual(1);
		// The first renewal may renew the first startup token, and the simulator measures the life left
		// of the last one issued: that one ends later by the time between the two startup logins.
		const startupSpread = issuedAt(startup.at(-1)!) - issuedAt(startup[0]);
		for (const [index, login] of renewals.entries()) {
			// A renewal: the token it replaced was due (half its life left, and a second for the time on the way).
			expect(login.previousTokenLeftMs).toBeLessThanOrEqual(LIFETIME_MS / 2 + 1000 + (index === 0 ? startupSpread : 0));
			// One login per renewal: the previous one was a renewal's interval (half the lifetime) earlier, not two workers renewing together.
			const previous = index === 0 ? startup.at(-1)! : renewals[index - 1];
			expect(issuedAt(login) - issuedAt(previous)).toBeGreaterThan(LIFETIME_MS / 4);
		}
		// Each token saved exactly once, and nothing else saved.
		expect(saves.map((save) => save.token).sort()).toEqual(logins.map((login) => login.token).sort());
		// Every renewal reached both workers: a worker still sending once the token it replaced had ended used it.
		const lastRequestOf = (worker: number) => Math.max(...accepted.filter((r) => workerOf.get(instanceOf(r)) === worker).map((r) => r.time));
		for (const login of renewals) {
			const replacedEnds = issuedAt(login) + login.previousTokenLeftMs!;
			const stillSending = [0, 1].filter((worker) => lastRequestOf(worker) > replacedEnds + 1000);
			expect(workersUsing(login.token)).toEqual(expect.arrayContaining(stillSending));
		}
		expect(renewals.filter((login) => workersUsing(login.token).length === 2).length).toBeGreaterThanOrEqual(1);
		// Every token on the wire was issued by IAM.
		const issued = logins.map((login) => login.token);
		const sent = simulator.requests.filter(operatesOn(retried));
		expect(sent.filter((r) => !issued.includes(String(r.headers['x-auth-token'])))).toEqual([]);
		const stored = await storedCredential();
		// The last renewal is the stored token.
		expect(stored.sessionToken).toBe(renewals.at(-1)!.token);
		expect(stored.password).toBe(USER.password);
	});
});

describe('the three published trigger workflows, their executions run on the workers', () => {
	it('polled on activation and replays no history', () => {
		expect(history.length).toBeGreaterThan(0);
		for (const id of history) expect(operationsOn(id)).toEqual([]);
	});

	it('retries each failed run once, terminates the runaway playbook, quiets the schedule and back: nothing twice', async () => {
		incident = injectIncident(simulator) as unknown as Incident;
		const ruleUpdates = () =>
			simulator.requests.filter((r) => r.route === 'updateRule').map((r) => (r.json!.rule as { cron: string }).cron);
		await until(
			() =>
				incident.failed.every((f) => operationsOn(f.id).length > 0) &&
				operationsOn(incident.running.runaway.id).length > 0 &&
				ruleUpdates().join().includes('0 30 5 * * ?,0 0 2 * * ?'),
			{ what: 'the three workflows to act', timeoutMs: 180_000 },
		);
		const ended = async (id: string) => (await executions(id)).every((e) => e.status !== 'running' && e.status !== 'new');
		await until(async () => (await Promise.all([AUTO_RETRY, TRIAGE, MAINTENANCE].map(ended))).every(Boolean), {
			what: 'their executions to end',
		});
		for (const failed of incident.failed) expect(operationsOn(failed.id)).toEqual(['RETRY']);
		expect(operationsOn(incident.running.runaway.id)).toEqual(['TERMINATE']);
		expect(operationsOn(incident.running.fresh.id)).toEqual([]);
		expect(operationsOn(incident.running.lowRunaway.id)).toEqual([]);
		const replayed = state().appliedOperations.filter((op) => history.includes(op.instanceId));
		if (replayed.length) process.stderr.write(`[queue] history replayed: ${JSON.stringify(replayed)} ${JSON.stringify(replayed.map((op) => (simulator.state.instances as Record<string, unknown>)[op.instanceId]))}\n`);
		for (const id of history) expect(operationsOn(id)).toEqual([]);
		const onWorkers = new Set([...cluster.executionsOf(0), ...cluster.executionsOf(1)]);
		for (const id of [AUTO_RETRY, TRIAGE, MAINTENANCE]) {
			const records = await done(id);
			expect(records.length).toBeGreaterThan(0);
			expect(records.map((e) => e.status)).toEqual(records.map(() => 'success'));
			for (const record of records) expect(onWorkers.has(record.id)).toBe(true);
		}
	});

	it('continues from its saved state after the main instance restarts between two polls: nothing replayed, nothing skipped', async () => {
		const saved = async () => (await cluster.postgres.query(`SELECT "staticData" FROM workflow_entity WHERE id = '${AUTO_RETRY}'`))[0][0];
		const before = await saved();
		expect(before).toContain('instanceStatus');
		await cluster.stopMain();
		// Runs that fail while no main instance polls.
		const whileDown = simulator.addInstances(
			[4, 5].map((n) => ({ name: `Auto-block malicious IPs-incident-${n}`, playbook: '3650884c-90cd-4532-a740-5b6f750a7469', status: 'FAILED' })),
		).instances;
		await cluster.startMain();
		await until(() => whileDown.every((run) => operationsOn(run.id).length > 0), { what: 'the runs that failed meanwhile to be retried', timeoutMs: 150_000 });
		await until(async () => (await executions(AUTO_RETRY)).every((e) => e.status !== 'running' && e.status !== 'new'), { what: 'the auto-retry executions to end' });
		for (const run of [...whileDown, ...incident.failed]) expect(operationsOn(run.id)).toEqual(['RETRY']);
		for (const id of history) expect(operationsOn(id)).toEqual([]);
		expect(await saved()).not.toEqual(before);
	});
});

describe('a worker killed (SIGKILL) in the middle of a run, then started again', () => {
	it('operates no instance twice; the run stops where the worker died, and running it again retries the rest once', async () => {
		const ids = failedRuns(ITEMS);
		// Each retry answered 150 ms late: the last batch sent is still in flight when the worker dies.
		const slow = { route: 'operateInstance', kind: 'slow', delayMs: 150, count: 'Infinity' };
		await fetch(`${simulator.url}/__sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(slow) });
		const before = new Set((await executions(BATCHED_RETRY_WEBHOOK.id)).map((e) => e.id));
		await postRetries(ids, BATCHED_RETRY_WEBHOOK);
		const applied = () => ids.filter((id) => operationsOn(id).length > 0).length;
		const sent = () => simulator.requests.filter(operatesOn(new Set(ids))).length;
		// Which worker runs it is known before it is under way, so that the kill follows at once.
		const { id } = await until(async () => (await executions(BATCHED_RETRY_WEBHOOK.id)).find((e) => !before.has(e.id)), { what: 'its execution record', everyMs: 50 });
		const { index } = await until(
			() => [0, 1].filter((i) => cluster.executionsOf(i).includes(id)).map((i) => ({ index: i }))[0],
			{ what: 'the worker running it', everyMs: 50 },
		);
		// Killed as the simulator takes in the run's fiftieth retry: a check polled from here came late
		// when the simulator was busy, once with 249 of 250 applied.
		const pending = new Set(ids);
		let arrived = 0;
		const fiftieth = (record: { route: string | null; pathname: string }) =>
			record.route === 'operateInstance' && pending.delete(instanceOf(record)) && ++arrived === ITEMS / 5;
		await new Promise<void>((resolve) => {
			const kill = () => {
				stop();
				process.kill(-cluster.workers[index].child.pid, 'SIGKILL');
				resolve();
			};
			const stop = observeRequests((record: { route: string | null; pathname: string }) => fiftieth(record) && kill());
			// The retries taken in before this look began count too.
			if (simulator.requests.some(fiftieth)) kill();
		});
		const killedAt = Date.now();
		const atKill = applied();
		await fetch(`${simulator.url}/__sim/faults`, { method: 'DELETE' });
		await cluster.startWorker(index);
		const settled = async () => (await executions(BATCHED_RETRY_WEBHOOK.id)).find((e) => e.id === id && !['new', 'running'].includes(e.status));
		const final = await until(settled, { what: 'n8n to settle the execution', timeoutMs: 90_000, everyMs: 500 }).catch(() => undefined);
		const status = final?.status ?? (await executions(BATCHED_RETRY_WEBHOOK.id)).find((e) => e.id === id)?.status;
		const [sentByTheRun, appliedByTheRun] = [sent(), applied()];
		process.stderr.write(
			`[queue] worker ${index} killed during execution ${id} as its ${arrived}th retry arrived (${atKill}/${ITEMS} applied then); ` +
				`${((Date.now() - killedAt) / 1000).toFixed(1)} s later its status is "${status}", ${sentByTheRun} sent and ${appliedByTheRun} applied in all, ` +
				`started by workers ${JSON.stringify([0, 1].map((i) => cluster.executionsOf(i).filter((e) => e === id).length))}\n`,
		);
		for (const instance of ids) expect(operationsOn(instance).length).toBeLessThanOrEqual(1);
		expect(status).not.toBe('success');
		// The run ended with the worker: what it had not sent was never sent (n8n does not run it again).
		expect(sentByTheRun).toBeLessThan(ITEMS);
		expect(appliedByTheRun).toBe(sentByTheRun);

		// Run again on the same 250: the runs retried before are no longer FAILED and SecMaster refuses
		// them (one error item each); the others are retried once.
		await postRetries(ids, BATCHED_RETRY_WEBHOOK);
		const again = await until(async () => (await done(BATCHED_RETRY_WEBHOOK.id)).find((e) => !before.has(e.id) && e.id !== id), {
			what: 'the second run',
			timeoutMs: 120_000,
			everyMs: 500,
		});
		process.stderr.write(`[queue] run again: execution ${again.id} "${again.status}", ${sent() - sentByTheRun} retries sent, ${applied()}/${ITEMS} retried in all\n`);
		expect(again.status).toBe('success');
		for (const instance of ids) expect(operationsOn(instance)).toEqual(['RETRY']);
		expect(sent()).toBe(sentByTheRun + ITEMS);
	});
});

describe('for comparison, one worker alone', () => {
	it('runs 8 executions of 250 retries on one worker, each instance once (its rate goes to docs/scaling.md)', async () => {
		await stopProcessGroup(cluster.workers[1].child);
		const ids = Array.from({ length: 8 }, () => failedRuns(ITEMS));
		const before = (await done(RETRY_WEBHOOK.id)).length;
		const started = Date.now();
		await Promise.all(ids.map((batch) => postRetries(batch)));
		await until(async () => (await done(RETRY_WEBHOOK.id)).length >= before + ids.length, { what: 'the 8 executions', timeoutMs: 200_000, everyMs: 500 });
		const seconds = (Date.now() - started) / 1000;
		process.stderr.write(`[queue] ${ids.length * ITEMS} items in ${seconds.toFixed(1)} s on one worker (${Math.round((ids.length * ITEMS) / seconds)} items/s)\n`);
		for (const id of ids.flat()) expect(operationsOn(id)).toEqual(['RETRY']);
	});
});
