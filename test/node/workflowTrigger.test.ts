// The trigger's Workflow Instance Status event through n8n-core's real PollContext against the
// simulator: runs that end between polls are emitted once, also across pages and a restart; a
// run that started long before the poll window but ended inside it is not missed.
import type { IDataObject } from 'n8n-workflow';

import { Poller } from '../helpers/poller';
import { credentialsFor, useSimulator, WS_PATH } from '../helpers/simulator';
import soc from '../../simulator/fixtures/soc.json';

const simulator = useSimulator();
const sim = simulator as unknown as {
	seedSoc(body: IDataObject): { workflowInstances: string[] };
	setWorkflowInstanceOutcome(id: string, outcome: IDataObject): IDataObject;
	advanceClock(ms: number): number;
};
const WORKFLOWS = (soc as unknown as { workflows: Array<IDataObject & { id: string; name: string }> }).workflows;
const BLOCK = WORKFLOWS.find((workflow) => workflow.name === 'Block malicious IP')!;
const HANGS = WORKFLOWS.find((workflow) => workflow.name === 'Collect forensics')!;

const runs = (count: number, workflowId: string, outcome: IDataObject) =>
	sim.seedSoc({ workflowInstances: Array.from({ length: count }, () => ({ workflow_id: workflowId, outcome })) }).workflowInstances;

function poller(workflowStatuses = ['FAILED'], filters: IDataObject = {}, options: IDataObject = {}) {
	return new Poller({
		parameters: { event: 'workflowInstanceStatus', workflowStatuses, workflowInstanceFilters: filters, options },
		credentials: credentialsFor(simulator),
	});
}

describe('trigger › Workflow Instance Status', () => {
	it('treats what exists at the first poll as history, then emits each run that fails once', async () => {
		runs(2, BLOCK.id, { result: 'FAILED', afterMs: 0 });
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		const [list] = simulator.requests;
		expect(list.pathname).toBe(`${WS_PATH}/soc/workflows/instances`);
		expect(list.query).toEqual({ status: 'FAILED', sort_key: 'update_time', sort_dir: 'DESC', offset: '0', limit: '100' });

		const failed = runs(3, BLOCK.id, { result: 'FAILED', afterMs: 0 });
		runs(1, BLOCK.id, { result: 'FINISHED', afterMs: 0 });
		const emitted = await trigger.poll();
		expect(emitted!.map((item) => item.id).sort()).toEqual([...failed].sort());
		expect(emitted!.every((item) => item.status === 'FAILED')).toBe(true);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits a run that started before the poll window and ended inside it', async () => {
		const [hanging] = runs(1, HANGS.id, { result: 'HANG' });
		// No late window: the poll window starts at the first poll, after the run started.
		const trigger = poller(['FAILED', 'TERMINATED'], {}, { lateArrivalMinutes: 0 });
		expect(await trigger.poll()).toBeNull();
		sim.setWorkflowInstanceOutcome(hanging, { result: 'FAILED' });
		const emitted = await trigger.poll();
		expect(emitted!.map((item) => [item.id, item.status])).toEqual([[hanging, 'FAILED']]);
	});

	it('pages through 150 new failures, emits each once, and goes on after a restart', async () => {
		const trigger = poller(['FAILED', 'FINISHED']);
		await trigger.poll();
		const failed = runs(150, BLOCK.id, { result: 'FAILED', afterMs: 0 });
		simulator.clearRequests();
		const emitted = (await trigger.poll())!;
		expect(emitted.map((item) => item.id).sort()).toEqual([...failed].sort());
		expect(simulator.requests.map((request) => `${request.query.status}:${request.query.offset}`)).toEqual([
			'FAILED:0',
			'FAILED:100',
			'FINISHED:0',
		]);
		trigger.restart();
		const [finished] = runs(1, BLOCK.id, { result: 'FINISHED', afterMs: 0 });
		expect((await trigger.poll())!.map((item) => item.id)).toEqual([finished]);
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps to the workflow named in the filter', async () => {
		const trigger = poller(['FAILED'], { workflowId: BLOCK.id });
		await trigger.poll();
		const [mine] = runs(1, BLOCK.id, { result: 'FAILED', afterMs: 0 });
		runs(1, HANGS.id, { result: 'FAILED', afterMs: 0 });
		expect((await trigger.poll())!.map((item) => item.id)).toEqual([mine]);
		expect(simulator.requests.at(-1)!.query.workflow_id).toBe(BLOCK.id);
	});

	it('returns the latest ended run in manual mode', async () => {
		runs(1, BLOCK.id, { result: 'FAILED', afterMs: 0 });
		sim.advanceClock(1000);
		const [last] = runs(1, BLOCK.id, { result: 'FINISHED', afterMs: 0 });
		const [latest] = (await poller(['FAILED', 'FINISHED']).poll('manual'))!;
		expect(latest).toMatchObject({ id: last, status: 'FINISHED' });
	});
});
