/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n */
// The trigger through n8n-core's real PollContext against the simulator: several poll
// cycles with records appearing between them, page boundaries, equal timestamps, late
// arrivals and a restart from saved static data. Every record is emitted exactly once.
import type { IDataObject } from 'n8n-workflow';

import { Poller } from '../helpers/poller';
import { credentialsFor, FIXTURE, instanceWith, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';

type Added = { alerts?: IDataObject[]; instances?: IDataObject[] };
interface Timeline {
	addAlerts(alerts: IDataObject[], when?: IDataObject): Added;
	addInstances(instances: IDataObject[], when?: IDataObject): Added;
	setInstanceStatus(id: string, status: string, when?: IDataObject): IDataObject;
}

const simulator = useSimulator();
const timeline = simulator as unknown as Timeline;
const MINUTE = 60_000;
/** from_date/to_date of alert search as Huawei's SDK documents them: 2023-02-20T00:00:00.000Z. */
const SDK_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Huawei's time format: wall-clock time in +08:00, a literal Z, the offset. */
const huaweiTime = (ms: number) => new Date(ms + 8 * 3600e3).toISOString().replace('Z', 'Z+0800');

function alert(title: string, createdAt: number, severity = 'High'): IDataObject {
	return { create_time: huaweiTime(createdAt), data_object: { title, severity, handle_status: 'Open' } };
}

function alertPoller(filters: IDataObject = {}, options: IDataObject = {}) {
	return new Poller({
		parameters: { event: 'newAlert', alertFilters: filters, options },
		credentials: credentialsFor(simulator),
	});
}

function instancePoller(statuses = ['FAILED'], filters: IDataObject = {}) {
	return new Poller({
		parameters: { event: 'instanceStatus', statuses, instanceFilters: filters },
		credentials: credentialsFor(simulator),
	});
}

const titles = (items: IDataObject[] | null) => (items ?? []).map((item) => item.title);
const searches = () => simulator.requests.filter((request) => request.route === 'searchAlerts');

describe('New Alert', () => {
	it('treats what exists at activation as history, then emits each new alert once, oldest first', async () => {
		const now = Date.now();
		timeline.addAlerts([alert('before activation', now - MINUTE)]);
		const poller = alertPoller();
		expect(await poller.poll()).toBeNull();

		const first = searches()[0];
		expect(first).toMatchObject({ method: 'POST', path: `${WS_PATH}/soc/alerts/search` });
		expect(first.headers['x-auth-token']).toBe(TOKEN);
		expect(JSON.parse(first.body)).toEqual({
			sort_by: 'create_time',
			order: 'ASC',
			from_date: expect.stringMatching(SDK_DATE),
			offset: 0,
			limit: 100,
		});
		// The late-arrival window (10 minutes) behind the first poll.
		expect(Date.parse(String(first.json!.from_date))).toBeGreaterThanOrEqual(now - 10 * MINUTE);
		expect(Date.parse(String(first.json!.from_date))).toBeLessThanOrEqual(Date.now() - 10 * MINUTE);

		timeline.addAlerts([alert('second', now + 2000), alert('first', now + 1000), alert('also second', now + 2000)]);
		const emitted = await poller.poll();
		expect(titles(emitted)).toEqual(expect.arrayContaining(['first', 'second', 'also second']));
		expect(titles(emitted)).toHaveLength(3);
		expect(emitted![0]).toMatchObject({ title: 'first', severity: 'High', handle_status: 'Open' });
		expect(emitted![0].id).toEqual(expect.any(String));

		expect(await poller.poll()).toBeNull();
		timeline.addAlerts([alert('third', now + 3000)]);
		expect(titles(await poller.poll())).toEqual(['third']);
	});

	it('emits an alert that shows up late, with a time behind the newest one, once', async () => {
		const now = Date.now();
		const poller = alertPoller();
		await poller.poll();
		timeline.addAlerts([alert('newest', now + 5 * MINUTE)]);
		expect(titles(await poller.poll())).toEqual(['newest']);
		// Created 4 minutes before the newest, visible only now: inside the 10-minute window.
		timeline.addAlerts([alert('late', now + MINUTE)]);
		expect(titles(await poller.poll())).toEqual(['late']);
		expect(await poller.poll()).toBeNull();
		const last = searches().at(-1)!.json!;
		// The newest alert's time less the window, in UTC as Huawei's SDK writes from_date.
		expect(last.from_date).toBe(new Date(now + 5 * MINUTE - 10 * MINUTE).toISOString());
	});

	it('does not go back further than the window: an alert older than that stays history', async () => {
		const now = Date.now();
		const poller = alertPoller({}, { lateArrivalMinutes: 1 });
		await poller.poll();
		timeline.addAlerts([alert('newest', now + 5 * MINUTE)]);
		await poller.poll();
		timeline.addAlerts([alert('too late', now + 3 * MINUTE)]);
		expect(await poller.poll()).toBeNull();
	});

	it('reads across page boundaries, 250 alerts sharing one timestamp, each once', async () => {
		const now = Date.now();
		const poller = alertPoller();
		await poller.poll();
		timeline.addAlerts(Array.from({ length: 250 }, (_, i) => alert(`burst ${i}`, now + 1000)));
		simulator.clearRequests();
		const emitted = await poller.poll();
		expect(new Set(titles(emitted)).size).toBe(250);
		expect(searches().map((request) => request.json!.offset)).toEqual([0, 100, 200]);
		timeline.addAlerts([alert('after the burst', now + 1000)]);
		expect(titles(await poller.poll())).toEqual(['after the burst']);
	});

	it('picks up where it left off after a restart from the saved static data', async () => {
		const now = Date.now();
		const poller = alertPoller();
		await poller.poll();
		timeline.addAlerts([alert('before restart', now + 1000)]);
		expect(titles(await poller.poll())).toEqual(['before restart']);

		const saved = poller.savedStaticData();
		expect(JSON.stringify(saved)).not.toContain(TOKEN);
		const restarted = new Poller({
			parameters: { event: 'newAlert', alertFilters: {}, options: {} },
			credentials: credentialsFor(simulator),
			staticData: saved,
		});
		timeline.addAlerts([alert('while down', now + 2000)]);
		expect(titles(await restarted.poll())).toEqual(['while down']);
		expect(await restarted.poll()).toBeNull();
	});

	it('starts afresh, without replaying history, when the filters change', async () => {
		const now = Date.now();
		const poller = alertPoller();
		await poller.poll();
		timeline.addAlerts([alert('low one', now + 1000, 'Low')]);
		const saved = poller.savedStaticData();
		const narrowed = new Poller({
			parameters: { event: 'newAlert', alertFilters: { severity: ['Low'] }, options: {} },
			credentials: credentialsFor(simulator),
			staticData: saved,
		});
		expect(await narrowed.poll()).toBeNull();
		timeline.addAlerts([alert('low two', now + 2000, 'Low')]);
		expect(titles(await narrowed.poll())).toEqual(['low two']);
	});

	it('sends the severity and handle status filters as conditions and emits only matching alerts', async () => {
		const now = Date.now();
		const poller = alertPoller({ severity: ['High', 'Fatal'], handleStatus: ['Open'] });
		await poller.poll();
		timeline.addAlerts([alert('fatal', now + 1000, 'Fatal'), alert('low', now + 1000, 'Low'), alert('high', now + 1000)]);
		expect(titles(await poller.poll()).sort()).toEqual(['fatal', 'high']);
		expect(JSON.parse(searches().at(-1)!.body)).toEqual({
			sort_by: 'create_time',
			order: 'ASC',
			condition: {
				conditions: [
					{ name: 'condition_0', data: ['severity', 'in', 'High,Fatal'] },
					{ name: 'condition_1', data: ['handle_status', '=', 'Open'] },
				],
				logics: ['condition_0', 'and', 'condition_1'],
			},
			from_date: expect.stringMatching(SDK_DATE),
			offset: 0,
			limit: 100,
		});
	});

	it('sends SecMaster\'s "=" for a condition saved with the old "==", and keeps its state', async () => {
		const now = Date.now();
		const filters = { conditions: { condition: [{ field: 'title', operator: '==', value: 'wanted' }] } };
		const poller = alertPoller(filters);
		await poller.poll();
		timeline.addAlerts([alert('wanted', now + 1000), alert('other', now + 1000)]);
		expect(titles(await poller.poll())).toEqual(['wanted']);
		expect(searches().at(-1)!.json!.condition).toEqual({
			conditions: [{ name: 'condition_0', data: ['title', '=', 'wanted'] }],
			logics: ['condition_0'],
		});
		// The saved state still belongs to the saved filters (a new configuration would start
		// afresh and take the next alert as history): the next one is emitted, nothing twice.
		const restarted = new Poller({
			parameters: { event: 'newAlert', alertFilters: filters, options: {} },
			credentials: credentialsFor(simulator),
			staticData: poller.savedStaticData(),
		});
		timeline.addAlerts([alert('wanted', now + 2000)]);
		expect(titles(await restarted.poll())).toEqual(['wanted']);
		expect(await restarted.poll()).toBeNull();
	});

	it('returns the newest matching alert in manual mode and keeps no state', async () => {
		const now = Date.now();
		timeline.addAlerts([alert('older', now - 2000), alert('newest', now - 1000)]);
		const poller = alertPoller();
		expect(titles(await poller.poll('manual'))).toEqual(['newest']);
		expect(searches()[0].json).toMatchObject({ order: 'DESC', limit: 1, offset: 0 });
		expect(poller.savedStaticData()).toEqual({});
	});

	it('says so in manual mode when no alert matches', async () => {
		const poller = alertPoller({ conditions: { condition: [{ field: 'title', operator: 'equals', value: 'no such alert' }] } });
		await expect(poller.poll('manual')).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'SecMaster has no record that matches the trigger yet',
		});
		expect(searches()[0].json!.condition).toMatchObject({ conditions: [{ data: ['title', '=', 'no such alert'] }] });
	});

	it('gives raw search records when Simplify is off', async () => {
		timeline.addAlerts([alert('raw', Date.now())]);
		const poller = new Poller({
			parameters: { event: 'newAlert', simplify: false, alertFilters: {}, options: {} },
			credentials: credentialsFor(simulator),
		});
		const [record] = (await poller.poll('manual'))!;
		expect(record).toMatchObject({ workspace_id: WORKSPACE_ID, data_object: { title: 'raw' } });
	});
});

describe('Playbook Instance Status', () => {
	it('emits each change to FAILED once, and a second failure after a retry again', async () => {
		const running = instanceWith('RUNNING');
		const poller = instancePoller();
		expect(await poller.poll()).toBeNull();
		const list = simulator.requests.find((request) => request.route === 'listInstances')!;
		expect(list.query).toMatchObject({ status: 'FAILED', date_type: 'END', offset: '0', limit: '100' });

		timeline.setInstanceStatus(running.id, 'FAILED');
		const emitted = await poller.poll();
		expect(emitted).toHaveLength(1);
		expect(emitted![0]).toMatchObject({ id: running.id, status: 'FAILED' });
		expect(await poller.poll()).toBeNull();

		timeline.setInstanceStatus(running.id, 'RETRYING');
		expect(await poller.poll()).toBeNull();
		timeline.setInstanceStatus(running.id, 'FAILED', { afterMs: 1000 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const again = await poller.poll();
		expect(again).toHaveLength(1);
		expect(again![0].end_time).not.toBe(emitted![0].end_time);
	});

	it('pages through 150 new failures and emits each once, also after a restart', async () => {
		const playbook = (FIXTURE as unknown as { playbooks: IDataObject[] }).playbooks[0];
		const poller = instancePoller(['FAILED', 'FINISHED']);
		await poller.poll();
		const added = timeline.addInstances(
			Array.from({ length: 150 }, (_, i) => ({ name: `burst-${i}`, playbook: playbook.id, status: 'FAILED' })),
		).instances!;
		simulator.clearRequests();
		const emitted = (await poller.poll())!;
		expect(emitted.map((item) => item.id).sort()).toEqual(added.map((item) => item.id).sort());
		const offsets = simulator.requests.map((request) => `${request.query.status}:${request.query.offset}`);
		expect(offsets).toEqual(['FAILED:0', 'FAILED:100', 'FINISHED:0']);

		poller.restart();
		timeline.setInstanceStatus(instanceWith('RUNNING').id, 'FINISHED');
		expect((await poller.poll())!.map((item) => item.status)).toEqual(['FINISHED']);
		expect(await poller.poll()).toBeNull();
	});

	it('keeps only the named playbook\'s runs', async () => {
		const poller = instancePoller(['FAILED'], { playbookName: 'ransomware containment' });
		await poller.poll();
		const ransomware = FIXTURE.instances.find((i) => i.status === 'RUNNING' && (i.playbook as IDataObject).name === 'Ransomware containment')!;
		const other = FIXTURE.instances.find((i) => i.status === 'RUNNING' && (i.playbook as IDataObject).name !== 'Ransomware containment')!;
		timeline.setInstanceStatus(ransomware.id, 'FAILED');
		timeline.setInstanceStatus(other.id, 'FAILED');
		expect((await poller.poll())!.map((item) => item.id)).toEqual([ransomware.id]);
		expect(simulator.requests.at(-1)!.query.playbook_name).toBe('ransomware containment');
	});

	it('returns the latest run in the chosen statuses in manual mode', async () => {
		const running = instanceWith('RUNNING');
		timeline.setInstanceStatus(running.id, 'TERMINATED');
		const [latest] = (await instancePoller(['TERMINATED', 'FAILED']).poll('manual'))!;
		expect(latest).toMatchObject({ id: running.id, status: 'TERMINATED' });
	});
});

describe('errors and retries', () => {
	it('retries a throttled search and emits nothing twice', async () => {
		const poller = alertPoller();
		await poller.poll();
		timeline.addAlerts([alert('through throttling', Date.now())]);
		simulator.injectFault({ route: 'searchAlerts', status: 429, headers: { 'Retry-After': '0' }, count: 1 });
		expect(titles(await poller.poll())).toEqual(['through throttling']);
		expect(await poller.poll()).toBeNull();
	});

	it('fails a poll with SecMaster\'s code and request ID, and loses nothing', async () => {
		const poller = alertPoller();
		await poller.poll();
		const saved = JSON.stringify(poller.savedStaticData());
		timeline.addAlerts([alert('after the outage', Date.now())]);
		simulator.injectFault({ route: 'searchAlerts', status: 401, count: 1 });
		const error = await poller.poll().catch((thrown: unknown) => thrown as IDataObject);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(String((error as { description?: string }).description ?? '') + String((error as { message?: unknown }).message)).toMatch(/401|auth/i);
		expect((error as { errorResponse?: IDataObject }).errorResponse?.requestId).toEqual(expect.any(String));
		expect(JSON.stringify(poller.savedStaticData())).toBe(saved);
		expect(titles(await poller.poll())).toEqual(['after the outage']);
	});

	it('names the missing workspace before sending anything', async () => {
		const poller = new Poller({
			parameters: { event: 'newAlert', alertFilters: {}, options: {} },
			credentials: credentialsFor(simulator, { workspaceId: '' }),
		});
		await expect(poller.poll()).rejects.toMatchObject({ name: 'NodeOperationError' });
		expect(simulator.requests).toHaveLength(0);
	});

	it('refuses a Workspace ID option that is not an ID, before sending anything', async () => {
		await expect(alertPoller({}, { workspaceId: '../x' }).poll()).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'Workspace ID "../x" is not an ID: it contains "/"',
		});
		expect(simulator.requests).toHaveLength(0);
	});

	it('names a filter outside its list before sending anything', async () => {
		await expect(alertPoller({ severity: ['Critical'] }).poll()).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'Severity must be one of Tips, Low, Medium, High, Fatal; got "Critical"',
			description: 'Fix the "Severity" filter of the trigger',
		});
		expect(simulator.requests).toHaveLength(0);
	});

	it('watches the workspace named in the options', async () => {
		const other = FIXTURE.workspaces[1].id;
		await alertPoller({}, { workspaceId: other }).poll();
		expect(searches()[0].path).toContain(`/workspaces/${other}/soc/alerts/search`);
	});
});
