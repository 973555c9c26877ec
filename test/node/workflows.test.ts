/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n */
// Workflow and Workflow Instance through n8n's real engine against the simulator: the wire of
// every request, the output, Run Workflow's waiting (finish, failure, timeout, a stopped
// execution) and its rule that a run is never started twice.
import type { IDataObject } from 'n8n-workflow';

import { listSearch, NODE_TYPE, runNode } from '../helpers/engine';
import { credentialsFor, FIXTURE, type RecordedRequest, TOKEN, useSimulator, WORKSPACE_ID, WS_PATH } from '../helpers/simulator';
import soc from '../../simulator/fixtures/soc.json';

const simulator = useSimulator();
const control = simulator as unknown as {
	queueWorkflowOutcome(id: string, outcome: IDataObject): IDataObject;
	state: { soc: { workflowInstances: Record<string, IDataObject> } };
};

const WORKFLOWS = (soc as unknown as { workflows: Array<IDataObject & { id: string; name: string; workspace_id: string }> }).workflows;
const BLOCK = WORKFLOWS.find((workflow) => workflow.name === 'Block malicious IP')!;
const HANGS = WORKFLOWS.find((workflow) => workflow.name === 'Collect forensics')!;
const ALERT = (FIXTURE.alerts as Array<IDataObject & { id: string; workspace_id: string; data_object: IDataObject }>).find(
	(alert) => alert.workspace_id === WORKSPACE_ID,
)!;
/** An alert as Get Alert / Search Alerts output it with Simplify on. */
const SIMPLE_ALERT = { ...ALERT.data_object, id: ALERT.id };

const routes = () => simulator.requests.map((request) => `${request.method} ${request.route}`);
const instances = () => Object.values(control.state.soc.workflowInstances);
const nodeHeaders = (request: RecordedRequest) =>
	Object.fromEntries(
		Object.entries(request.headers).filter(([name]) => !['user-agent', 'accept-encoding', 'host', 'connection', 'content-length'].includes(name)),
	);

const run = (extra: IDataObject = {}) => ({ resource: 'workflow', operation: 'run', workflowId: BLOCK.id, ...extra });
const waiting = (pollInterval: number, timeout = 60) => ({ waitForCompletion: true, waitOptions: { pollInterval, timeout } });

describe(`${NODE_TYPE} › Workflow`, () => {
	it('Get Many sends the filters in the query and outputs one item per workflow', async () => {
		const { items, error } = await runNode({
			parameters: {
				resource: 'workflow',
				operation: 'getAll',
				limit: 5,
				filters: { name: 'block', enabled: true, dataclassName: 'Alert', aopType: 'HEMOSTASIS' },
			},
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0].pathname).toBe(`${WS_PATH}/soc/workflows`);
		expect(simulator.requests[0].query).toEqual({
			offset: '0',
			limit: '5',
			name: 'block',
			enabled: 'true',
			dataclass_name: 'Alert',
			aop_type: 'HEMOSTASIS',
		});
		expect(items!.map((item) => item.json.id)).toEqual([BLOCK.id]);
	});

	it('Get Many refuses a Type from an expression that SecMaster does not know', async () => {
		const { error } = await runNode({
			parameters: { resource: 'workflow', operation: 'getAll', filters: { aopType: '={{ "FAST" }}' } },
			credentials: credentialsFor(simulator),
		});
		expect(error!.message).toBe('Type must be one of EASE, HEMOSTASIS, NORMAL, SURVEY; got "FAST" [item 0]');
		expect(simulator.requests).toHaveLength(0);
	});

	it('Get unwraps the workflow; Simplify off gives the whole answer', async () => {
		const simple = await runNode({ parameters: { resource: 'workflow', operation: 'get', workflowId: BLOCK.id }, credentials: credentialsFor(simulator) });
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/workflows/${BLOCK.id}`);
		expect(simple.items![0].json).toMatchObject({ id: BLOCK.id, name: BLOCK.name, enabled: true });
		const raw = await runNode({
			parameters: { resource: 'workflow', operation: 'get', workflowId: BLOCK.id, simplify: false },
			credentials: credentialsFor(simulator),
		});
		expect(raw.items![0].json).toMatchObject({ success: true, data: { id: BLOCK.id } });
	});

	it('Get Versions lists the versions with the status filter, Limit applied', async () => {
		const all = await runNode({
			parameters: { resource: 'workflow', operation: 'getVersions', workflowId: BLOCK.id, returnAll: true },
			credentials: credentialsFor(simulator),
		});
		expect(all.items!.map((item) => item.json.version)).toEqual(['v2', 'v1']);
		expect(simulator.requests[0].query).toEqual({});
		simulator.clearRequests();
		const active = await runNode({
			parameters: { resource: 'workflow', operation: 'getVersions', workflowId: BLOCK.id, limit: 1, filters: { status: 'activated' } },
			credentials: credentialsFor(simulator),
		});
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/workflows/${BLOCK.id}/versions?status=activated`);
		expect(active.items!.map((item) => item.json.status)).toEqual(['activated']);
	});

	it('lists workflows and workflow instances for the resource locators, by name, newest first', async () => {
		const found = await listSearch('searchWorkflows', { parameters: {}, credentials: credentialsFor(simulator), filter: 'notify' });
		expect(found.results).toEqual([{ name: 'Notify on-call (draft) (disabled)', value: WORKFLOWS.find((w) => w.name.startsWith('Notify'))!.id }]);
		expect(simulator.requests[0].query).toEqual({ offset: '0', limit: '50', sortby: 'create_time', order: 'DESC', name: 'notify' });
		await runNode({ parameters: run({ dataObjectSource: 'none' }), credentials: credentialsFor(simulator) });
		simulator.clearRequests();
		const runs = await listSearch('searchWorkflowInstances', { parameters: {}, credentials: credentialsFor(simulator) });
		expect(runs.results).toEqual([{ name: `${instances()[0].name as string} · RUNNING`, value: instances()[0].id }]);
		expect(simulator.requests[0].query).toEqual({ offset: '0', limit: '50', sort_key: 'create_time', sort_dir: 'DESC' });
	});
});

describe(`${NODE_TYPE} › Workflow › Run Workflow`, () => {
	it('starts the workflow on the input alert and outputs the new instance at once', async () => {
		const { items, error } = await runNode({ parameters: run(), items: [SIMPLE_ALERT], credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST runWorkflow', 'GET getWorkflowInstance']);
		const [post, get] = simulator.requests;
		expect(post.path).toBe(`${WS_PATH}/soc/workflows/${BLOCK.id}/instances`);
		expect(nodeHeaders(post)).toEqual({
			accept: 'application/json',
			'content-type': 'application/json;charset=UTF-8',
			'x-language': 'en-us',
			'x-auth-token': TOKEN,
		});
		expect(post.json).toEqual({
			command_type: 'ActionInstanceRunCommand',
			action_type: 'workflow',
			action_id: BLOCK.id,
			playbook_context: { data_object: { content: SIMPLE_ALERT, dataclass: { name: 'Alert' } } },
		});
		const [started] = instances();
		expect(get.path).toBe(`${WS_PATH}/soc/workflows/instances/${started.id as string}`);
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ id: started.id, status: 'RUNNING', dataobject_id: ALERT.id, workflow: { id: BLOCK.id } });
		expect(items![0].pairedItem).toEqual({ item: 0 });
	});

	it('takes a raw alert record (Simplify off) with its data class, a JSON data object, or none', async () => {
		const record = { ...ALERT, dataclass_ref: { id: 'dc-1', name: 'Alert' } };
		const json = { content: { id: 'x-1', title: 'Given' }, dataclass: { id: 'dc-2', name: 'Incident' } };
		const { error } = await runNode({
			parameters: run({ dataObjectSource: '={{ $json.source }}', dataObjectJson: '={{ $json.json }}', dataObject: '={{ $json.record }}' }),
			items: [{ source: 'alert', record }, { source: 'json', json }, { source: 'none' }],
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		const posts = simulator.requests.filter((request) => request.route === 'runWorkflow').map((request) => request.json!.playbook_context);
		expect(posts).toEqual([
			{ data_object: { content: { ...ALERT.data_object, id: ALERT.id }, dataclass: { id: 'dc-1', name: 'Alert' } } },
			{ data_object: json },
			undefined,
		]);
	});

	it('waits for the run to finish, sleeping between reads, and outputs the finished instance', async () => {
		control.queueWorkflowOutcome(BLOCK.id, { result: 'FINISHED', afterMs: 1200 });
		const { items, error } = await runNode({ parameters: run(waiting(0.5)), items: [SIMPLE_ALERT], credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		const reads = routes().slice(1);
		expect(routes()[0]).toBe('POST runWorkflow');
		// Reads at 0, ≥ 0.5, ≥ 1.0 and ≥ 1.5 s: by the fourth the run has ended. A slower machine
		// reads less often, never more; without the sleep it would read hundreds of times.
		expect(reads.length).toBeGreaterThanOrEqual(2);
		expect(reads.length).toBeLessThanOrEqual(4);
		expect(new Set(reads)).toEqual(new Set(['GET getWorkflowInstance']));
		// No topology while waiting: only the status is needed.
		expect(simulator.requests.slice(1).every((request) => request.query.show_topology === undefined)).toBe(true);
		expect(items![0].json).toMatchObject({ id: instances()[0].id, status: 'FINISHED' });
		expect(items![0].json.end_time).toEqual(expect.any(String));
	}, 20000);

	it('a failed run is an error with the instance ID, its status and SecMaster\'s error text', async () => {
		control.queueWorkflowOutcome(BLOCK.id, { result: 'FAILED', afterMs: 600, action: 'Add IP to WAF blacklist' });
		const { error } = await runNode({ parameters: run(waiting(0.5)), items: [SIMPLE_ALERT], credentials: credentialsFor(simulator) });
		const [failed] = instances();
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toBe(`Workflow instance ${failed.id as string} ended FAILED: Add IP to WAF blacklist: Add IP to WAF blacklist failed [item 0]`);
		expect(error!.context).toMatchObject({ itemIndex: 0, instanceId: failed.id, status: 'FAILED' });
		// The last read asks for the topology, where the error text is.
		expect(simulator.requests.at(-1)!.query).toEqual({ show_topology: 'true' });
		expect(simulator.requests.filter((request) => request.route === 'runWorkflow')).toHaveLength(1);
	}, 20000);

	it('continue-on-fail: the failed run is an error item paired with its input; the other item finishes', async () => {
		control.queueWorkflowOutcome(BLOCK.id, { result: 'FAILED', afterMs: 300 });
		control.queueWorkflowOutcome(BLOCK.id, { result: 'FINISHED', afterMs: 300 });
		const { items, error } = await runNode({
			parameters: run(waiting(0.5)),
			items: [SIMPLE_ALERT, { ...SIMPLE_ALERT, id: 'other-alert' }],
			credentials: credentialsFor(simulator),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items![0].error!.message).toMatch(/^Workflow instance \S+ ended FAILED: .+ \[item 0\]$/);
		expect(items![0].json.error).toBe(items![0].error!.message);
		expect(items![0].pairedItem).toEqual({ item: 0 });
		expect(items![1].json).toMatchObject({ status: 'FINISHED', dataobject_id: 'other-alert' });
		expect(items![1].pairedItem).toEqual({ item: 1 });
	}, 20000);

	it('a run still going at the timeout is an error naming it; the run is left alone', async () => {
		const { error } = await runNode({
			parameters: run({ workflowId: HANGS.id, dataObjectSource: 'none', ...waiting(0.5, 1) }),
			credentials: credentialsFor(simulator),
		});
		const [hanging] = instances();
		expect(error!.message).toBe(`Workflow instance ${hanging.id as string} is still RUNNING after 1 s [item 0]`);
		expect(error!.context).toMatchObject({ instanceId: hanging.id, status: 'RUNNING' });
		expect(hanging.status).toBe('RUNNING');
		expect(routes().filter((route) => route === 'PUT operateWorkflowInstance')).toEqual([]);
	}, 20000);

	it('a stopped execution stops the waiting at once, without another read', async () => {
		let stopped = false;
		const result = runNode({
			// An hour between reads: only the abort can end this wait within the test's time.
			parameters: run({ workflowId: HANGS.id, dataObjectSource: 'none', ...waiting(3600, 7200) }),
			credentials: credentialsFor(simulator),
			control: (stop) => {
				const watch = setInterval(() => {
					if (!routes().includes('GET getWorkflowInstance')) return;
					clearInterval(watch);
					// Once the read is answered the node sleeps; a stop during the read ends it the same way.
					setTimeout(() => {
						stopped = true;
						stop();
					}, 300);
				}, 10);
			},
		});
		const { error, run: execution } = await result;
		expect(stopped).toBe(true);
		expect(execution!.status).toBe('canceled');
		expect(error!.message).toMatch(/^Workflow instance \S+ was left running: the execution was stopped while waiting for it \[item 0\]$/);
		expect(routes()).toEqual(['POST runWorkflow', 'GET getWorkflowInstance']);
		expect(instances()[0].status).toBe('RUNNING');
	}, 20000);

	it('a timeout on the POST: looked up, not sent again; the run it had started is the output', async () => {
		// 'slow' answers after the client gave up: SecMaster started the run, n8n saw a timeout.
		simulator.injectFault({ route: 'runWorkflow', kind: 'slow', delayMs: 500 });
		const { items, error } = await runNode({
			parameters: { ...run(), requestOptions: { timeout: 200 } },
			items: [SIMPLE_ALERT],
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST runWorkflow', 'GET listWorkflowInstances', 'GET getWorkflowInstance']);
		const lookup = simulator.requests[1].query;
		expect(lookup).toMatchObject({ workflow_id: BLOCK.id, dataobject_id: ALERT.id, sort_key: 'create_time', sort_dir: 'DESC' });
		expect(lookup.from_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\+0000$/);
		expect(instances()).toHaveLength(1);
		expect(items![0].json).toMatchObject({ id: instances()[0].id, status: 'RUNNING' });
	}, 20000);

	it('a 502 on the POST that started nothing: looked up, reported as unknown, never re-sent', async () => {
		simulator.injectFault({ route: 'runWorkflow', status: 502 });
		const { error } = await runNode({ parameters: run(), items: [SIMPLE_ALERT], credentials: credentialsFor(simulator) });
		expect(routes()).toEqual(['POST runWorkflow', 'GET listWorkflowInstances']);
		expect(error!.name).toBe('NodeApiError');
		expect(error!.description).toMatch(/^The request failed without a clear answer, and a look-up found nothing it created\. It was not sent again/);
		expect(instances()).toHaveLength(0);
	}, 20000);

	it('a throttled POST did nothing and is sent again', async () => {
		simulator.injectFault({ route: 'runWorkflow', status: 429, headers: { 'Retry-After': '0' } });
		const { items, error } = await runNode({ parameters: run(), items: [SIMPLE_ALERT], credentials: credentialsFor(simulator) });
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['POST runWorkflow', 'POST runWorkflow', 'GET getWorkflowInstance']);
		expect(instances()).toHaveLength(1);
		expect(items![0].json.status).toBe('RUNNING');
	});

	it('an input without an id fails before anything is sent, naming the field and the item', async () => {
		const { error } = await runNode({ parameters: run(), items: [SIMPLE_ALERT, { title: 'no id' }], credentials: credentialsFor(simulator) });
		expect(error!.message).toBe('Alert or Incident has no id: it must be an alert as SecMaster returns it [item 1]');
		expect(simulator.requests).toHaveLength(0);
	});

	it('SecMaster\'s refusal (a disabled workflow) is a NodeApiError with its code and request ID', async () => {
		const disabled = WORKFLOWS.find((workflow) => workflow.enabled === false)!;
		const { error } = await runNode({ parameters: run({ workflowId: disabled.id, dataObjectSource: 'none' }), credentials: credentialsFor(simulator) });
		expect(error!.name).toBe('NodeApiError');
		expect(error!.message).toContain('SecMaster.20040409');
		expect(error!.description).toContain(`Request ID: ${simulator.requests[0].requestId}`);
		expect(routes()).toEqual(['POST runWorkflow']);
	});
});

describe(`${NODE_TYPE} › Workflow Instance`, () => {
	async function started(count = 1): Promise<string[]> {
		const items = Array.from({ length: count }, (_, index) => ({ ...SIMPLE_ALERT, id: `alert-${index}` }));
		await runNode({ parameters: run(), items, credentials: credentialsFor(simulator) });
		simulator.clearRequests();
		return instances().map((instance) => String(instance.id));
	}

	it('Get reads one instance, with its topology when asked', async () => {
		const [id] = await started();
		const { items } = await runNode({
			parameters: { resource: 'workflowInstance', operation: 'get', workflowInstanceId: id, showTopology: true },
			credentials: credentialsFor(simulator),
		});
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/workflows/instances/${id}?show_topology=true`);
		expect(items![0].json).toMatchObject({ id, status: 'RUNNING', topology: { audit_logs: expect.any(Array) } });
	});

	it('Get Many sends workflow, playbook, data object, status and the date range', async () => {
		await started(2);
		const { items, error } = await runNode({
			parameters: {
				resource: 'workflowInstance',
				operation: 'getAll',
				returnAll: true,
				filters: {
					workflowId: BLOCK.id,
					dataobjectId: 'alert-1',
					status: 'RUNNING',
					playbookId: '',
					fromDate: '2020-01-01T00:00:00Z',
					toDate: '2100-01-01T00:00:00+08:00',
				},
			},
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].pathname).toBe(`${WS_PATH}/soc/workflows/instances`);
		expect(simulator.requests[0].query).toEqual({
			offset: '0',
			limit: '100',
			workflow_id: BLOCK.id,
			dataobject_id: 'alert-1',
			status: 'RUNNING',
			from_date: '2020-01-01T00:00:00.000Z+0000',
			to_date: '2099-12-31T16:00:00.000Z+0000',
		});
		expect(items!.map((item) => item.json.dataobject_id)).toEqual(['alert-1']);
	});

	it('Operate terminates a running instance with the SDK\'s command, one output item per input item', async () => {
		const ids = await started(2);
		const { items, error } = await runNode({
			parameters: { resource: 'workflowInstance', operation: 'operate', workflowInstanceId: '={{ $json.id }}', operationType: 'TERMINATE' },
			items: ids.map((id) => ({ id })),
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests.map((request) => [request.method, request.path, request.body])).toEqual(
			ids.map((id) => ['PUT', `${WS_PATH}/soc/workflows/instances/${id}`, '{"command_type":"ActionInstanceTerminateCommand"}']),
		);
		expect(items!.map((item) => [item.json.success, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
		expect(instances().map((instance) => instance.status)).toEqual(['TERMINATING', 'TERMINATING']);
	});

	it('Operate: a bad middle item stops the node before anything is sent; continue-on-fail pairs its error', async () => {
		const ids = await started(2);
		const parameters = { resource: 'workflowInstance', operation: 'operate', workflowInstanceId: '={{ $json.id }}', operationType: '={{ $json.op }}' };
		const items = [{ id: ids[0], op: 'TERMINATE' }, { id: ids[1], op: 'RESTART' }, { id: 'a/b', op: 'TERMINATE' }];
		const stop = await runNode({ parameters, items, credentials: credentialsFor(simulator) });
		expect(stop.error!.message).toBe('Operation Type must be one of RETRY, TERMINATE; got "RESTART" [item 1]');
		expect(simulator.requests).toHaveLength(0);
		const go = await runNode({ parameters, items, credentials: credentialsFor(simulator), continueOnFail: true });
		expect(go.items!.map((item) => [item.error?.message ?? item.json.success, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			['Operation Type must be one of RETRY, TERMINATE; got "RESTART" [item 1]', { item: 1 }],
			['Workflow Instance ID "a/b" is not an ID: it contains "/" [item 2]', { item: 2 }],
		]);
		expect(routes()).toEqual(['PUT operateWorkflowInstance']);
	});

	it('Operate: after a 502, checks the instance and sends the retry again only because it did nothing', async () => {
		control.queueWorkflowOutcome(BLOCK.id, { result: 'FAILED', afterMs: 0 });
		const [id] = await started();
		simulator.injectFault({ route: 'operateWorkflowInstance', status: 502 });
		const { items, error } = await runNode({
			parameters: { resource: 'workflowInstance', operation: 'operate', workflowInstanceId: id, operationType: 'RETRY' },
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['PUT operateWorkflowInstance', 'GET getWorkflowInstance', 'PUT operateWorkflowInstance']);
		expect(items![0].json.success).toBe(true);
		expect(instances()[0]).toMatchObject({ status: 'RETRYING', retry_count: 1 });
	}, 20000);

	it('Operate: after a timeout on a retry SecMaster carried out, does not send it again', async () => {
		control.queueWorkflowOutcome(BLOCK.id, { result: 'FAILED', afterMs: 0 });
		const [id] = await started();
		simulator.injectFault({ route: 'operateWorkflowInstance', kind: 'slow', delayMs: 500 });
		const { items, error } = await runNode({
			parameters: { resource: 'workflowInstance', operation: 'operate', workflowInstanceId: id, operationType: 'RETRY', requestOptions: { timeout: 200 } },
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(routes()).toEqual(['PUT operateWorkflowInstance', 'GET getWorkflowInstance']);
		expect(items![0].json).toMatchObject({ id, status: 'RETRYING' });
		expect(instances()[0].retry_count).toBe(1);
	}, 20000);
});
