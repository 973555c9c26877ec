// The Indicator resource through n8n's real engine against the simulator: the exact request on
// the wire, the output, SecMaster's errors, what is retried, and the value checks before sending.
import type { IDataObject } from 'n8n-workflow';

import { listSearch, runNode } from '../helpers/engine';
import { credentialsFor, PROJECT_ID, type RecordedRequest, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';
import socFixture from '../../simulator/fixtures/soc.json';

const simulator = useSimulator();
const soc = () => simulator.state.soc as { indicators: Record<string, IDataObject> };
const TYPE = Object.fromEntries(socFixture.indicatorTypes.map((type) => [type.indicator_type, type.id]));
const FIXTURE_INDICATORS = socFixture.indicators.filter((indicator) => indicator.workspace_id === WORKSPACE_ID);
const IPV4 = FIXTURE_INDICATORS.find((indicator) => indicator.data_object.indicator_type.indicator_type === 'IPv4')!;
const NOW = { 'Retry-After': '0' };

function nodeHeaders(request: RecordedRequest): Record<string, string> {
	const transport = ['user-agent', 'accept-encoding', 'host', 'connection', 'content-length'];
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !transport.includes(name)));
}
const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json;charset=UTF-8', 'x-auth-token': TOKEN };
const routes = () => simulator.requests.map((request) => `${request.method} ${request.route}`);

const CREATE = {
	resource: 'indicator',
	operation: 'create',
	name: 'C2 server',
	type: 'IPv4',
	typeId: TYPE.IPv4,
	value: '198.51.100.77',
	verdict: 'Black',
	granularity: '1',
	firstSeen: '2026-11-21T09:29:58.000+08:00',
	sourceType: '2',
	productName: 'hss',
	productFeature: 'hss',
	additionalFields: { confidence: 90, status: 'Open', labels: 'c2,botnet', lastSeen: '2026-11-21T02:00:00Z' },
};

const CREATED_BODY = {
	data_object: {
		name: 'C2 server',
		verdict: 'Black',
		status: 'Open',
		confidence: 90,
		labels: 'c2,botnet',
		granular_marking: 1,
		first_report_time: '2026-11-21T01:29:58.000Z+0000',
		last_report_time: '2026-11-21T02:00:00.000Z+0000',
		indicator_type: { indicator_type: 'IPv4', id: TYPE.IPv4 },
		value: '198.51.100.77',
		data_source: { source_type: 2, product_name: 'hss', product_feature: 'hss', project_id: PROJECT_ID, region_id: 'cn-north-4' },
		environment: { project_id: PROJECT_ID, region_id: 'cn-north-4' },
		defanged: false,
		workspace_id: WORKSPACE_ID,
	},
};

describe('Create Indicator', () => {
	it('posts the SDK\'s create body and outputs the stored indicator', async () => {
		const { items, error } = await runNode({ parameters: CREATE, credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`${WS_PATH}/soc/indicators`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(request.body).toBe(JSON.stringify(CREATED_BODY));

		const id = String(items![0].json.id);
		const stored = soc().indicators[id].data_object as IDataObject;
		expect(stored).toMatchObject({ name: 'C2 server', value: '198.51.100.77', verdict: 'Black', first_report_time: '2026-11-21T09:29:58.000+08:00' });
		expect(items).toEqual([{ json: { ...stored, id }, pairedItem: { item: 0 } }]);
	});

	it('outputs SecMaster\'s whole answer with Simplify off', async () => {
		const { items } = await runNode({ parameters: { ...CREATE, simplify: false }, credentials: credentialsFor(simulator) });
		expect(items![0].json).toMatchObject({ code: '00000000', data: { id: expect.any(String), name: 'C2 server', data_object: expect.any(Object) } });
	});

	it('sends the trimmed value, hex as written', async () => {
		const hash = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
		const { error } = await runNode({
			parameters: { ...CREATE, type: 'SHA256', typeId: TYPE.SHA256, value: ` ${hash}\n` },
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect((simulator.requests[0].json!.data_object as IDataObject).value).toBe(hash);
	});

	it('reports SecMaster\'s error with its code and request ID', async () => {
		const { error } = await runNode({ parameters: { ...CREATE, typeId: 'no-such-type' }, credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20040001', httpCode: '400', requestId: simulator.requests[0].requestId });
	});

	it('is not sent again after an unclear failure (503): it may have created the indicator', async () => {
		simulator.injectFault({ route: 'createIndicator', status: 503, headers: NOW });
		const { error } = await runNode({ parameters: CREATE, credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(routes()).toEqual(['POST createIndicator']);
	});

	it('is sent again when throttled: the gateway refused it before SecMaster saw it', async () => {
		simulator.injectFault({ route: 'createIndicator', status: 429, headers: NOW });
		const before = Object.keys(soc().indicators).length;
		const { error } = await runNode({ parameters: CREATE, credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST createIndicator', 'POST createIndicator']);
		expect(Object.keys(soc().indicators)).toHaveLength(before + 1);
	});
});

describe('Get Indicator', () => {
	it('gets one indicator: its data_object with the record\'s id and times', async () => {
		const { items, error } = await runNode({ parameters: { resource: 'indicator', operation: 'get', indicatorId: IPV4.id }, credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`GET ${WS_PATH}/soc/indicators/${IPV4.id}`);
		const stored = soc().indicators[IPV4.id];
		expect(stored.data_object).toMatchObject(IPV4.data_object);
		expect(items).toEqual([
			{ json: { ...(stored.data_object as IDataObject), id: IPV4.id, create_time: IPV4.create_time, update_time: IPV4.update_time }, pairedItem: { item: 0 } },
		]);
	});

	it('outputs the whole answer with Simplify off, and takes the ID from a version-2 locator', async () => {
		const { items } = await runNode({
			typeVersion: 2,
			parameters: { resource: 'indicator', operation: 'get', indicatorId: { __rl: true, mode: 'list', value: IPV4.id }, simplify: false },
			credentials: credentialsFor(simulator),
		});
		expect(items![0].json).toMatchObject({ code: '00000000', data: { id: IPV4.id, data_object: { value: IPV4.data_object.value } } });
	});

	it('reports an indicator that is not there with SecMaster\'s code', async () => {
		const { error } = await runNode({ parameters: { resource: 'indicator', operation: 'get', indicatorId: 'no-such-indicator' }, credentials: credentialsFor(simulator) });
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20030005', httpCode: '400', requestId: simulator.requests[0].requestId });
	});
});

describe('Search Indicators', () => {
	it('sends the filters and the page in the body, and outputs one item per indicator', async () => {
		const { items, error } = await runNode({
			parameters: {
				resource: 'indicator',
				operation: 'search',
				returnAll: true,
				filters: { verdict: ['Black'], status: ['Open'], fromDate: '2026-11-01T00:00:00Z' },
			},
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`POST ${WS_PATH}/soc/indicators/search`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(request.json).toEqual({
			from_date: '2026-11-01T00:00:00.000Z+0000',
			condition: {
				conditions: [
					{ name: 'condition_0', data: ['verdict', '=', 'Black'] },
					{ name: 'condition_1', data: ['status', '=', 'Open'] },
				],
				logics: ['condition_0', 'and', 'condition_1'],
			},
			offset: 0,
			limit: 100,
		});
		const expected = FIXTURE_INDICATORS.filter((indicator) => indicator.data_object.verdict === 'Black' && (indicator.data_object.status ?? 'Open') === 'Open');
		expect(expected.length).toBeGreaterThan(0);
		expect(items!.map((item) => item.json.id).sort()).toEqual(expected.map((indicator) => indicator.id).sort());
		expect(items![0].json).toMatchObject({ value: expect.any(String), verdict: 'Black' });
	});

	it('pages with Return All and stops at the Limit', async () => {
		const created = [];
		for (let index = 0; index < 3; index += 1) {
			const { items } = await runNode({ parameters: { ...CREATE, value: `198.51.100.${10 + index}` }, credentials: credentialsFor(simulator) });
			created.push(items![0].json.id);
		}
		simulator.clearRequests();
		const { items } = await runNode({ parameters: { resource: 'indicator', operation: 'search', returnAll: false, limit: 2 }, credentials: credentialsFor(simulator) });
		expect(items).toHaveLength(2);
		expect(simulator.requests[0].json).toEqual({ offset: 0, limit: 2 });
	});
});

describe('Update Indicator', () => {
	const update = (updateFields: IDataObject) => ({ resource: 'indicator', operation: 'update', indicatorId: IPV4.id, updateFields });

	it('puts only the given fields and outputs the stored indicator', async () => {
		const { items, error } = await runNode({ parameters: update({ verdict: 'Gray', status: 'Closed', confidence: 90 }), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`PUT ${WS_PATH}/soc/indicators/${IPV4.id}`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(request.body).toBe(JSON.stringify({ data_object: { verdict: 'Gray', status: 'Closed', confidence: 90 } }));
		expect(soc().indicators[IPV4.id].data_object).toMatchObject({ verdict: 'Gray', status: 'Closed', confidence: 90, value: IPV4.data_object.value });
		expect(items![0].json).toMatchObject({ id: IPV4.id, verdict: 'Gray', status: 'Closed' });
	});

	it('changes the value with its type, as Terraform\'s live test does (URL /v1/test)', async () => {
		const { error } = await runNode({ parameters: update({ type: 'URL', typeId: TYPE.URL, value: '/v1/test' }), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(simulator.requests[0].json).toEqual({ data_object: { indicator_type: { indicator_type: 'URL', id: TYPE.URL }, value: '/v1/test' } });
	});

	it('is sent again after an unclear failure: a PUT of the same fields is safe to repeat', async () => {
		simulator.injectFault({ route: 'updateIndicator', status: 503, headers: NOW });
		const { error } = await runNode({ parameters: update({ status: 'Closed' }), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['PUT updateIndicator', 'PUT updateIndicator']);
	});
});

describe('Delete Indicator', () => {
	const remove = (indicatorId: string, extra: IDataObject = {}) => ({ resource: 'indicator', operation: 'delete', indicatorId, ...extra });

	it('deletes with batch_ids in the body and outputs {id, deleted}', async () => {
		const { items, error } = await runNode({ parameters: remove(IPV4.id), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		const [request] = simulator.requests;
		expect(`${request.method} ${request.path}`).toBe(`DELETE ${WS_PATH}/soc/indicators`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(request.body).toBe(JSON.stringify({ batch_ids: [IPV4.id] }));
		expect(soc().indicators[IPV4.id]).toBeUndefined();
		expect(items).toEqual([{ json: { id: IPV4.id, deleted: true }, pairedItem: { item: 0 } }]);
	});

	it('outputs the whole answer with Simplify off', async () => {
		const { items } = await runNode({ parameters: remove(IPV4.id, { simplify: false }), credentials: credentialsFor(simulator) });
		expect(items![0].json).toEqual({ code: '00000000', message: '', data: { success_ids: [IPV4.id], error_ids: [] } });
	});

	it('fails when SecMaster lists the ID in error_ids, with the request ID', async () => {
		const { error } = await runNode({ parameters: remove('no-such-indicator'), credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe('SecMaster did not delete indicator no-such-indicator [item 0]');
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
	});

	it('is not sent again after an unclear failure (503)', async () => {
		simulator.injectFault({ route: 'deleteIndicator', status: 503, headers: NOW });
		const { error } = await runNode({ parameters: remove(IPV4.id), credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(routes()).toEqual(['DELETE deleteIndicator']);
	});
});

// ---- nothing half done --------------------------------------------------------------------------

describe.each([
	{
		name: 'Create: an IP that is not an IP',
		parameters: { ...CREATE, value: '={{ $json.value }}' },
		items: [{ value: '198.51.100.1' }, { value: '198.51.100.256' }, { value: '198.51.100.3' }],
		message: 'Value "198.51.100.256" is not an IPv4 address: 256 is more than 255 [item 1]',
		field: 'Value',
		route: 'POST createIndicator',
	},
	{
		name: 'Create: a short hash',
		parameters: { ...CREATE, type: 'MD5', typeId: TYPE.MD5, value: '={{ $json.value }}' },
		items: [{ value: 'd41d8cd98f00b204e9800998ecf8427e' }, { value: 'd41d8cd98f00b204e9800998ecf842' }, { value: '0cc175b9c0f1b6a831c399e269772661' }],
		message: 'Value "d41d8cd98f00b204e9800998ecf842" is not an MD5 hash: it has 30 hexadecimal digits, not 32 [item 1]',
		field: 'Value',
		route: 'POST createIndicator',
	},
	{
		name: 'Create: a type from an expression outside the list',
		parameters: { ...CREATE, type: '={{ $json.type }}', value: '198.51.100.1' },
		items: [{ type: 'IPv4' }, { type: 'IP' }, { type: 'IPv4' }],
		message: 'Type must be one of Domain, Email, IPv4, IPv6, MD5, SHA1, SHA256, SHA512, URL, other; got "IP" [item 1]',
		field: 'Type',
		route: 'POST createIndicator',
	},
	{
		name: 'Update: an Indicator ID with "/"',
		parameters: { resource: 'indicator', operation: 'update', indicatorId: '={{ $json.id }}', updateFields: { status: 'Closed' } },
		items: [{ id: IPV4.id }, { id: 'a/b' }, { id: IPV4.id }],
		message: 'Indicator ID "a/b" is not an ID: it contains "/" [item 1]',
		field: 'Indicator ID',
		route: 'PUT updateIndicator',
	},
	{
		name: 'Delete: an Indicator ID ".."',
		parameters: { resource: 'indicator', operation: 'delete', indicatorId: '={{ $json.id }}' },
		items: [{ id: FIXTURE_INDICATORS[0].id }, { id: '..' }, { id: FIXTURE_INDICATORS[1].id }],
		message: 'Indicator ID ".." is not an ID [item 1]',
		field: 'Indicator ID',
		route: 'DELETE deleteIndicator',
	},
])('$name: three items, the middle one bad', ({ parameters, items, message, field, route }) => {
	it('stop mode: the item\'s own NodeOperationError, and no request went out', async () => {
		const before = structuredClone(soc().indicators);
		const { error } = await runNode({ parameters, items, credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe(message);
		expect(error!.description).toBe(`Fix the "${field}" parameter; no request was sent for this item.`);
		expect(error!.context).toMatchObject({ itemIndex: 1 });
		expect(simulator.requests).toEqual([]);
		expect(soc().indicators).toEqual(before);
	});

	it('continue-on-fail: two results and the error item, each paired with its input', async () => {
		const { items: output, error } = await runNode({ parameters, items, credentials: credentialsFor(simulator), continueOnFail: true });
		expect(error).toBeUndefined();
		expect(routes()).toEqual([route, route]);
		expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output!.map((item) => Boolean(item.error))).toEqual([false, true, false]);
		expect(output![1].json).toEqual({ error: message });
		for (const index of [0, 2]) expect(output![index].json).toMatchObject({ id: expect.any(String) });
	});
});

describe('the Indicator ID list', () => {
	const search = (filter?: string) =>
		listSearch('searchIndicators', { parameters: { resource: 'indicator', operation: 'get' }, credentials: credentialsFor(simulator), filter });

	it('lists the workspace\'s indicators, newest first, as "name · value"', async () => {
		const { results } = await search();
		const newest = [...FIXTURE_INDICATORS].sort((a, b) => b.create_time.localeCompare(a.create_time));
		expect(results).toEqual(newest.map((indicator) => ({ name: `${indicator.data_object.name} · ${indicator.data_object.value}`, value: indicator.id })));
		expect(simulator.requests[0].json).toEqual({ offset: 0, limit: 50 });
	});

	it('finds a filter in the name or in the value: one "contains" search each', async () => {
		expect((await search(IPV4.data_object.value.slice(0, 7))).results.map((result) => result.value)).toEqual([IPV4.id]);
		expect((await search(IPV4.data_object.name.slice(0, 5).toUpperCase())).results.map((result) => result.value)).toContain(IPV4.id);
		expect(simulator.requests.map((request) => (request.json!.condition as { conditions: Array<{ data: string[] }> }).conditions[0].data[0])).toEqual([
			'name',
			'value',
			'name',
			'value',
		]);
	});
});
