/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: a forwarding proxy beside the simulator */
// Operate Instance and Update Rule run as custom operations (shared/customOperation.ts), not
// through n8n's RoutingNode. What the RoutingNode gives the node's other operations must hold for
// these two as well: the Request Options, one credential read per run, the whole form checked
// before any request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { runNode } from '../helpers/engine';
import { SEED_EVENT_FORM } from '../helpers/forms';
import { credentialsFor, instanceWith, useSimulator, versionWith, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

/** A plain HTTP forward proxy that notes each request line it forwards. */
async function forwardProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
	const seen: string[] = [];
	const server = http.createServer((request, response) => {
		seen.push(`${request.method} ${request.url}`);
		const upstream = http.request(String(request.url), { method: request.method, headers: request.headers }, (answer) => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		request.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const operate = (instanceId: string, extra = {}) => ({
	resource: 'playbookInstance',
	operation: 'operate',
	instanceId,
	operationType: 'RETRY',
	...extra,
});

describe('the custom operations honour the Request Options', () => {
	it('sends Operate Instance through the proxy option', async () => {
		const proxy = await forwardProxy();
		try {
			const failed = instanceWith('FAILED');
			const { error, items } = await runNode({
				parameters: operate(failed.id, { requestOptions: { proxy: proxy.url } }),
				credentials: credentialsFor(simulator),
			});
			expect(error).toBeUndefined();
			expect(items![0].json).toMatchObject({ id: failed.id, status: 'RETRYING' });
			expect(proxy.seen).toEqual([`POST ${simulator.url}${WS_PATH}/soc/playbooks/instances/${failed.id}/operation`]);
			expect(simulator.requests).toHaveLength(1);
		} finally {
			await proxy.close();
		}
	});

	it('refuses a proxy without a host before any request', async () => {
		const { error } = await runNode({
			parameters: operate(instanceWith('FAILED').id, { requestOptions: { proxy: 'proxy-without-scheme' } }),
			credentials: credentialsFor(simulator),
		});
		expect(error!.message).toBe('The proxy is not valid');
		expect(error!.description).toBe('The proxy URL does not contain a valid value for "host"');
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('Update Rule', () => {
	const version = versionWith('EVENT');

	it('reads the credential once per run, for any number of items', async () => {
		const items = [0, 1, 2, 3].map(() => ({ versionId: version.id, ruleId: version.rule_id }));
		const { credentialsHelper, error } = await runNode({
			parameters: {
				resource: 'playbookRule',
				operation: 'update',
				versionId: '={{ $json.versionId }}',
				ruleId: '={{ $json.ruleId }}',
				...SEED_EVENT_FORM,
			},
			items,
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests.map((request) => request.route)).toEqual(items.map(() => 'updateRule'));
		expect(credentialsHelper.reads).toBe(1);
	});

	it("checks the whole form before it looks up the version's rule", async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'playbookRule',
				operation: 'update',
				versionId: version.id,
				useVersionRule: true,
				...SEED_EVENT_FORM,
				logics: 'condition_0 AND condition_9',
			},
			credentials: credentialsFor(simulator),
		});
		expect(error!.message).toMatch(/condition_9.*\[item 0\]$/);
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('a redirect is not followed', () => {
	// n8n follows redirects by default and sends custom headers along, across hosts too:
	// the token (or the signature) would go wherever the Location points.
	async function elsewhere(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
		const hits: string[] = [];
		const server = http.createServer((request, response) => {
			hits.push(`${request.method} ${request.url} ${request.headers['x-auth-token'] ?? ''}`);
			response.end('{}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		return { url: `http://127.0.0.1:${port}`, hits, close: async () => await new Promise<void>((resolve) => server.close(() => resolve())) };
	}

	it.each([
		['Operate Instance (a custom operation)', 'operateInstance', (id: string) => operate(id)],
		['Get Instance (through the RoutingNode)', 'getInstance', (id: string) => ({ resource: 'playbookInstance', operation: 'get', instanceId: id })],
	])('%s: the error names the redirect and nothing reaches its target', async (_name, route, parameters) => {
		const target = await elsewhere();
		try {
			simulator.injectFault({ route, status: 307, headers: { Location: `${target.url}/v1/elsewhere` } });
			const { error } = await runNode({ parameters: parameters(instanceWith('FAILED').id), credentials: credentialsFor(simulator) });
			expect(error!.message).toBe(
				`The endpoint answered with a redirect (HTTP 307 to ${target.url}/v1/elsewhere), which the node does not follow: check the region or endpoint in the credential`,
			);
			expect(target.hits).toEqual([]);
			expect(simulator.requests).toHaveLength(1);
		} finally {
			await target.close();
		}
	});
});
