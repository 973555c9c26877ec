// Every operation that changes something in SecMaster runs on the checked engine
// (shared/customOperation.ts: every item checked before anything is sent); reads may use
// declarative routing. The first block enforces the rule on the node's description; the
// others show what it means for Create Rule and Delete Rule, which used to be routed.
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { createSimulator } from '../../simulator/server';
import { loaded, NODE_TYPE, runNode } from '../helpers/engine';
import { SEED_EVENT_FORM, SEED_RULE_BODY, TIMER_FORM } from '../helpers/forms';
import {
	credentialsFor,
	FIXTURE,
	PROJECT_ID,
	type RecordedRequest,
	type Simulator,
	TOKEN,
	useSimulator,
	versionWith,
	WS_PATH,
} from '../helpers/simulator';

const simulator = useSimulator();
const node = loaded.nodes[NODE_TYPE] as INodeType;

// ---- the rule ----------------------------------------------------------------------------------

/** The operations that change SecMaster. A new one joins this list, and must then be a custom operation. */
const WRITES = [
	'playbookInstance.operate',
	'playbookRule.create',
	'playbookRule.update',
	'playbookRule.delete',
	'incident.create',
	'incident.update',
	'incident.close',
	'incident.delete',
	'comment.add',
];
WRITES.push('indicator.create', 'indicator.update', 'indicator.delete');
WRITES.push('alert.create', 'alert.update', 'alert.close', 'alert.delete', 'alert.convert');
WRITES.push('workflow.run', 'workflowInstance.operate');
/** POSTs that only read: a search or list sends its query in the body. Checked below to change nothing. */
const READING_POSTS = ['alert.search', 'playbookInstance.getAuditLogs', 'incident.search', 'comment.getAll', 'indicator.search'];

interface Operation {
	key: string;
	method?: unknown;
	routed: boolean;
}

function operations(): Operation[] {
	const properties = node.description.properties;
	const resources = (properties.find((property) => property.name === 'resource')!.options as INodePropertyOptions[]).map(
		(option) => String(option.value),
	);
	return resources.flatMap((resource) =>
		properties
			.filter((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource))
			.flatMap((property) => property.options as INodePropertyOptions[])
			.map((option) => ({
				key: `${resource}.${String(option.value)}`,
				method: option.routing?.request?.method,
				routed: option.routing !== undefined,
			})),
	);
}

/** Every routing block in the description outside the operations' own: a parameter can set the method too. */
function parameterRoutings(properties: Array<INodeProperties | IDataObject>, path = ''): Array<{ path: string; routing: IDataObject }> {
	return (properties as IDataObject[]).flatMap((property) => {
		// The operations' own routing is what the tests above look at.
		if (path === '' && property.name === 'operation') return [];
		const name = `${path}${String(property.name)}`;
		const own = property.routing ? [{ path: name, routing: property.routing as IDataObject }] : [];
		const nested = Array.isArray(property.options) ? parameterRoutings(property.options as IDataObject[], `${name}.`) : [];
		const values = Array.isArray(property.values) ? parameterRoutings(property.values as IDataObject[], `${name}.`) : [];
		return [...own, ...nested, ...values];
	});
}

const customOperations = () =>
	Object.entries(node.customOperations ?? {}).flatMap(([resource, byOperation]) =>
		Object.keys(byOperation).map((operation) => `${resource}.${operation}`),
	);

/** What SecMaster holds, without the simulator's own clock. */
/** SecMaster's data in the simulator, without its own bookkeeping of time and of the tokens requests carried. */
function records(): IDataObject {
	return structuredClone(Object.fromEntries(Object.entries(simulator.state).filter(([key]) => key !== 'lastEvolvedAt' && key !== 'tokenUse')));
}

describe('every operation that changes SecMaster runs on the checked engine', () => {
	it('routes only GETs and the listed reading POSTs declaratively', () => {
		const routedWrites = operations()
			.filter((operation) => operation.routed && operation.method !== 'GET' && !READING_POSTS.includes(operation.key))
			.map((operation) => `${operation.key} (${String(operation.method)})`);
		expect(routedWrites).toEqual([]);
	});

	it('runs every write as a custom operation, without routing', () => {
		const all = operations();
		for (const write of WRITES) expect(all.find((operation) => operation.key === write)).toMatchObject({ routed: false });
		expect(customOperations().sort()).toEqual([...WRITES].sort());
	});

	it('leaves no operation without a way to run', () => {
		const idle = operations().filter((operation) => !operation.routed && !customOperations().includes(operation.key));
		expect(idle).toEqual([]);
	});

	it('sets no request method from a parameter', () => {
		const methods = parameterRoutings(node.description.properties).filter(({ routing }) => routing.request !== undefined);
		expect(methods.filter(({ routing }) => (routing.request as IDataObject).method !== undefined)).toEqual([]);
	});

	it.each([
		['alert.search', { resource: 'alert', operation: 'search', returnAll: true }],
		['incident.search', { resource: 'incident', operation: 'search', returnAll: true }],
		[
			'comment.getAll',
			{ resource: 'comment', operation: 'getAll', targetType: 'incident', incidentId: '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d01', returnAll: true },
		],
		['indicator.search', { resource: 'indicator', operation: 'search', returnAll: true }],
		[
			'playbookInstance.getAuditLogs',
			{ resource: 'playbookInstance', operation: 'getAuditLogs', instanceId: FIXTURE.instances[0].id, returnAll: true },
		],
	])('%s, a reading POST, changes nothing in SecMaster', async (key, parameters) => {
		expect(READING_POSTS).toContain(key);
		const before = records();
		const { error } = await runNode({ parameters, credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(simulator.requests.map((request) => request.method)).toEqual(['POST']);
		expect(records()).toEqual(before);
	});
});

// ---- Create Rule and Delete Rule on the wire ----------------------------------------------------

/** The headers the node chooses: without those n8n's HTTP client adds to every request. */
function nodeHeaders(request: RecordedRequest): Record<string, string> {
	const transport = ['user-agent', 'accept-encoding', 'host', 'connection', 'content-length'];
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !transport.includes(name)));
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json;charset=UTF-8', 'x-auth-token': TOKEN };
const TIMER_RULE = {
	cron: '0 0 3 * * ?',
	schedule_type: 'day',
	start_type: 'IMMEDIATELY',
	end_type: 'FOREVER',
	repeat_range: '2026-12-01T03:00:00Z+0800',
	only_once: false,
	execution_type: 'SERIAL_WAIT',
};

const timer = versionWith('TIMER');
const events = FIXTURE.versions.filter((version) => version.trigger_type === 'EVENT' && version.rule_id);
const create = (extra: IDataObject = {}) => ({ resource: 'playbookRule', operation: 'create', versionId: timer.id, ...TIMER_FORM, ...extra });
const remove = (extra: IDataObject = {}) => ({ resource: 'playbookRule', operation: 'delete', versionId: timer.id, ruleId: timer.rule_id, ...extra });
const routes = () => simulator.requests.map((request) => `${request.method} ${request.route}`);

describe('Create Rule', () => {
	it('posts the rule and outputs the stored rule, parsed, with code and message', async () => {
		const { items, error } = await runNode({ parameters: create(), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`${WS_PATH}/soc/playbooks/versions/${timer.id}/rules`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(request.body).toBe(JSON.stringify({ rule: TIMER_RULE }));

		const id = String(items![0].json.id);
		expect(simulator.state.rules[id]).toMatchObject({ version_id: timer.id, rule: TIMER_RULE });
		expect(items).toEqual([
			{
				json: { id, project_id: PROJECT_ID, rule: TIMER_RULE, rule_raw: JSON.stringify(TIMER_RULE), code: 0, message: '' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('outputs SecMaster\'s whole answer with Simplify off, the rule as its JSON string', async () => {
		const { items } = await runNode({ parameters: create({ simplify: false }), credentials: credentialsFor(simulator) });
		const id = String((items![0].json.data as IDataObject).id);
		expect(items![0].json).toEqual({ code: 0, message: '', data: { id, project_id: PROJECT_ID, rule: JSON.stringify(TIMER_RULE) } });
	});

	it('sends the event form as Update Rule does, byte for byte', async () => {
		const event = events[0];
		await runNode({ parameters: { ...create(), versionId: event.id, ...SEED_EVENT_FORM }, credentials: credentialsFor(simulator) });
		expect(simulator.requests[0].body).toBe(SEED_RULE_BODY);
	});

	it('reports SecMaster\'s error with its code and request ID', async () => {
		const { error } = await runNode({ parameters: create({ versionId: 'no-such-version' }), credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
		expect(error!.errorResponse).toMatchObject({ code: expect.stringMatching(/^SecMaster\./), httpCode: '400', requestId: simulator.requests[0].requestId });
		expect(routes()).toEqual(['POST createRule']);
	});
});

describe('Delete Rule', () => {
	it('deletes the rule and outputs it, parsed; the DELETE has no body', async () => {
		const stored = simulator.state.rules[timer.rule_id].rule as IDataObject;
		const { items, error } = await runNode({ parameters: remove(), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('DELETE');
		expect(request.path).toBe(`${WS_PATH}/soc/playbooks/versions/${timer.id}/rules/${timer.rule_id}`);
		expect(nodeHeaders(request)).toEqual(JSON_HEADERS);
		expect(request.headers['content-length']).toBeUndefined();
		expect(request.body).toBe('');

		expect(simulator.state.rules[timer.rule_id]).toBeUndefined();
		expect(items).toEqual([
			{
				json: { id: timer.rule_id, project_id: PROJECT_ID, rule: stored, rule_raw: JSON.stringify(stored), code: 0, message: '' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('deletes "the rule of version X": the version is read for its rule_id first', async () => {
		const { items, error } = await runNode({
			parameters: remove({ ruleId: undefined, useVersionRule: true, simplify: false }),
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['GET getVersion', 'DELETE deleteRule']);
		expect(nodeHeaders(simulator.requests[0])).toEqual({ accept: 'application/json', 'x-auth-token': TOKEN });
		expect(simulator.requests[1].path).toBe(`${WS_PATH}/soc/playbooks/versions/${timer.id}/rules/${timer.rule_id}`);
		expect(items![0].json).toMatchObject({ code: 0, message: '', data: { id: timer.rule_id, rule: expect.any(String) } });
	});

	it('names the field when the version has no rule, and deletes nothing', async () => {
		await runNode({ parameters: remove(), credentials: credentialsFor(simulator) });
		simulator.clearRequests();
		const { error } = await runNode({ parameters: remove({ useVersionRule: true }), credentials: credentialsFor(simulator) });
		expect(error!.message).toBe(`Playbook version ${timer.id} has no rule [item 0]`);
		expect(routes()).toEqual(['GET getVersion']);
	});

	it('reports SecMaster\'s error for a rule that is not there', async () => {
		const { error } = await runNode({ parameters: remove({ ruleId: 'no-such-rule' }), credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.errorResponse).toMatchObject({ code: expect.stringMatching(/^SecMaster\./), httpCode: '400', requestId: simulator.requests[0].requestId });
		expect(routes()).toEqual(['DELETE deleteRule']);
	});
});

describe('the rule operations pass on the deprecation notice and a string code', () => {
	const notice = { info: 'use v2', date: '2027-01-01' };
	const deprecating = createSimulator({ fixture: { ...FIXTURE, deprecationHeaders: notice, ruleResponseCode: '0' } }) as unknown as Simulator;
	beforeAll(async () => {
		await deprecating.start(0);
	});
	afterAll(async () => {
		await deprecating.stop();
	});

	it.each([
		['Create Rule', create()],
		['Delete Rule', remove()],
	])('%s', async (_name, parameters) => {
		const { items, error } = await runNode({ parameters, credentials: credentialsFor(deprecating) });
		expect(error).toBeUndefined();
		expect(items![0].json).toMatchObject({ code: '0', api_deprecation: notice });
	});
});

// ---- nothing half done --------------------------------------------------------------------------

describe.each([
	{
		name: 'Create Rule',
		parameters: { ...create(), versionId: '={{ $json.versionId }}' },
		items: [{ versionId: timer.id }, { versionId: 'v/1' }, { versionId: events[0].id }],
		message: 'Version ID "v/1" is not an ID: it contains "/" [item 1]',
		field: 'Version ID',
		route: 'POST createRule',
	},
	{
		name: 'Delete Rule',
		parameters: { ...remove(), versionId: '={{ $json.versionId }}', ruleId: '={{ $json.ruleId }}' },
		items: [
			{ versionId: events[0].id, ruleId: events[0].rule_id },
			{ versionId: events[1].id, ruleId: '.' },
			{ versionId: events[2].id, ruleId: events[2].rule_id },
		],
		message: 'Rule ID "." is not an ID [item 1]',
		field: 'Rule ID',
		route: 'DELETE deleteRule',
	},
])('$name: three items, the middle one bad', ({ parameters, items, message, field, route }) => {
	it('stop mode: the item\'s own NodeOperationError, and no request went out', async () => {
		const rules = Object.keys(simulator.state.rules).sort();
		const { error } = await runNode({ parameters, items, credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe(message);
		expect(error!.description).toBe(`Fix the "${field}" parameter; no request was sent for this item.`);
		expect(error!.context).toMatchObject({ itemIndex: 1 });
		expect(simulator.requests).toEqual([]);
		expect(Object.keys(simulator.state.rules).sort()).toEqual(rules);
	});

	it('continue-on-fail: two results and the error item, each paired with its input', async () => {
		const { items: output, error } = await runNode({ parameters, items, credentials: credentialsFor(simulator), continueOnFail: true });
		expect(error).toBeUndefined();
		expect(routes()).toEqual([route, route]);
		expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output!.map((item) => Boolean(item.error))).toEqual([false, true, false]);
		expect(output![1].error!.name).toBe('NodeOperationError');
		expect(output![1].json).toEqual({ error: message });
		for (const index of [0, 2]) expect(output![index].json).toMatchObject({ code: 0, rule: expect.any(Object) });
	});
});
