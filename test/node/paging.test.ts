import type { IDataObject } from 'n8n-workflow';

import { createSimulator } from '../../simulator/server';
import { runNode } from '../helpers/engine';
import { credentialsFor, type Simulator, WORKSPACE_ID } from '../helpers/simulator';
import { nextPage, PAGING_WINDOW } from '../../nodes/HuaweiSecMaster/domain/paging';

// A workspace with several hundred instances, playbooks and alerts.
const simulator = createSimulator({ bulk: { instances: 437, playbooks: 230, alerts: 315 } }) as unknown as Simulator;
beforeAll(async () => {
	await simulator.start(0);
});
beforeEach(() => simulator.reset());
afterAll(async () => {
	await simulator.stop();
});

const run = (parameters: IDataObject) => runNode({ parameters, credentials: credentialsFor(simulator) });

function pages(route: string): Array<{ offset: number; limit: number }> {
	return simulator.requests
		.filter((request) => request.route === route)
		.map((request) => {
			const source = (request.method === 'GET' || route === 'listAuditLogs' ? request.query : request.json) as IDataObject;
			return { offset: Number(source.offset), limit: Number(source.limit) };
		});
}

const instancesInWorkspace = () =>
	Object.values(simulator.state.instances).filter((instance) => instance.workspace_id === WORKSPACE_ID);

describe('paging across page boundaries', () => {
	it('Return All gets every instance once, in pages of 100', async () => {
		const total = instancesInWorkspace().length;
		expect(total).toBeGreaterThan(400);
		const { items, error } = await run({ resource: 'playbookInstance', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(total);
		expect(new Set(items!.map((item) => item.json.id)).size).toBe(total);
		expect(pages('listInstances')).toEqual(
			Array.from({ length: Math.ceil(total / 100) }, (_, page) => ({ offset: page * 100, limit: 100 })),
		);
	});

	it('Limit stops exactly at the limit, asking only for what is missing', async () => {
		const { items } = await run({ resource: 'playbookInstance', operation: 'getAll', returnAll: false, limit: 250 });
		expect(items).toHaveLength(250);
		expect(pages('listInstances')).toEqual([
			{ offset: 0, limit: 100 },
			{ offset: 100, limit: 100 },
			{ offset: 200, limit: 50 },
		]);
	});

	it('a list that does not fill its last page stops there', async () => {
		const { items } = await run({ resource: 'playbook', operation: 'getAll', returnAll: true });
		const total = Object.values(simulator.state.playbooks as Record<string, IDataObject>).filter(
			(playbook) => (playbook.workspace_id ?? WORKSPACE_ID) === WORKSPACE_ID,
		).length;
		expect(items).toHaveLength(total);
		expect(pages('listPlaybooks').at(-1)!.offset).toBe(Math.floor(total / 100) * 100);
	});

	it('pages alert search through its JSON body', async () => {
		const { items, error } = await run({ resource: 'alert', operation: 'search', returnAll: true });
		expect(error).toBeUndefined();
		expect(items!.length).toBeGreaterThan(300);
		expect(new Set(items!.map((item) => item.json.id)).size).toBe(items!.length);
		expect(pages('searchAlerts')[1]).toEqual({ offset: 100, limit: 100 });
	});
});

describe('the 10,000-record window', () => {
	it('plans pages up to limit + offset < 10,000', () => {
		expect(nextPage(0, 250)).toEqual({ offset: 0, limit: 100 });
		expect(nextPage(9800, Infinity)).toEqual({ offset: 9800, limit: 100 });
		expect(nextPage(9900, Infinity)).toBe('window');
		expect(nextPage(9900, 99)).toEqual({ offset: 9900, limit: 99 });
		expect(PAGING_WINDOW).toBe(10000);
	});

	it('stops Return All over a larger list with a clear message instead of a server error', async () => {
		const huge = createSimulator({ bulk: { instances: 10050 } }) as unknown as Simulator;
		await huge.start(0);
		try {
			const { error } = await runNode({
				parameters: { resource: 'playbookInstance', operation: 'getAll', returnAll: true },
				credentials: credentialsFor(huge),
			});
			expect(error!.message).toMatch(/first 9999 records only/);
			expect(huge.requests.every((request) => request.route === 'listInstances')).toBe(true);
			expect(huge.requests).toHaveLength(99);
		} finally {
			await huge.stop();
		}
	});
});
