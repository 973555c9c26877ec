// The Comment resource (SecMaster's notes) through n8n's real engine against the simulator: a
// comment names its alert or incident in war_room_id, on the wire and back.
import type { IDataObject } from 'n8n-workflow';

import { listSearch, runNode } from '../helpers/engine';
import { credentialsFor, FIXTURE, type RecordedRequest, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

const RANSOMWARE = '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d01';
const ELSEWHERE = '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d03';
const SEEDED_NOTE = '7c8d9e0f-2a3b-4c5d-9e6f-7a8b9c0d1e01';
const ALERTS = (FIXTURE.alerts as Array<{ id: string; workspace_id: string; create_time: string; data_object: IDataObject }>).filter(
	(alert) => alert.workspace_id === WORKSPACE_ID,
);
const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json;charset=UTF-8', 'x-auth-token': TOKEN };
const NOW = { 'Retry-After': '0' };

const notes = () => (simulator.state.soc as { notes: Record<string, IDataObject> }).notes;
const routes = () => simulator.requests.map((request) => `${request.method} ${request.route}`);
const body = (request: RecordedRequest) => JSON.parse(request.body) as IDataObject;
function nodeHeaders(request: RecordedRequest): Record<string, string> {
	const transport = ['user-agent', 'accept-encoding', 'host', 'connection', 'content-length'];
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !transport.includes(name)));
}
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const run = (parameters: IDataObject, extra: { items?: IDataObject[]; continueOnFail?: boolean } = {}) =>
	runNode({ parameters: { resource: 'comment', ...parameters }, credentials: credentialsFor(simulator), typeVersion: 2, ...extra });
const onIncident = (extra: IDataObject = {}) => ({ operation: 'add', targetType: 'incident', incidentId: byId(RANSOMWARE), comment: 'Isolated the host', ...extra });

/** The note as the node outputs it with Simplify on: its text as `content`. */
function simplified(note: IDataObject): IDataObject {
	const { data, ...rest } = note;
	return { ...rest, content: (data as IDataObject).content };
}

describe('Add Comment', () => {
	it('posts the note for the incident and outputs it with its text', async () => {
		const { items, error } = await run(onIncident());
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST createNote']);
		const [request] = simulator.requests;
		expect(request.path).toBe(`${WS_PATH}/soc/notes`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(body(request)).toEqual({ war_room_id: RANSOMWARE, type: 'textMessage', content: 'Isolated the host' });
		const id = String(items![0].json.id);
		expect(notes()[id]).toMatchObject({ war_room_id: RANSOMWARE, data: { content: 'Isolated the host' } });
		expect(items).toEqual([{ json: simplified(notes()[id]), pairedItem: { item: 0 } }]);
		expect(items![0].json).toMatchObject({ content: 'Isolated the host', war_room_id: RANSOMWARE });
	});

	it('comments on an alert by its ID, with the given type; Simplify off gives the whole answer', async () => {
		const { items } = await run({
			operation: 'add',
			targetType: 'alert',
			alertId: byId(ALERTS[0].id),
			comment: 'False positive',
			additionalFields: { type: 'comment' },
			simplify: false,
		});
		expect(body(simulator.requests[0])).toEqual({ war_room_id: ALERTS[0].id, type: 'comment', content: 'False positive' });
		const note = items![0].json.data as IDataObject;
		expect(items![0].json).toEqual({ code: '00000000', message: '', success: true, data: notes()[String(note.id)] });
	});

	it('reports a target of another workspace with SecMaster\'s code and request ID', async () => {
		const { error } = await run(onIncident({ incidentId: byId(ELSEWHERE) }));
		expect(error!.name).toBe('NodeApiError');
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20030005', httpCode: '400', requestId: simulator.requests[0].requestId });
	});

	it('is never sent twice: an unavailable gateway fails the item after one request', async () => {
		const before = Object.keys(notes()).length;
		simulator.injectFault({ route: 'createNote', status: 503, headers: NOW });
		const { error } = await run(onIncident());
		expect(error!.name).toBe('NodeApiError');
		expect(routes()).toEqual(['POST createNote']);
		expect(Object.keys(notes())).toHaveLength(before);
	});

	it('is retried when throttled, and added once', async () => {
		const before = Object.keys(notes()).length;
		simulator.injectFault({ route: 'createNote', status: 429, headers: NOW });
		const { error } = await run(onIncident());
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST createNote', 'POST createNote']);
		expect(Object.keys(notes())).toHaveLength(before + 1);
	});

	describe('three items, the middle one bad', () => {
		const parameters = onIncident({ comment: '={{ $json.text }}' });
		const items = [{ text: 'one' }, { text: ' ' }, { text: 'three' }];
		const message = 'Comment is empty [item 1]';

		it('stop mode: the item\'s own NodeOperationError, and no request went out', async () => {
			const before = structuredClone(notes());
			const { error } = await run(parameters, { items });
			expect(error!.name).toBe('NodeOperationError');
			expect(error!.message).toBe(message);
			expect(error!.description).toBe('Fix the "Comment" parameter; no request was sent for this item.');
			expect(simulator.requests).toEqual([]);
			expect(notes()).toEqual(before);
		});

		it('continue-on-fail: two comments and the error item, each paired with its input', async () => {
			const { items: output, error } = await run(parameters, { items, continueOnFail: true });
			expect(error).toBeUndefined();
			expect(routes()).toEqual(['POST createNote', 'POST createNote']);
			expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output!.map((item) => item.json.content ?? item.json.error)).toEqual(['one', message, 'three']);
		});
	});
});

describe('Get Many Comments', () => {
	it('searches the notes of the incident and outputs one item per note', async () => {
		await run(onIncident({ comment: 'Second note' }));
		simulator.clearRequests();
		const { items, error } = await run({ operation: 'getAll', targetType: 'incident', incidentId: byId(RANSOMWARE), returnAll: true });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST listNotes']);
		const [request] = simulator.requests;
		expect(request.path).toBe(`${WS_PATH}/soc/notes/search`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(body(request)).toEqual({ war_room_id: RANSOMWARE, offset: 0, limit: 100 });
		expect(items!.map((item) => item.json.content)).toEqual(['Second note', 'Isolated ecs-web-03 from the VPC.']);
		expect(items![1].json).toEqual(simplified(notes()[SEEDED_NOTE]));
	});

	it('honours the Limit, and an alert without comments gives none', async () => {
		const limited = await run({ operation: 'getAll', targetType: 'incident', incidentId: byId(RANSOMWARE), returnAll: false, limit: 1, simplify: false });
		expect(limited.items!.map((item) => item.json)).toEqual([notes()[SEEDED_NOTE]]);
		const none = await run({ operation: 'getAll', targetType: 'alert', alertId: byId(ALERTS[0].id), returnAll: true });
		expect(none.items).toEqual([]);
		expect(body(simulator.requests[1])).toEqual({ war_room_id: ALERTS[0].id, offset: 0, limit: 100 });
	});

	it('names the field of a bad target ID from an expression before any request', async () => {
		const { error } = await run({ operation: 'getAll', targetType: 'alert', alertId: byId('={{ "a?b" }}'), returnAll: true });
		expect(error!.message).toBe('Alert ID "a?b" is not an ID: it contains "?" [item 0]');
		expect(simulator.requests).toEqual([]);
	});
});

describe('the Alert ID\'s list search', () => {
	it('lists the workspace\'s alerts newest first and filters by title on SecMaster\'s side', async () => {
		const newest = [...ALERTS].sort((a, b) => Date.parse(b.create_time.slice(0, 23)) - Date.parse(a.create_time.slice(0, 23)))[0];
		const title = String(newest.data_object.title);
		const all = await listSearch('searchAlerts', { parameters: {}, credentials: credentialsFor(simulator) });
		expect(all.results[0]).toEqual({
			name: `${title} · ${String(newest.data_object.severity)} · ${String(newest.data_object.handle_status)}`,
			value: newest.id,
		});
		const found = await listSearch('searchAlerts', { parameters: {}, credentials: credentialsFor(simulator), filter: title });
		expect(found.results.map((result) => result.value)).toContain(newest.id);
		expect(found.results.every((result) => String(result.name).toLowerCase().includes(title.toLowerCase()))).toBe(true);
		expect(routes()).toEqual(['POST searchAlerts', 'POST searchAlerts']);
		expect(body(simulator.requests[1]).condition).toEqual({ conditions: [{ name: 'condition_0', data: ['title', 'contains', title] }], logics: ['condition_0'] });
	});
});
