import { type IDataObject, sleep } from 'n8n-workflow';

import { runNode } from '../helpers/engine';
import { TIMER_FORM } from '../helpers/forms';
import { credentialsFor, instanceWith, useSimulator, versionWith } from '../helpers/simulator';

const simulator = useSimulator();

const operate = (instanceId: string, extra: object = {}) => ({
	resource: 'playbookInstance',
	operation: 'operate',
	instanceId,
	operationType: 'RETRY',
	...extra,
});
const routes = () => simulator.requests.map((request) => `${request.method} ${request.route}`);
// Retry-After: 0 keeps the tests fast; the waiting itself is covered by the policy's unit tests.
const NOW = { 'Retry-After': '0' };

describe('retries, one request at a time and only where safe', () => {
	it('retries a throttled operation (429 and APIG.0308) and applies it once', async () => {
		const failed = instanceWith('FAILED');
		simulator.injectFault({ route: 'operateInstance', status: 429, headers: NOW });
		simulator.injectFault({ route: 'operateInstance', status: 400, body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' }, headers: NOW });
		const { items, error } = await runNode({ parameters: operate(failed.id), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST operateInstance', 'POST operateInstance', 'POST operateInstance']);
		expect(items![0].json.status).toBe('RETRYING');
		expect(simulator.state.appliedOperations).toHaveLength(1);
	});

	it('gives up after Max Attempts with the last error', async () => {
		simulator.injectFault({ route: 'operateInstance', status: 429, headers: NOW, count: 10 });
		const { error } = await runNode({
			parameters: operate(instanceWith('FAILED').id, { options: { maxAttempts: 3 } }),
			credentials: credentialsFor(simulator),
		});
		expect(error!.message).toMatch(/^APIG\.0308: .*\(HTTP 429\)$/);
		expect(simulator.requests).toHaveLength(3);
	});

	it('retries a read and the idempotent rule update when SecMaster is unavailable', async () => {
		const version = versionWith('TIMER');
		simulator.injectFault({ route: 'getRule', status: 503, headers: NOW });
		simulator.injectFault({ route: 'updateRule', kind: 'reset' });
		const read = await runNode({
			parameters: { resource: 'playbookRule', operation: 'get', versionId: version.id, ruleId: version.rule_id, options: { maxRetryWait: 5 } },
			credentials: credentialsFor(simulator),
		});
		const write = await runNode({
			parameters: { resource: 'playbookRule', operation: 'update', versionId: version.id, ruleId: version.rule_id, ...TIMER_FORM, options: { maxRetryWait: 5 } },
			credentials: credentialsFor(simulator),
		});
		expect(read.error).toBeUndefined();
		expect(write.error).toBeUndefined();
		expect(routes()).toEqual(['GET getRule', 'GET getRule', 'PUT updateRule', 'PUT updateRule']);
	}, 20000);

	// The gateway's three "unavailable" answers, each on its own: a policy that forgot one still passes the others.
	it.each([502, 503, 504])('retries a read and the rule update (PUT) after a %i, and not a rule creation', async (status) => {
		const version = versionWith('TIMER');
		for (const route of ['getRule', 'updateRule', 'createRule']) simulator.injectFault({ route, status, headers: NOW });
		const rule = { resource: 'playbookRule', versionId: version.id, ruleId: version.rule_id, options: { maxRetryWait: 5 } };
		const read = await runNode({ parameters: { ...rule, operation: 'get' }, credentials: credentialsFor(simulator) });
		const write = await runNode({ parameters: { ...rule, operation: 'update', ...TIMER_FORM }, credentials: credentialsFor(simulator) });
		const create = await runNode({ parameters: { ...rule, operation: 'create', ...TIMER_FORM }, credentials: credentialsFor(simulator) });
		expect(read.error).toBeUndefined();
		expect(read.items![0].json).toMatchObject({ id: version.rule_id });
		expect(write.error).toBeUndefined();
		expect(create.error!.message).toMatch(new RegExp(`^APIG\\.0202: .*\\(HTTP ${status}\\)$`));
		expect(routes()).toEqual(['GET getRule', 'GET getRule', 'PUT updateRule', 'PUT updateRule', 'POST createRule']);
	});

	it('after a 502 on Retry, checks the instance and sends again only because the first attempt did nothing', async () => {
		const failed = instanceWith('FAILED');
		simulator.injectFault({ route: 'operateInstance', status: 502, headers: NOW });
		const { items, error } = await runNode({ parameters: operate(failed.id), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST operateInstance', 'GET getInstance', 'POST operateInstance']);
		expect(items![0].json.status).toBe('RETRYING');
		expect(simulator.state.appliedOperations).toHaveLength(1);
	});

	it('after a timeout on Retry that SecMaster did carry out, does not send it again', async () => {
		const failed = instanceWith('FAILED');
		simulator.injectFault({ route: 'operateInstance', kind: 'slow', delayMs: 400 });
		const { items, error } = await runNode({
			parameters: { ...operate(failed.id), requestOptions: { timeout: 200 } },
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST operateInstance', 'GET getInstance']);
		expect(items![0].json).toMatchObject({ id: failed.id, status: 'RETRYING' });
		expect(simulator.state.appliedOperations).toHaveLength(1);
	}, 20000);

	it('a retry never re-sends another item\'s request', async () => {
		const ids = Object.values(simulator.state.instances)
			.filter((instance) => String(instance.status).toUpperCase() === 'FAILED' && instance.workspace_id === instanceWith('FAILED').workspace_id)
			.map((instance) => ({ id: instance.id }));
		simulator.injectFault({ route: 'operateInstance', status: 429, headers: NOW });
		const { items, error } = await runNode({ parameters: operate('={{ $json.id }}'), items: ids, credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(items!.map((item) => item.json.status)).toEqual(ids.map(() => 'RETRYING'));
		expect(simulator.requests.filter((request) => request.route === 'operateInstance')).toHaveLength(ids.length + 1);
		expect(new Set(simulator.state.appliedOperations.map((operation) => operation.instanceId)).size).toBe(ids.length);
		expect(simulator.state.appliedOperations).toHaveLength(ids.length);
	});
});

// Neither rule write is sent again after an unclear failure: the first attempt may have
// reached SecMaster, so a second creation would make a second rule, and a second deletion
// would report the rule it just deleted as not found. A throttled attempt did nothing: it is
// sent again.
describe.each([
	{
		name: 'Rule creation',
		wire: 'POST createRule',
		parameters: () => ({ resource: 'playbookRule', operation: 'create', versionId: versionWith('TIMER').id, ...TIMER_FORM }),
		// The version's rule_id moves to the new rule.
		done: () => (simulator.state.versions as Record<string, IDataObject>)[versionWith('TIMER').id].rule_id !== versionWith('TIMER').rule_id,
	},
	{
		name: 'Rule deletion',
		wire: 'DELETE deleteRule',
		parameters: () => ({ resource: 'playbookRule', operation: 'delete', versionId: versionWith('TIMER').id, ruleId: versionWith('TIMER').rule_id }),
		done: () => simulator.state.rules[versionWith('TIMER').rule_id] === undefined,
	},
])('$name', ({ wire, parameters, done }) => {
	const route = wire.split(' ')[1];
	const rulesOfVersion = () =>
		Object.values(simulator.state.rules).filter((rule) => rule.version_id === versionWith('TIMER').id);

	it.each([
		['a 502', { status: 502 }],
		['a 503', { status: 503 }],
		['a 504', { status: 504 }],
		['a connection reset', { kind: 'reset' }],
		['a timeout', { kind: 'slow', delayMs: 400 }],
	])('is not sent again after %s', async (_fault, fault: IDataObject) => {
		simulator.injectFault({ route, headers: NOW, ...fault });
		const { error } = await runNode({
			parameters: { ...parameters(), options: { maxRetryWait: 5 }, requestOptions: { timeout: 200 } },
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeDefined();
		if (fault.kind === 'slow') {
			// SecMaster acts once the slow answer is over; wait for it so that no later test sees it.
			while (!done()) await sleep(20);
		}
		expect(routes()).toEqual([wire]);
	}, 20000);

	it.each([
		['429', { status: 429 }],
		['APIG.0308', { status: 400, body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' } }],
	])('is sent again when throttled (%s), and done once', async (_fault, fault) => {
		const before = rulesOfVersion().length;
		simulator.injectFault({ route, headers: NOW, ...fault });
		const { items, error } = await runNode({ parameters: parameters(), credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual([wire, wire]);
		expect(done()).toBe(true);
		expect(rulesOfVersion().length - before).toBe(wire.startsWith('POST') ? 1 : -1);
		expect(items![0].json.code).toBe(0);
	});
});
