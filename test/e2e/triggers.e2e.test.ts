/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// The ready-made trigger workflows as users run them: published in a real n8n 2.x, started
// by their own triggers (the SecMaster Trigger polling every minute, the Schedule Trigger),
// against the simulator. The maintenance window's schedule is moved to the coming minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { exampleWorkflows, prepareDemo, startEditor } from '../../scripts/lib/demo';
import { freePortPair, stopProcessGroup, until } from '../../scripts/lib/runtime';
import {
	allPolled,
	AUTO_RETRY,
	CLOSE_FALSE_POSITIVES,
	ESCALATE,
	incidentOf,
	injectIncident,
	isTriggered,
	MAINTENANCE,
	notesOn,
	publish,
	restClient,
	TRIAGE,
	withSchedulesSoon,
} from '../../scripts/lib/triggers';
import type { RecordedRequest, Simulator } from '../helpers/simulator';
import { TOKEN } from '../helpers/simulator';

type Added = { id: string; name: string };
type Alert = { id: string; create_time: string; data_object: { title: string; handle_status: string } };
type Incident = {
	failed: Added[];
	alerts: Record<'high' | 'fatal' | 'low' | 'noisy' | 'production', Alert>;
	running: Record<'runaway' | 'fresh' | 'lowRunaway', Added>;
	production: { failed: Added[]; finished: Added };
};
type SocRecord = { id: string; data_object: Record<string, unknown> };
const IPV4 = '0f9a3c1e-7d2b-4e61-9a8f-1b2c3d4e5f01';
type Note = { war_room_id: string; type: string; data: { content: string } };
type Execution = { id: string; status: string; startedAt?: string | null };
type Rest = Awaited<ReturnType<typeof restClient>>;

type TimedSimulator = Simulator & { now(): number; setInstanceStatus(id: string, status: string): void };
let simulator: TimedSimulator;
const state = () => simulator.state as unknown as { appliedOperations: Array<{ instanceId: string; operation: string }> };
const operationsOn = (id: string) => state().appliedOperations.filter((op) => op.instanceId === id).map((op) => op.operation);
const requestsOf = (route: string) => simulator.requests.filter((r: RecordedRequest) => r.route === route);
const alertNow = (id: string) => (simulator.state.alerts as Record<string, Alert>)[id].data_object;
const incidentFor = (alertId: string) => incidentOf(simulator, alertId) as SocRecord | undefined;
const notes = (id: string) => (notesOn(simulator, id) as Note[]).map((note) => note.data.content);
const ruleUpdates = () =>
	simulator.requests.filter((r: RecordedRequest) => r.route === 'updateRule').map((r) => (r.json!.rule as { cron: string }).cron);

let userFolder: string;
let editor: Awaited<ReturnType<typeof startEditor>>;
let rest: Rest;
let incident: Incident;
/** The runs that had failed before activation: history, never to be retried by the trigger. */
let history: string[] = [];
let published: Array<{ id: string }> = [];

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
	expect(workflows.map((w: { id: string }) => w.id).sort()).toEqual([TRIAGE, MAINTENANCE, AUTO_RETRY, CLOSE_FALSE_POSITIVES, ESCALATE].sort());
	await publish(demo.n8n, userFolder, workflows);
	published = workflows;
	editor = await startEditor(demo, { port: await freePortPair() });
	rest = await restClient(editor);
}, 20 * 60 * 1000);

afterAll(async () => {
	if (editor) await stopProcessGroup(editor.child);
	if (simulator) await simulator.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

it('polls once on activation and replays no history', async () => {
	await until(() => allPolled(simulator, published), { what: 'the triggers\' first polls', timeoutMs: 60_000 });
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

/** Waits for `pending()` to list nothing, and names what is still missing when it times out. */
async function settled(pending: () => Array<string | false>, what: string): Promise<void> {
	const missing = () => pending().filter(Boolean);
	await until(() => missing().length === 0, { what, timeoutMs: 180_000 }).catch((error: Error) => {
		throw new Error(`${error.message}; still missing: ${missing().join(', ')}`);
	});
	// Give a slower sibling execution time to finish before counting.
	await new Promise((resolve) => setTimeout(resolve, 3000));
}

async function allSucceeded(workflowId: string): Promise<void> {
	const executions = await finished(workflowId);
	expect(executions.length).toBeGreaterThan(0);
	expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
}

it('closes the Low alert of the noisy source as a false positive, with the reason and why', async () => {
	const { noisy, low } = incident.alerts;
	await settled(() => [alertNow(noisy.id).handle_status !== 'Closed' && 'the false positive closed'], 'the close-false-positives workflow');
	const why =
		'False positive: a Low alert from Legacy IDS (legacy-ids), a detector whose Low alerts are known noise. Closed by the n8n workflow "close false positives".';
	expect(alertNow(noisy.id)).toMatchObject({ handle_status: 'Closed', close_reason: 'False detection', close_comment: why });
	// The other Low alert comes from another source: left open.
	expect(alertNow(low.id).handle_status).toBe('Open');
	const [close, ...moreCloses] = requestsOf('changeAlert');
	expect(moreCloses).toEqual([]);
	expect([close.method, close.path, close.headers['x-auth-token']]).toEqual(['PUT', expect.stringMatching(new RegExp(`/soc/alerts/${noisy.id}$`)), TOKEN]);
	expect(close.json).toEqual({ data_object: { handle_status: 'Closed', close_reason: 'False detection', close_comment: why } });
	await allSucceeded(CLOSE_FALSE_POSITIVES);
}, 240_000);

it('escalates the production alert: incident linked both ways, indicator, runs retried once, named in a comment', async () => {
	const { production, high, fatal, low, noisy } = incident.alerts;
	const incidentNotes = () => notes(incidentFor(production.id)?.id ?? '-');
	await settled(() => [!incidentNotes().length && 'the comment on the escalated incident'], 'the escalate workflow');

	const made = incidentFor(production.id)!;
	const title = `Escalated: ${production.data_object.title}`;
	expect(made.data_object).toMatchObject({
		title,
		severity: 'High',
		incident_type: { category: 'Brute force', incident_type: 'SSH brute force' },
		alert_list: [production.id],
	});
	for (const other of [high, fatal, low, noisy]) expect(incidentFor(other.id)).toBeUndefined();
	const [convert, ...moreConverts] = requestsOf('convertAlerts');
	expect(moreConverts).toEqual([]);
	expect([convert.method, convert.path]).toEqual(['POST', expect.stringMatching(/\/soc\/alerts\/batch-order$/)]);
	expect(convert.json).toEqual({ ids: [production.id], incident_content: { title, incident_type: { category: 'Brute force', incident_type: 'SSH brute force' } } });

	// The attacker's IP as an indicator, once.
	const name = `Attacker 203.0.113.77 (${production.data_object.title})`;
	const indicators = Object.values((simulator.state.soc as { indicators: Record<string, SocRecord> }).indicators).filter(
		(i) => i.data_object.value === '203.0.113.77',
	);
	expect(indicators).toHaveLength(1);
	expect(indicators[0].data_object).toMatchObject({ name, verdict: 'Black', labels: 'escalated,production', indicator_type: { id: IPV4 } });
	const [indicator, ...moreIndicators] = requestsOf('createIndicator');
	expect(moreIndicators).toEqual([]);
	expect(indicator.method).toBe('POST');
	expect(indicator.json).toMatchObject({
		data_object: {
			name,
			value: '203.0.113.77',
			verdict: 'Black',
			granular_marking: 1,
			labels: 'escalated,production',
			indicator_type: { id: IPV4, indicator_type: 'IPv4' },
			data_source: { source_type: 1, product_name: 'n8n', product_feature: 'escalate' },
		},
	});

	// The alert's failed runs retried exactly once (the finished one not at all), and named in
	// the incident's one comment, newest first as SecMaster lists them.
	const [older, newer] = incident.production.failed;
	for (const run of [older, newer]) {
		expect(operationsOn(run.id)).toEqual(['RETRY']);
		const sent = requestsOf('operateInstance').filter((r) => r.path.includes(run.id));
		expect(sent.map((r) => r.json)).toEqual([{ operation: 'RETRY' }]);
	}
	expect(operationsOn(incident.production.finished.id)).toEqual([]);
	const comment = [
		`Escalated from alert ${production.id} by the n8n workflow "escalate".`,
		`Retried failed playbook runs: ${newer.name} (${newer.id}), ${older.name} (${older.id})`,
	].join('\n');
	expect(incidentNotes()).toEqual([comment]);
	const sent = requestsOf('createNote').filter((r) => r.json!.war_room_id === made.id);
	expect(sent.map((r) => [r.method, r.json])).toEqual([['POST', { war_room_id: made.id, type: 'textMessage', content: comment }]]);
	await allSucceeded(ESCALATE);
}, 240_000);

it('ends the triage with a note on the alert naming the run it terminated', async () => {
	const { high, fatal, low, noisy, production } = incident.alerts;
	await settled(() => [!notes(high.id).length && 'the triage note on the alert'], 'the triage workflow\'s note');
	const { runaway } = incident.running;
	const note = `Terminated by the n8n triage workflow, running over 30 minutes: ${runaway.name} (${runaway.id})`;
	expect(notes(high.id)).toEqual([note]);
	for (const other of [fatal, low, noisy, production]) expect(notes(other.id)).toEqual([]);
	const sent = requestsOf('createNote').filter((r) => r.json!.war_room_id === high.id);
	expect(sent.map((r) => [r.method, r.headers['x-auth-token'], r.json])).toEqual([['POST', TOKEN, { war_room_id: high.id, type: 'textMessage', content: note }]]);
	await allSucceeded(TRIAGE);
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
