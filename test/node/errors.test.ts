import { runNode } from '../helpers/engine';
import { loggedText } from '../helpers/logs';
import {
	credentialsFor,
	EXPIRED_TOKEN,
	instanceWith,
	TOKEN,
	useSimulator,
	versionWith,
} from '../helpers/simulator';

const simulator = useSimulator();

const failed = instanceWith('FAILED');
const running = instanceWith('RUNNING');

function operate(instanceId: string, operationType = 'RETRY', options: object = {}) {
	return { resource: 'playbookInstance', operation: 'operate', instanceId, operationType, options };
}

// These tests look at how one failure is explained, so each item gets one attempt.
const ONE_ATTEMPT = { maxAttempts: 1 };

/** Everything a user or a log could see of a run, as text. */
async function visible(result: Awaited<ReturnType<typeof runNode>>): Promise<string> {
	const run = JSON.stringify(result.run, (_key, value: unknown) =>
		value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
	);
	return `${run}\n${await loggedText()}`;
}

describe('API errors', () => {
	it('turns a SecMaster 400 into a NodeApiError with code, message, status and request ID', async () => {
		const result = await runNode({ parameters: operate(running.id), credentials: credentialsFor(simulator) });
		const { error } = result;

		expect(error!.name).toBe('NodeApiError');
		expect(error!.message).toMatch(/^SecMaster\.20040409: .*cannot be retried in status RUNNING.* \(HTTP 400\)$/);
		expect(error!.httpCode).toBe('400');
		const { requestId } = simulator.requests[0];
		expect(requestId).toMatch(/-secmaster-simulator$/);
		expect(error!.description).toContain(`Request ID: ${requestId}`);
		expect(error!.errorResponse).toMatchObject({ code: 'SecMaster.20040409', httpCode: '400', requestId });
		expect(error!.context).toMatchObject({ itemIndex: 0 });
		expect(error!.message).not.toContain('Bad request - please check your parameters');
		expect(await visible(result)).not.toContain(TOKEN);
	});

	it('reports the gateway shape for a wrong token (401 APIG.0301) without showing the token', async () => {
		const notIssuedByIam = 'wrong-value-ABCDEF0123456789';
		const result = await runNode({
			parameters: operate(failed.id),
			credentials: credentialsFor(simulator, { token: notIssuedByIam }),
		});
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toMatch(/^APIG\.0301: .* \(HTTP 401\)$/);
		expect(result.error!.description).toContain('token');
		expect(await visible(result)).not.toContain(notIssuedByIam);
	});

	it('says the token expired', async () => {
		const result = await runNode({
			parameters: operate(failed.id),
			credentials: credentialsFor(simulator, { token: EXPIRED_TOKEN }),
		});
		expect(result.error!.message).toMatch(/^APIG\.0301: .*expired.* \(HTTP 401\)$/i);
		expect(await visible(result)).not.toContain(EXPIRED_TOKEN);
	});

	it('reports a wrong workspace or project as SecMaster.20010001 (403)', async () => {
		for (const overrides of [{ workspaceId: 'no-such-workspace' }, { projectId: '0'.repeat(32) }]) {
			const { error } = await runNode({
				parameters: operate(failed.id),
				credentials: credentialsFor(simulator, overrides),
			});
			expect(error!.message).toMatch(/^SecMaster\.20010001: .* \(HTTP 403\)$/);
			expect(error!.description).toContain('Workspace ID');
		}
	});

	it('reports an unknown rule with SecMaster.20048004', async () => {
		const version = versionWith('EVENT');
		const { error } = await runNode({
			parameters: {
				resource: 'playbookRule',
				operation: 'update',
				versionId: version.id,
				ruleId: 'no-such-rule',
				triggerType: 'json',
				ruleJson: '{"logics":[]}',
			},
			credentials: credentialsFor(simulator),
		});
		expect(error!.message).toMatch(/^SecMaster\.20048004: /);
	});

	it.each([
		['an HTML error page', { kind: 'html', status: 502 }, /502/],
		['an empty 503', { kind: 'empty', status: 503 }, /SecMaster returned an error without a message \(HTTP 503\)/],
		['a 200 that is not JSON', { kind: 'malformed' }, /SecMaster answered HTTP 200 without a JSON object body/],
		['a throttled gateway', { status: 429 }, /^APIG\.0308: The throttling threshold has been reached.* \(HTTP 429\)$/],
	])('explains %s', async (_name, fault, message) => {
		simulator.injectFault({ route: 'operateInstance', ...fault });
		const { error } = await runNode({ parameters: operate(failed.id, 'RETRY', ONE_ATTEMPT), credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.message).toMatch(message);
		expect(simulator.requests).toHaveLength(1);
	});

	it('keeps the request ID from the X-request-id header', async () => {
		simulator.injectFault({
			route: 'operateInstance',
			status: 400,
			body: { code: 'SecMaster.12345678', message: 'Custom failure' },
			headers: { 'X-request-id': 'req-abc-123' },
		});
		const { error } = await runNode({ parameters: operate(failed.id), credentials: credentialsFor(simulator) });
		expect(error!.message).toBe('SecMaster.12345678: Custom failure (HTTP 400)');
		expect(error!.description).toContain('Request ID: req-abc-123');
		expect(error!.errorResponse).toMatchObject({ requestId: 'req-abc-123' });
	});
});

describe('continue on fail', () => {
	it('gives one error item per failing input item, paired, and lets the others through', async () => {
		const result = await runNode({
			parameters: operate('={{ $json.id }}', '={{ $json.op }}'),
			items: [
				{ id: failed.id, op: 'RETRY' },
				{ id: running.id, op: 'RETRY' },
				{ id: '', op: 'RETRY' },
				{ id: running.id, op: 'TERMINATE' },
				{ id: 'no-such-instance', op: 'TERMINATE' },
			],
			credentials: credentialsFor(simulator),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const items = result.items!;
		expect(items).toHaveLength(5);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[0].json).toMatchObject({ id: failed.id, status: 'RETRYING' });
		expect(items[1].json.error).toMatch(/^SecMaster\.20040409: /);
		expect(items[2].json.error).toBe('Instance ID is empty [item 2]');
		expect(items[3].json).toMatchObject({ id: running.id, status: 'TERMINATING' });
		expect(items[4].json.error).toMatch(/^SecMaster\.20040404: .*\(HTTP 404\)$/);
		// Item 2 never reached the wire.
		expect(simulator.requests).toHaveLength(4);
		expect(await visible(result)).not.toContain(TOKEN);
	});
});

describe('transport failures', () => {
	it('reports a connection reset without leaking the token', async () => {
		simulator.injectFault({ route: 'operateInstance', kind: 'reset' });
		const result = await runNode({ parameters: operate(failed.id, 'RETRY', ONE_ATTEMPT), credentials: credentialsFor(simulator) });
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toMatch(/socket hang up|ECONNRESET|connection/i);
		expect(await visible(result)).not.toContain(TOKEN);
	});
});
