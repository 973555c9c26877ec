import { NODE_TYPE, runNode } from '../helpers/engine';
import {
	credentialsFor,
	instanceWith,
	OTHER_WORKSPACE_ID,
	PROJECT_ID,
	TOKEN,
	useSimulator,
	WS_PATH,
} from '../helpers/simulator';

const simulator = useSimulator();

function operate(instanceId: string, operationType: string, extra = {}) {
	return { resource: 'playbookInstance', operation: 'operate', instanceId, operationType, ...extra };
}

describe(`${NODE_TYPE} › Operate Instance`, () => {
	it('retries a FAILED instance with exactly the seed request', async () => {
		const failed = instanceWith('FAILED');
		const { items, error } = await runNode({
			parameters: operate(failed.id, 'RETRY'),
			credentials: credentialsFor(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`${WS_PATH}/soc/playbooks/instances/${failed.id}/operation`);
		expect(request.body).toBe('{"operation":"RETRY"}');
		expect(request.headers['x-auth-token']).toBe(TOKEN);
		expect(request.headers['content-type']).toBe('application/json;charset=UTF-8');

		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ id: failed.id, status: 'RETRYING', name: failed.name });
		expect(items![0].pairedItem).toEqual({ item: 0 });
		expect(simulator.state.appliedOperations).toEqual([
			expect.objectContaining({ instanceId: failed.id, operation: 'RETRY' }),
		]);
	});

	it('terminates a RUNNING instance', async () => {
		const running = instanceWith('RUNNING');
		const { items, error } = await runNode({
			parameters: operate(running.id, 'TERMINATE'),
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].body).toBe('{"operation":"TERMINATE"}');
		expect(items![0].json).toMatchObject({ id: running.id, status: 'TERMINATING' });
	});

	it('takes IDs from upstream items through expressions, one output item per input item', async () => {
		const failed = simulatorFailedIds(2);
		const running = instanceWith('RUNNING');
		const { items, error } = await runNode({
			parameters: operate('={{ $json.instance.id }}', '={{ $json.action }}'),
			items: [
				{ instance: { id: failed[0] }, action: 'RETRY' },
				{ instance: { id: running.id }, action: 'TERMINATE' },
				{ instance: { id: failed[1] }, action: 'RETRY' },
			],
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(items!.map((item) => [item.json.id, item.json.status, item.pairedItem])).toEqual([
			[failed[0], 'RETRYING', { item: 0 }],
			[running.id, 'TERMINATING', { item: 1 }],
			[failed[1], 'RETRYING', { item: 2 }],
		]);
		expect(simulator.requests.map((request) => request.body).sort()).toEqual([
			'{"operation":"RETRY"}',
			'{"operation":"RETRY"}',
			'{"operation":"TERMINATE"}',
		]);
	});

	it('works in the workspace given in the options instead of the credential\'s', async () => {
		const failed = instanceWith('FAILED', OTHER_WORKSPACE_ID);
		const { items, error } = await runNode({
			parameters: operate(failed.id, 'RETRY', { options: { workspaceId: OTHER_WORKSPACE_ID } }),
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].path).toBe(
			`/v1/${PROJECT_ID}/workspaces/${OTHER_WORKSPACE_ID}/soc/playbooks/instances/${failed.id}/operation`,
		);
		expect(items![0].json.status).toBe('RETRYING');
	});

	// IDs are not trimmed: one with surrounding whitespace is refused (test/node/badInput.test.ts).
	it('strips a trailing slash from the endpoint', async () => {
		const failed = instanceWith('FAILED');
		const { error } = await runNode({
			parameters: operate(failed.id, 'RETRY'),
			credentials: credentialsFor(simulator, { endpoint: `${simulator.url}/` }),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/playbooks/instances/${failed.id}/operation`);
	});

	it('reads the credential once per run, not once per item', async () => {
		const items = simulatorFailedIds(3).map((id) => ({ id }));
		const { credentialsHelper, error } = await runNode({
			parameters: operate('={{ $json.id }}', 'RETRY'),
			items,
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(items.length);
		// Operate Instance is a custom operation: it reads the credential once and has n8n
		// authenticate every item's request with that copy (n8n's RoutingNode would read it
		// again for each request).
		expect(credentialsHelper.reads).toBe(1);
	});
});

function simulatorFailedIds(count: number): string[] {
	const ids = Object.values(simulator.state.instances)
		.filter((instance) => String(instance.status).toUpperCase() === 'FAILED' && instance.workspace_id === WS_PATH.split('/')[4])
		.map((instance) => String(instance.id));
	expect(ids.length).toBeGreaterThanOrEqual(count);
	return ids.slice(0, count);
}
