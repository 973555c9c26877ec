/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// The three ready-made workflows as users run them: published in a real n8n 2.x, started
// by their own triggers (the SecMaster Trigger polling every minute, the Schedule Trigger),
// against the simulator. The maintenance window's schedule is moved to the coming minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { exampleWorkflows, prepareDemo, startEditor } from '../../scripts/lib/demo';
import { freePortPair, stopProcessGroup, until } from '../../scripts/lib/runtime';
import {
	AUTO_RETRY,
	injectIncident,
	isTriggered,
	MAINTENANCE,
	publish,
	restClient,
	TRIAGE,
	withSchedulesSoon,
} from '../../scripts/lib/triggers';
import type { RecordedRequest, Simulator } from '../helpers/simulator';
import { TOKEN } from '../helpers/simulator';

type Added = { id: string };
type Incident = {
	failed: Added[];
	alerts: Record<'high' | 'fatal' | 'low', Added & { data_object: { title: string } }>;
	running: Record<'runaway' | 'fresh' | 'lowRunaway', Added>;
};
type Execution = { id: string; status: string; startedAt?: string | null };
type Rest = Awaited<ReturnType<typeof restClient>>;

type TimedSimulator = Simulator & { now(): number; setInstanceStatus(id: string, status: string): void };
let simulator: TimedSimulator;
const state = () => simulator.state as unknown as { appliedOperations: Array<{ instanceId: string; operation: string }> };
const operationsOn = (id: string) => state().appliedOperations.filter((op) => op.instanceId === id).map((op) => op.operation);
const ruleUpdates = () =>
	simulator.requests.filter((r: RecordedRequest) => r.route === 'updateRule').map((r) => (r.json!.rule as { cron: string }).cron);

let userFolder: string;
let editor: Awaited<ReturnType<typeof startEditor>>;
let rest: Rest;
let incident: Incident;
/** The runs that had failed before activation: history, never to be retried by the trigger. */
let history: string[] = [];

async function finished(workflowId: string): Promise<Execution[]> {
	const executions = (await rest.executions(workflowId)) as Execution[];
	return executions.filter((e) => e.status !== 'running' && e.status !== 'new');
}

beforeAll(async () => {
	// The demo environment: simulator, n8n with the package, the credential and the examples.
	userFolder = mkdtempSync(path.join(tmpdir(), 'secmaster-triggers-'));
	const demo = await prepareDemo({ simulatorPort: 0, userFolder });
	simulator = demo.simulator as unknown as TimedSimulator;
	const workflows = exampleWorkflows().filter(isTriggered).map((w: { id: string }) => (w.id === MAINTENANCE ? withSchedulesSoon(w) : w));
	expect(workflows.map((w: { id: string }) => w.id).sort()).toEqual([TRIAGE, MAINTENANCE, AUTO_RETRY].sort());
	await publish(demo.n8n, userFolder, workflows);
	editor = await startEditor(demo, { port: await freePortPair() });
	rest = await restClient(editor);
}, 20 * 60 * 1000);

afterAll(async () => {
	if (editor) await stopProcessGroup(editor.child);
	if (simulator) await simulator.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

it('polls once on activation and replays no history', async () => {
	await until(
		() =>
			simulator.requests.some((r) => r.route === 'searchAlerts') &&
			simulator.requests.some((r) => r.route === 'listInstances' && r.query.status === 'FAILED'),
		{ what: 'the triggers\' first polls', timeoutMs: 60_000 },
	);
	const instances = simulator.state.instances as Record<string, { status: string }>;
	history = Object.keys(instances).filter((id) => instances[id].status.toUpperCase() === 'FAILED');
	expect(history.length).toBeGreaterThan(0);
	expect(state().appliedOperations).toEqual([]);
}, 90_000);

it('retries the failed runs, terminates the runaway playbook, and quiets the schedule and back', async () => {
	incident = injectIncident(simulator) as unknown as Incident;
	await until(
		() =>
			incident.failed.every((f) => operationsOn(f.id).length > 0) &&
			operationsOn(incident.running.runaway.id).length > 0 &&
			ruleUpdates().join().includes('0 30 5 * * ?,0 0 2 * * ?'),
		{ what: 'the three workflows to act', timeoutMs: 180_000 },
	);
	// Give a slower sibling execution time to finish before counting.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	for (const failed of incident.failed) expect(operationsOn(failed.id)).toEqual(['RETRY']);
	expect(operationsOn(incident.running.runaway.id)).toEqual(['TERMINATE']);
	expect(operationsOn(incident.running.fresh.id)).toEqual([]);
	expect(operationsOn(incident.running.lowRunaway.id)).toEqual([]);
	for (const id of history) expect(operationsOn(id)).toEqual([]);
	const rule = simulator.requests.find((r) => r.route === 'updateRule')!;
	expect(rule.method).toBe('PUT');
	expect(rule.headers['x-auth-token']).toBe(TOKEN);
	for (const id of [AUTO_RETRY, TRIAGE, MAINTENANCE]) {
		const executions = await finished(id);
		expect(executions.length).toBeGreaterThan(0);
		expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
	}
}, 240_000);

it('leaves a run that failed again after today\'s retry for a person', async () => {
	const [again] = incident.failed;
	const changedAt = Date.now();
	simulator.setInstanceStatus(again.id, 'FAILED');
	// The next poll sees the new failure and starts the workflow, which skips it.
	await until(
		async () => (await finished(AUTO_RETRY)).some((e) => Date.parse(String(e.startedAt)) > changedAt),
		{ what: 'the next auto-retry execution', timeoutMs: 150_000 },
	);
	expect(operationsOn(again.id)).toEqual(['RETRY']);
	expect((await finished(AUTO_RETRY)).every((e) => e.status === 'success')).toBe(true);
	for (const failed of incident.failed) expect(operationsOn(failed.id)).toEqual(['RETRY']);
}, 200_000);
