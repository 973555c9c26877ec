import { NODE_TYPE, runNode } from '../helpers/engine';
import { credentialsFor, instanceWith, TOKEN, useSimulator, WS_PATH } from '../helpers/simulator';

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
	});
});
