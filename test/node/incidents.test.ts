// The Incident resource through n8n's real engine against the simulator: the exact request of
// every operation (as Huawei's SDK models and Terraform provider send it, docs/api-notes.md),
// the output, SecMaster's errors, what is retried, and the incident ID's list search.
import type { IDataObject } from 'n8n-workflow';

import { listSearch, runNode } from '../helpers/engine';
import { credentialsFor, type RecordedRequest, TOKEN, useSimulator, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

const RANSOMWARE = '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d01';
const PHISHING = '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d02';
const ELSEWHERE = '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d03';
const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json;charset=UTF-8', 'x-auth-token': TOKEN };
// Retry-After: 0 keeps the retries fast; the waiting itself is covered by the policy's unit tests.
const NOW = { 'Retry-After': '0' };

const incidents = () => (simulator.state.soc as { incidents: Record<string, IDataObject> }).incidents;
const stored = (id: string) => incidents()[id]?.data_object as IDataObject;
const routes = () => simulator.requests.map((request) => `${request.method} ${request.route}`);
const body = (request: RecordedRequest) => JSON.parse(request.body) as IDataObject;
function nodeHeaders(request: RecordedRequest): Record<string, string> {
	const transport = ['user-agent', 'accept-encoding', 'host', 'connection', 'content-length'];
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !transport.includes(name)));
}
const run = (parameters: IDataObject, extra: { items?: IDataObject[]; continueOnFail?: boolean } = {}) =>
	runNode({ parameters: { resource: 'incident', ...parameters }, credentials: credentialsFor(simulator), typeVersion: 2, ...extra });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Create Incident', () => {
	const create = (extra: IDataObject = {}) => ({
		operation: 'create',
		title: '  Brute force on ecs-db-01 ',
		severity: 'High',
		additionalFields: {
			description: 'Many failed SSH logins',
			category: 'Brute force',
			incidentType: 'SSH brute force',
			labels: 'ssh,db',
			firstObservedTime: '2026-11-22T08:00:00+08:00',
			lastObservedTime: '2026-11-22T09:30:00+08:00',
			productName: 'hss',
			productFeature: 'hss',
			sourceType: 1,
		},
		...extra,
	});

	it('posts the data_object and outputs the stored incident', async () => {
		const { items, error } = await run(create());
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST createIncident']);
		const [request] = simulator.requests;
		expect(request.path).toBe(`${WS_PATH}/soc/incidents`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(body(request)).toEqual({
			data_object: {
				title: 'Brute force on ecs-db-01',
				description: 'Many failed SSH logins',
				labels: 'ssh,db',
				severity: 'High',
				incident_type: { category: 'Brute force', incident_type: 'SSH brute force' },
				data_source: { source_type: 1, product_name: 'hss', product_feature: 'hss' },
				// Terraform's form (…000Z+0800), written in UTC.
				first_observed_time: '2026-11-22T00:00:00.000Z+0000',
				last_observed_time: '2026-11-22T01:30:00.000Z+0000',
			},
		});
		const id = String(items![0].json.id);
		expect(stored(id)).toMatchObject({ title: 'Brute force on ecs-db-01', severity: 'High', handle_status: 'Open' });
		expect(items).toEqual([{ json: stored(id), pairedItem: { item: 0 } }]);
	});

	it('sends only title and severity when nothing else is given; Simplify off gives the whole answer', async () => {
		const { items } = await run(create({ additionalFields: {}, simplify: false }));
		expect(body(simulator.requests[0])).toEqual({ data_object: { title: 'Brute force on ecs-db-01', severity: 'High' } });
		const data = items![0].json.data as IDataObject;
		expect(items![0].json).toEqual({ code: '00000000', message: '', data: { ...data, data_object: stored(String(data.id)) } });
		expect(data).toMatchObject({ workspace_id: expect.any(String), dataclass_ref: { name: 'Incident' } });
	});

	it('is never sent twice: an unavailable gateway fails the item after one request', async () => {
		const before = Object.keys(incidents()).length;
		simulator.injectFault({ route: 'createIncident', status: 503, headers: NOW });
		const { error } = await run(create());
		expect(error!.name).toBe('NodeApiError');
		expect(routes()).toEqual(['POST createIncident']);
		expect(Object.keys(incidents())).toHaveLength(before);
	});

	it('is retried when throttled: the gateway refused it before SecMaster saw it', async () => {
		simulator.injectFault({ route: 'createIncident', status: 429, headers: NOW });
		const { error } = await run(create());
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST createIncident', 'POST createIncident']);
	});
});

describe('Get Incident', () => {
	it('gets the incident and outputs it, with its id and times', async () => {
		const { items, error } = await run({ operation: 'get', incidentId: byId(RANSOMWARE) });
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`GET ${WS_PATH}/soc/incidents/${RANSOMWARE}`);
		expect(items).toEqual([{ json: stored(RANSOMWARE), pairedItem: { item: 0 } }]);
		expect(items![0].json).toMatchObject({ id: RANSOMWARE, title: 'Ransomware on ecs-web-03', create_time: expect.any(String) });
	});

	it('reports an incident of another workspace with SecMaster\'s code and request ID', async () => {
		const { error } = await run({ operation: 'get', incidentId: byId(ELSEWHERE) });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20030005', httpCode: '400', requestId: simulator.requests[0].requestId });
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
	});
});

describe('Search Incidents', () => {
	it('sends the alert search\'s body and outputs one item per incident', async () => {
		const { items, error } = await run({
			operation: 'search',
			returnAll: true,
			filters: {
				severity: ['Fatal', 'High'],
				handleStatus: ['Open'],
				conditions: { condition: [{ field: 'incident_type.category', operator: 'equals', value: 'Malware' }] },
				fromDate: '2026-11-01T00:00:00Z',
				toDate: '2026-11-30T00:00:00Z',
			},
		});
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST searchIncidents']);
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/incidents/search`);
		expect(body(simulator.requests[0])).toEqual({
			sort_by: 'create_time',
			order: 'DESC',
			from_date: '2026-11-01T00:00:00.000Z',
			to_date: '2026-11-30T00:00:00.000Z',
			condition: {
				conditions: [
					{ name: 'condition_0', data: ['severity', 'in', 'Fatal,High'] },
					{ name: 'condition_1', data: ['handle_status', '=', 'Open'] },
					{ name: 'condition_2', data: ['incident_type.category', '=', 'Malware'] },
				],
				logics: ['condition_0', 'and', 'condition_1', 'and', 'condition_2'],
			},
			offset: 0,
			limit: 100,
		});
		expect(items!.map((item) => item.json)).toEqual([stored(RANSOMWARE)]);
	});

	it('honours the Limit and, with Simplify off, gives the records as SecMaster sends them', async () => {
		const { items } = await run({ operation: 'search', returnAll: false, limit: 1, simplify: false });
		expect(body(simulator.requests[0])).toEqual({ sort_by: 'create_time', order: 'DESC', offset: 0, limit: 1 });
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ id: RANSOMWARE, data_object: stored(RANSOMWARE) });
	});
});

describe('Update Incident', () => {
	it('puts only the changed fields and outputs the updated incident', async () => {
		const { items, error } = await run({
			operation: 'update',
			incidentId: byId(RANSOMWARE),
			updateFields: { severity: 'High', handleStatus: 'Block', owner: 'alice', verificationState: 'True_Positive' },
		});
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`PUT ${WS_PATH}/soc/incidents/${RANSOMWARE}`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(body(request)).toEqual({
			data_object: { owner: 'alice', severity: 'High', handle_status: 'Block', verification_state: 'True_Positive' },
		});
		expect(stored(RANSOMWARE)).toMatchObject({ severity: 'High', handle_status: 'Block', owner: 'alice', title: 'Ransomware on ecs-web-03' });
		expect(items).toEqual([{ json: stored(RANSOMWARE), pairedItem: { item: 0 } }]);
	});

	it('is retried when SecMaster is unavailable: the PUT sets the same values again', async () => {
		simulator.injectFault({ route: 'changeIncident', status: 503, headers: NOW });
		const { error } = await run({ operation: 'update', incidentId: byId(RANSOMWARE), updateFields: { title: 'Ransomware (contained)' } });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['PUT changeIncident', 'PUT changeIncident']);
		expect(stored(RANSOMWARE).title).toBe('Ransomware (contained)');
	});
});

describe('Close Incident', () => {
	it('puts handle status Closed with the reason and the comment', async () => {
		const { items, error } = await run({
			operation: 'close',
			incidentId: byId(RANSOMWARE),
			closeReason: 'False detection',
			closeComment: 'A backup job renamed the files',
		});
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`PUT ${WS_PATH}/soc/incidents/${RANSOMWARE}`);
		expect(body(request)).toEqual({
			data_object: { handle_status: 'Closed', close_reason: 'False detection', close_comment: 'A backup job renamed the files' },
		});
		expect(stored(RANSOMWARE)).toMatchObject({ handle_status: 'Closed', close_reason: 'False detection', close_time: expect.any(String) });
		expect(items![0].json).toEqual(stored(RANSOMWARE));
	});

	it('sends no comment when none is given', async () => {
		await run({ operation: 'close', incidentId: byId(RANSOMWARE), closeReason: 'Resolved', closeComment: '  ' });
		expect(body(simulator.requests[0])).toEqual({ data_object: { handle_status: 'Closed', close_reason: 'Resolved' } });
	});
});

describe('Delete Incident', () => {
	it('deletes with the ID in batch_ids and outputs which incident went', async () => {
		const { items, error } = await run({ operation: 'delete', incidentId: byId(PHISHING) });
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`DELETE ${WS_PATH}/soc/incidents`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(body(request)).toEqual({ batch_ids: [PHISHING] });
		expect(incidents()[PHISHING]).toBeUndefined();
		expect(items).toEqual([{ json: { id: PHISHING, deleted: true }, pairedItem: { item: 0 } }]);
	});

	it('with Simplify off outputs SecMaster\'s answer', async () => {
		const { items } = await run({ operation: 'delete', incidentId: byId(PHISHING), simplify: false });
		expect(items![0].json).toEqual({ code: '00000000', message: '', data: { success_ids: [PHISHING], error_ids: [] } });
	});

	it('fails the item when SecMaster reports the incident among those it did not delete', async () => {
		const { error } = await run({ operation: 'delete', incidentId: byId(ELSEWHERE) });
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe(`SecMaster did not delete incident ${ELSEWHERE} [item 0]`);
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
		expect(incidents()[ELSEWHERE]).toBeDefined();
	});

	it('is retried when throttled', async () => {
		simulator.injectFault({ route: 'deleteIncident', status: 429, headers: NOW });
		const { error } = await run({ operation: 'delete', incidentId: byId(PHISHING) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['DELETE deleteIncident', 'DELETE deleteIncident']);
		expect(incidents()[PHISHING]).toBeUndefined();
	});

	it('is not retried when SecMaster is unavailable', async () => {
		simulator.injectFault({ route: 'deleteIncident', status: 503, headers: NOW });
		const { error } = await run({ operation: 'delete', incidentId: byId(PHISHING) });
		expect(error!.name).toBe('NodeApiError');
		expect(routes()).toEqual(['DELETE deleteIncident']);
	});
});

describe.each([
	{
		name: 'Create Incident',
		parameters: { operation: 'create', title: '={{ $json.title }}', severity: 'Low' },
		items: [{ title: 'first' }, { title: '  ' }, { title: 'third' }],
		message: 'Title is empty [item 1]',
		field: 'Title',
		route: 'POST createIncident',
	},
	{
		name: 'Update Incident',
		parameters: { operation: 'update', incidentId: byId('={{ $json.id }}'), updateFields: { labels: 'triaged' } },
		items: [{ id: RANSOMWARE }, { id: '../x' }, { id: PHISHING }],
		message: 'Incident ID "../x" is not an ID: it contains "/" [item 1]',
		field: 'Incident ID',
		route: 'PUT changeIncident',
	},
	{
		name: 'Close Incident',
		parameters: { operation: 'close', incidentId: byId(RANSOMWARE), closeReason: '={{ $json.reason }}' },
		items: [{ reason: 'Resolved' }, { reason: 'Fixed' }, { reason: 'Other' }],
		message: 'Close Reason must be one of False detection, Resolved, Repeated, Other; got "Fixed" [item 1]',
		field: 'Close Reason',
		route: 'PUT changeIncident',
	},
	{
		name: 'Delete Incident',
		parameters: { operation: 'delete', incidentId: byId('={{ $json.id }}') },
		items: [{ id: RANSOMWARE }, { id: '' }, { id: PHISHING }],
		message: 'Incident ID is empty [item 1]',
		field: 'Incident ID',
		route: 'DELETE deleteIncident',
	},
])('$name: three items, the middle one bad', ({ parameters, items, message, field, route }) => {
	it('stop mode: the item\'s own NodeOperationError, and no request went out', async () => {
		const before = structuredClone(incidents());
		const { error } = await run(parameters, { items });
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe(message);
		expect(error!.description).toBe(`Fix the "${field}" parameter; no request was sent for this item.`);
		expect(error!.context).toMatchObject({ itemIndex: 1 });
		expect(simulator.requests).toEqual([]);
		expect(incidents()).toEqual(before);
	});

	it('continue-on-fail: two results and the error item, each paired with its input', async () => {
		const { items: output, error } = await run(parameters, { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(routes()).toEqual([route, route]);
		expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output!.map((item) => Boolean(item.error))).toEqual([false, true, false]);
		expect(output![1].json).toEqual({ error: message });
	});
});

describe('the Incident ID\'s list search', () => {
	const credentials = () => credentialsFor(simulator);

	it('lists the workspace\'s incidents newest first, with severity and status', async () => {
		const { results } = await listSearch('searchIncidents', { parameters: {}, credentials: credentials() });
		expect(results).toEqual([
			{ name: 'Ransomware on ecs-web-03 · Fatal · Open', value: RANSOMWARE },
			{ name: 'Phishing campaign: invoice overdue · Low · Closed', value: PHISHING },
		]);
		expect(routes()).toEqual(['POST searchIncidents']);
		expect(body(simulator.requests[0])).toEqual({ sort_by: 'create_time', order: 'DESC', offset: 0, limit: 50 });
	});

	it('filters by title on SecMaster\'s side', async () => {
		const { results } = await listSearch('searchIncidents', { parameters: {}, credentials: credentials(), filter: 'phish' });
		expect(results).toEqual([{ name: 'Phishing campaign: invoice overdue · Low · Closed', value: PHISHING }]);
		expect(body(simulator.requests[0]).condition).toEqual({
			conditions: [{ name: 'condition_0', data: ['title', 'contains', 'phish'] }],
			logics: ['condition_0'],
		});
	});
});
