/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// 10,000 items through the real engine with 5 % injected faults, in
// continue-on-fail mode: nothing lost, nothing paired wrongly, nothing done twice.
import { createSimulator } from '../../simulator/server';
import { runNode } from '../helpers/engine';
import { credentialsFor, FIXTURE, type Simulator, WORKSPACE_ID } from '../helpers/simulator';

const ITEMS = Number(process.env.LOAD_ITEMS ?? 10000);
// SecMaster allows 100 retries a day; the load test raises the simulator's limit.
const simulator = createSimulator({
	fixture: { ...FIXTURE, maxRetriesPerDay: ITEMS * 2 },
	bulk: { instances: ITEMS },
	evolveEveryMs: 50,
}) as unknown as Simulator;

beforeAll(async () => {
	await simulator.start(0);
});
afterAll(async () => {
	await simulator.stop();
});

it('10,000 RETRYs with 5 % faults: 10,000 paired items, each instance operated at most once', async () => {
	const ids = Object.values(simulator.state.instances)
		.filter((instance) => instance.workspace_id === WORKSPACE_ID)
		.map((instance) => String(instance.id))
		.slice(0, ITEMS);
	expect(ids).toHaveLength(ITEMS);
	// One read of the state: the simulator brings every instance up to date on each read.
	const { instances } = simulator.state;
	for (const id of ids) instances[id].status = 'FAILED';
	// 2.5 % that fail for good (500), 2.5 % that a safe retry gets through (503 before SecMaster acted).
	simulator.injectFault({ route: 'operateInstance', status: 500, count: ITEMS / 40 });
	simulator.injectFault({ route: 'operateInstance', status: 503, headers: { 'Retry-After': '0' }, count: ITEMS / 40 });

	const { items, error } = await runNode({
		parameters: {
			resource: 'playbookInstance',
			operation: 'operate',
			instanceId: '={{ $json.id }}',
			operationType: 'RETRY',
			requestOptions: { batching: { batch: { batchSize: 500, batchInterval: 1 } } },
		},
		items: ids.map((id) => ({ id })),
		credentials: credentialsFor(simulator),
		continueOnFail: true,
	});

	expect(error).toBeUndefined();
	expect(items).toHaveLength(ITEMS);
	items!.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	const failures = items!.filter((item) => item.json.error);
	const successes = items!.filter((item) => !item.json.error);
	const messages: Record<string, number> = {};
	for (const failure of failures) {
		const key = String(failure.json.error).replace(/[0-9a-f-]{36}/g, '…');
		messages[key] = (messages[key] ?? 0) + 1;
	}
	expect(messages).toEqual({ 'APIG.0202: Backend unavailable (HTTP 500)': ITEMS / 40 });
	expect(failures).toHaveLength(ITEMS / 40);
	for (const failure of failures) expect(failure.json.error).toMatch(/\(HTTP 500\)$/);
	for (const [index, item] of items!.entries()) {
		if (!item.json.error) expect(item.json.id).toBe(ids[index]);
	}

	const applied = simulator.state.appliedOperations;
	expect(applied).toHaveLength(successes.length);
	expect(new Set(applied.map((operation) => operation.instanceId)).size).toBe(applied.length);
	// Not a time limit on the node (bench/ measures speed): a stop for a run that hangs. Alone the run
	// takes 70–130 s of mostly simulated waiting; beside the other test files on a 2-core machine, once over 300 s.
}, 600000);
