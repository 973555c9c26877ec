// Alert → Create, Update, Close, Delete, Convert to Incident through n8n's real engine against the
// simulator: the exact request, the output, both error modes, and Alerts per Request, which groups
// the items' alerts into batch_ids requests while every input item keeps its own output item.
import type { IDataObject } from 'n8n-workflow';

import { listSearch, runNode } from '../helpers/engine';
import { credentialsFor, FIXTURE, PROJECT_ID, type RecordedRequest, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();
const credentials = () => credentialsFor(simulator);

const ALERTS = (FIXTURE.alerts as Array<{ id: string; workspace_id: string; data_object: IDataObject }>).filter(
	(alert) => alert.workspace_id === WORKSPACE_ID,
);
const OPEN = ALERTS.filter((alert) => alert.data_object.handle_status === 'Open').map((alert) => alert.id);
const MISSING = '0badc0de-0000-4000-8000-000000000000';

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json;charset=UTF-8', 'x-auth-token': TOKEN };
function nodeHeaders(request: RecordedRequest): Record<string, string> {
	const transport = ['user-agent', 'accept-encoding', 'host', 'connection', 'content-length'];
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !transport.includes(name)));
}
const wire = () => simulator.requests.map((request) => ({ method: request.method, path: request.path, body: JSON.parse(request.body || 'null') }));
const stored = (id: string) => (simulator.state.alerts as Record<string, IDataObject>)[id];
const storedObject = (id: string) => stored(id)?.data_object as IDataObject | undefined;
const byId = (ids: string[]) => ids.map((id) => ({ id }));
const alertId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

describe('Create', () => {
	const create = (extra: IDataObject = {}) => ({ resource: 'alert', operation: 'create', title: 'Phishing mail reported', severity: 'High', ...extra });

	it('posts the data_object and outputs the alert SecMaster made, as Get gives it', async () => {
		const parameters = create({
			additionalFields: {
				description: 'User reported a mail',
				labels: 'phishing,vip',
				firstObservedTime: '2026-11-20T10:00:00+08:00',
				lastObservedTime: '2026-11-20T11:30:00Z',
				category: 'Phishing',
				alertType: 'Reported mail',
				productName: 'Mail gateway',
				sourceType: 3,
				otherFields: '{"confidence": 70, "title": "overridden"}',
			},
		});
		const { items, error } = await runNode({ parameters, credentials: credentials() });
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(wire()).toEqual([
			{
				method: 'POST',
				path: `${WS_PATH}/soc/alerts`,
				body: {
					data_object: {
						confidence: 70,
						title: 'Phishing mail reported',
						severity: 'High',
						description: 'User reported a mail',
						labels: 'phishing,vip',
						first_observed_time: '2026-11-20T02:00:00.000Z+0000',
						last_observed_time: '2026-11-20T11:30:00.000Z+0000',
						alert_type: { category: 'Phishing', alert_type: 'Reported mail' },
						data_source: { product_name: 'Mail gateway', source_type: 3 },
					},
				},
			},
		]);
		const id = String(items![0].json.id);
		expect(storedObject(id)).toMatchObject({ title: 'Phishing mail reported', severity: 'High', handle_status: 'Open' });
		expect(items).toEqual([{ json: { ...stored(id), project_id: PROJECT_ID }, pairedItem: { item: 0 } }]);
	});

	it('outputs SecMaster\'s whole answer with Simplify off', async () => {
		const { items } = await runNode({ parameters: create({ simplify: false }), credentials: credentials() });
		expect(items![0].json).toEqual({ code: '00000000', message: '', data: expect.objectContaining({ id: expect.any(String) }) });
	});

	it('is never sent twice after an unclear failure', async () => {
		simulator.injectFault({ route: 'createAlert', status: 503, headers: { 'Retry-After': '0' } });
		const { error } = await runNode({ parameters: create(), credentials: credentials() });
		expect(error!.name).toBe('NodeApiError');
		expect(simulator.requests.map((request) => request.route)).toEqual(['createAlert']);
	});
});

describe('Update and Close, one request per item', () => {
	it('Update sends only the fields set, in a PUT, and outputs the alert as Get gives it', async () => {
		const [id] = OPEN;
		const parameters = { resource: 'alert', operation: 'update', alertId: id, updateFields: { severity: 'Fatal', owner: 'alice', verificationState: 'True_Positive' } };
		const { items, error } = await runNode({ parameters, credentials: credentials() });
		expect(error).toBeUndefined();
		expect(nodeHeaders(simulator.requests[0])).toEqual(JSON_HEADERS);
		expect(wire()).toEqual([
			{ method: 'PUT', path: `${WS_PATH}/soc/alerts/${id}`, body: { data_object: { owner: 'alice', severity: 'Fatal', verification_state: 'True_Positive' } } },
		]);
		expect(storedObject(id)).toMatchObject({ severity: 'Fatal', owner: 'alice', verification_state: 'True_Positive', title: ALERTS[0].data_object.title });
		expect(items).toEqual([{ json: expect.objectContaining({ id, data_object: expect.objectContaining({ severity: 'Fatal' }) }), pairedItem: { item: 0 } }]);
	});

	it('Close sets handle status Closed with the reason and the comment', async () => {
		const [id] = OPEN;
		const parameters = { resource: 'alert', operation: 'close', alertId: id, closeReason: 'False detection', closeComment: 'Known scanner', simplify: false };
		const { items, error } = await runNode({ parameters, credentials: credentials() });
		expect(error).toBeUndefined();
		expect(wire()).toEqual([
			{
				method: 'PUT',
				path: `${WS_PATH}/soc/alerts/${id}`,
				body: { data_object: { handle_status: 'Closed', close_reason: 'False detection', close_comment: 'Known scanner' } },
			},
		]);
		expect(storedObject(id)).toMatchObject({ handle_status: 'Closed', close_reason: 'False detection', close_comment: 'Known scanner' });
		expect(items![0].json).toMatchObject({ code: '00000000', data: { id } });
	});

	it('is retried when SecMaster is unavailable: setting fields twice changes nothing more', async () => {
		simulator.injectFault({ route: 'changeAlert', status: 503, headers: { 'Retry-After': '0' } });
		const { error } = await runNode({ parameters: { resource: 'alert', operation: 'close', alertId: OPEN[0], closeReason: 'Resolved' }, credentials: credentials() });
		expect(error).toBeUndefined();
		expect(simulator.requests.map((request) => request.route)).toEqual(['changeAlert', 'changeAlert']);
	});

	it('reports SecMaster\'s error for an alert that is not there', async () => {
		const { error } = await runNode({ parameters: { resource: 'alert', operation: 'close', alertId: MISSING, closeReason: 'Other' }, credentials: credentials() });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20030005', httpCode: '400', requestId: simulator.requests[0].requestId });
	});
});

describe('Delete, one request per item', () => {
	it('sends DELETE /alerts with the ID in batch_ids and outputs the ID as deleted', async () => {
		const [id] = OPEN;
		const { items, error } = await runNode({ parameters: { resource: 'alert', operation: 'delete', alertId: id }, credentials: credentials() });
		expect(error).toBeUndefined();
		expect(nodeHeaders(simulator.requests[0])).toEqual(JSON_HEADERS);
		expect(wire()).toEqual([{ method: 'DELETE', path: `${WS_PATH}/soc/alerts`, body: { batch_ids: [id] } }]);
		expect(stored(id)).toBeUndefined();
		expect(items).toEqual([{ json: { id, deleted: true }, pairedItem: { item: 0 } }]);
	});

	it('fails naming the ID SecMaster lists in error_ids', async () => {
		const { error } = await runNode({ parameters: { resource: 'alert', operation: 'delete', alertId: MISSING }, credentials: credentials() });
		expect(error!.message).toBe(`Alert ${MISSING} was not deleted: SecMaster listed it in error_ids`);
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
	});

	it('is not sent again after an unclear failure', async () => {
		simulator.injectFault({ route: 'deleteAlert', status: 503, headers: { 'Retry-After': '0' } });
		const { error } = await runNode({ parameters: { resource: 'alert', operation: 'delete', alertId: OPEN[0] }, credentials: credentials() });
		expect(error!.name).toBe('NodeApiError');
		expect(simulator.requests.map((request) => request.route)).toEqual(['deleteAlert']);
	});
});

describe('Alerts per Request 2 over 5 items, one of them an alert that is not there', () => {
	const ids = [OPEN[0], OPEN[1], OPEN[2], MISSING, OPEN[3]];
	const run = (operation: string, extra: IDataObject, continueOnFail: boolean) =>
		runNode({
			parameters: { resource: 'alert', operation, alertId, alertsPerRequest: 2, ...extra },
			items: byId(ids),
			credentials: credentials(),
			continueOnFail,
			typeVersion: 2,
		});

	it('Delete: three requests; the missing alert\'s item alone is an error, each output paired', async () => {
		const { items, error } = await run('delete', {}, true);
		expect(error).toBeUndefined();
		expect(wire()).toEqual([
			{ method: 'DELETE', path: `${WS_PATH}/soc/alerts`, body: { batch_ids: [ids[0], ids[1]] } },
			{ method: 'DELETE', path: `${WS_PATH}/soc/alerts`, body: { batch_ids: [ids[2], ids[3]] } },
			{ method: 'DELETE', path: `${WS_PATH}/soc/alerts`, body: { batch_ids: [ids[4]] } },
		]);
		expect(items!.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items!.map((item) => item.json)).toEqual([
			{ id: ids[0], deleted: true },
			{ id: ids[1], deleted: true },
			{ id: ids[2], deleted: true },
			{ error: `Alert ${MISSING} was not deleted: SecMaster listed it in error_ids` },
			{ id: ids[4], deleted: true },
		]);
		for (const id of OPEN.slice(0, 4)) expect(stored(id)).toBeUndefined();
	});

	it('Delete in stop mode: the node fails naming the ID, after the others were deleted', async () => {
		const { error } = await run('delete', {}, false);
		expect(error!.message).toBe(`Alert ${MISSING} was not deleted: SecMaster listed it in error_ids`);
		expect(error!.context).toMatchObject({ itemIndex: 3 });
		expect(simulator.requests).toHaveLength(3);
	});

	it('Close: batch-update per pair; the pair with the missing alert fails for both its items, nothing of it changed', async () => {
		const { items, error } = await run('close', { closeReason: 'Repeated' }, true);
		expect(error).toBeUndefined();
		const change = { handle_status: 'Closed', close_reason: 'Repeated' };
		expect(wire()).toEqual([
			{ method: 'POST', path: `${WS_PATH}/soc/alerts/batch-update`, body: { batch_ids: [ids[0], ids[1]], data_object: change } },
			{ method: 'POST', path: `${WS_PATH}/soc/alerts/batch-update`, body: { batch_ids: [ids[2], ids[3]], data_object: change } },
			{ method: 'POST', path: `${WS_PATH}/soc/alerts/batch-update`, body: { batch_ids: [ids[4]], data_object: change } },
		]);
		expect(items!.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items!.map((item) => Boolean(item.error))).toEqual([false, false, true, true, false]);
		expect(items![2].json.error).toBe(items![3].json.error);
		expect(items![2].error!.context.itemIndex).toBe(2);
		expect(items![3].error!.context.itemIndex).toBe(3);
		// The answer's one alert goes to its own item; the others get their ID and the fields set.
		expect(items![0].json).toMatchObject({ id: ids[0], data_object: { handle_status: 'Closed' }, update_time: expect.any(String) });
		expect(items![1].json).toEqual({ id: ids[1], data_object: change });
		expect(items![4].json).toMatchObject({ id: ids[4], update_time: expect.any(String) });
		expect([0, 1, 2, 4].map((index) => storedObject(ids[index])!.handle_status)).toEqual(['Closed', 'Closed', 'Open', 'Closed']);
	});

	it('Update in stop mode: the first failed item stops the node, naming the other', async () => {
		const { error } = await run('update', { updateFields: { owner: 'bob' } }, false);
		expect(error!.name).toBe('NodeApiError');
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20030005', httpCode: '400' });
		expect(error!.context).toMatchObject({ itemIndex: 2 });
		expect(String(error!.description)).toContain(`Failed too: item 3: `);
		expect(simulator.requests).toHaveLength(3);
	});

	it('puts only items with the same change into one request', async () => {
		const { error } = await runNode({
			parameters: { resource: 'alert', operation: 'update', alertId, alertsPerRequest: 3, updateFields: { owner: '={{ $json.owner }}' } },
			items: [
				{ id: OPEN[0], owner: 'a' },
				{ id: OPEN[1], owner: 'b' },
				{ id: OPEN[2], owner: 'a' },
			],
			credentials: credentials(),
			typeVersion: 2,
		});
		expect(error).toBeUndefined();
		expect(wire().map((request) => request.body)).toEqual([
			{ batch_ids: [OPEN[0], OPEN[2]], data_object: { owner: 'a' } },
			{ batch_ids: [OPEN[1]], data_object: { owner: 'b' } },
		]);
	});
});

describe('Convert to Incident', () => {
	const convert = (extra: IDataObject = {}) => ({
		resource: 'alert',
		operation: 'convert',
		alertIds: `${OPEN[0]}, ${OPEN[1]}`,
		incidentTitle: 'Brute force then scan',
		incidentCategory: 'DDoS',
		incidentType: 'ACK Flood',
		...extra,
	});

	it('posts the IDs with the incident\'s title and type, and outputs which alerts SecMaster took', async () => {
		const { items, error } = await runNode({ parameters: convert(), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(nodeHeaders(simulator.requests[0])).toEqual(JSON_HEADERS);
		expect(wire()).toEqual([
			{
				method: 'POST',
				path: `${WS_PATH}/soc/alerts/batch-order`,
				body: { ids: [OPEN[0], OPEN[1]], incident_content: { title: 'Brute force then scan', incident_type: { category: 'DDoS', incident_type: 'ACK Flood' } } },
			},
		]);
		expect(items).toEqual([{ json: { success_ids: [OPEN[0], OPEN[1]], error_ids: [] }, pairedItem: { item: 0 } }]);
		const incidents = Object.values((simulator.state.soc as IDataObject).incidents as Record<string, IDataObject>);
		expect(incidents.filter((incident) => (incident.data_object as IDataObject).title === 'Brute force then scan')).toHaveLength(1);
	});

	it('takes the IDs as a list from an expression, and fails naming the alerts not converted', async () => {
		const { error } = await runNode({
			parameters: convert({ alertIds: '={{ $json.ids }}' }),
			items: [{ ids: [OPEN[0], MISSING] }],
			credentials: credentials(),
		});
		expect(error!.message).toBe(`Alerts not converted to the incident: ${MISSING}`);
		expect(error!.description).toContain(`SecMaster made the incident of ${OPEN[0]}.`);
		expect(simulator.requests).toHaveLength(1);
	});
});

const BAD_MIDDLE: Array<[string, IDataObject, IDataObject[], string, string]> = [
	['create', { title: 'x', severity: '={{ $json.v }}' }, [{ v: 'Low' }, { v: 'Critical' }, { v: 'Tips' }], 'Severity must be one of Tips, Low, Medium, High, Fatal; got "Critical"', 'Severity'],
	[
		'update',
		{ alertId, updateFields: { handleStatus: '={{ $json.v }}' } },
		[{ id: OPEN[0], v: 'Block' }, { id: OPEN[1], v: 'Done' }, { id: OPEN[2], v: 'Block' }],
		'Handle Status must be one of Open, Block, Closed; got "Done"',
		'Handle Status',
	],
	[
		'close',
		{ alertId, closeReason: '={{ $json.v }}' },
		[{ id: OPEN[0], v: 'Resolved' }, { id: OPEN[1], v: 'Fixed' }, { id: OPEN[2], v: 'Other' }],
		'Close Reason must be one of False detection, Resolved, Repeated, Other; got "Fixed"',
		'Close Reason',
	],
	['delete', { alertId }, [{ id: OPEN[0] }, { id: 'a/b' }, { id: OPEN[2] }], 'Alert ID "a/b" is not an ID: it contains "/"', 'Alert ID'],
	[
		'convert',
		{ alertIds: '={{ $json.v }}', incidentTitle: 't', incidentCategory: 'c', incidentType: 't' },
		[{ v: OPEN[0] }, { v: `${OPEN[1]},..` }, { v: OPEN[2] }],
		'Alert IDs: ".." is not an ID',
		'Alert IDs',
	],
];

describe.each(BAD_MIDDLE)('%s: three items, the middle one bad', (operation, extra, items, message, field) => {
	const parameters = { resource: 'alert', operation, ...extra };
	const expected = `${message} [item 1]`;

	it('stop mode: its NodeOperationError, and nothing was sent', async () => {
		const { error } = await runNode({ parameters, items, credentials: credentials(), typeVersion: 2 });
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe(expected);
		expect(error!.description).toBe(`Fix the "${field}" parameter; no request was sent for this item.`);
		expect(error!.context).toMatchObject({ itemIndex: 1 });
		expect(simulator.requests).toEqual([]);
	});

	it('continue-on-fail: the error item is paired, the others went ahead', async () => {
		const { items: output, error } = await runNode({ parameters, items, credentials: credentials(), continueOnFail: true, typeVersion: 2 });
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(2);
		expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output!.map((item) => Boolean(item.error))).toEqual([false, true, false]);
		expect(output![1].json).toEqual({ error: expected });
	});
});

describe('the Alert ID list', () => {
	it('lists alerts by title, newest first, with severity and status', async () => {
		const { results } = await listSearch('searchAlerts', { parameters: {}, credentials: credentials() });
		const newestFirst = [...ALERTS].sort((a, b) => String(b.data_object.create_time).localeCompare(String(a.data_object.create_time)));
		expect(results.map((result) => result.value)).toEqual(newestFirst.map((alert) => alert.id));
		expect(results[0].name).toBe(`${String(newestFirst[0].data_object.title)} · ${String(newestFirst[0].data_object.severity)} · ${String(newestFirst[0].data_object.handle_status)}`);
		expect(JSON.parse(simulator.requests[0].body)).toEqual({ sort_by: 'create_time', order: 'DESC', offset: 0, limit: 50 });
	});

	it('searches the titles', async () => {
		const { results } = await listSearch('searchAlerts', { parameters: {}, credentials: credentials(), filter: 'reported mail' });
		expect(results.map((result) => result.value).sort()).toEqual(
			ALERTS.filter((alert) => /reported mail/i.test(String(alert.data_object.title))).map((alert) => alert.id).sort(),
		);
		expect(JSON.parse(simulator.requests[0].body).condition).toEqual({
			conditions: [{ name: 'condition_0', data: ['title', 'contains', 'reported mail'] }],
			logics: ['condition_0'],
		});
	});
});
