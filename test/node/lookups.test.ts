import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../helpers/engine';
import { SEED_EVENT_FORM, TIMER_FORM } from '../helpers/forms';
import { credentialsFor, instanceWith, PROJECT_ID, useSimulator, versionWith, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

const run = (parameters: IDataObject, items?: IDataObject[]) =>
	runNode({ parameters, items, credentials: credentialsFor(simulator) });

function requestsTo(route: string) {
	return simulator.requests.filter((request) => request.route === route);
}

describe('Playbook Instance › Get and Get Many', () => {
	it('gets one instance', async () => {
		const failed = instanceWith('FAILED');
		const { items, error } = await run({ resource: 'playbookInstance', operation: 'get', instanceId: failed.id });
		expect(error).toBeUndefined();
		expect(simulator.requests[0]).toMatchObject({ method: 'GET', path: `${WS_PATH}/soc/playbooks/instances/${failed.id}` });
		expect(items![0].json).toMatchObject({ id: failed.id, name: failed.name });
	});

	it('lists FAILED instances of a playbook since a date: one item per record, filters on the wire', async () => {
		const { items, error } = await run({
			resource: 'playbookInstance',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'FAILED', playbookName: 'Auto-block', fromDate: '2026-11-01T00:00:00Z', dateType: 'START' },
		});
		expect(error).toBeUndefined();
		const [request] = requestsTo('listInstances');
		expect(request.query).toMatchObject({
			status: 'FAILED',
			playbook_name: 'Auto-block',
			from_date: '2026-11-01T00:00:00.000Z+0000',
			date_type: 'START',
			offset: '0',
			limit: '100',
		});
		expect(items!.length).toBeGreaterThan(0);
		for (const item of items!) {
			expect(String(item.json.status).toUpperCase()).toBe('FAILED');
			expect((item.json.playbook as IDataObject).name).toContain('Auto-block');
		}
	});

	it('refuses a To Date before the From Date before any request', async () => {
		const { error } = await run({
			resource: 'playbookInstance',
			operation: 'getAll',
			filters: { fromDate: '2026-11-20T00:00:00Z', toDate: '2026-11-01T00:00:00Z' },
		});
		expect(error!.message).toMatch(/^To Date .* is before From Date .* \[item 0\]$/);
		expect(simulator.requests).toHaveLength(0);
	});

	it('gets the audit logs of one instance', async () => {
		const failed = instanceWith('FAILED');
		const { items, error } = await run({ resource: 'playbookInstance', operation: 'getAuditLogs', instanceId: failed.id, returnAll: true });
		expect(error).toBeUndefined();
		const [request] = requestsTo('listAuditLogs');
		expect(request.method).toBe('POST');
		expect(request.json).toEqual({ instance_id: failed.id });
		expect(request.query).toMatchObject({ offset: '0', limit: '100' });
		expect(items!.length).toBeGreaterThan(0);
		for (const item of items!) expect(item.json.instance_id).toBe(failed.id);
	});

	it.each([
		[{ sortKey: 'end_time', sortDir: 'asc' }, '?sort_key=end_time&sort_dir=asc&offset=0&limit=100', 'end_time', 'ASC'],
		[{ sortKey: 'start_time', sortDir: 'desc' }, '?sort_key=start_time&sort_dir=desc&offset=0&limit=100', 'start_time', 'DESC'],
	])('sorts the audit logs as chosen (%j): sort_key and sort_dir in the query', async (sort, query, key, direction) => {
		const failed = instanceWith('FAILED');
		const { items, error } = await run({ resource: 'playbookInstance', operation: 'getAuditLogs', instanceId: failed.id, returnAll: true, sort });
		expect(error).toBeUndefined();
		const [request] = requestsTo('listAuditLogs');
		expect(request.path).toBe(`${WS_PATH}/soc/playbooks/instances/auditlogs${query}`);
		expect(request.body).toBe(JSON.stringify({ instance_id: failed.id }));
		const times = items!.map((item) => Date.parse(String(item.json[key]).replace(/Z([+-]\d{2})(\d{2})$/, '$1:$2')));
		expect(times.length).toBeGreaterThan(1);
		const sorted = [...times].sort((a, b) => (direction === 'ASC' ? a - b : b - a));
		expect(times).toEqual(sorted);
	});

	it('sends no sort unless one is chosen', async () => {
		const failed = instanceWith('FAILED');
		await run({ resource: 'playbookInstance', operation: 'getAuditLogs', instanceId: failed.id, returnAll: true, sort: {} });
		expect(requestsTo('listAuditLogs')[0].path).toBe(`${WS_PATH}/soc/playbooks/instances/auditlogs?offset=0&limit=100`);
	});
});

describe('Playbook Rule › Get, Create, Delete and the version\'s rule', () => {
	const version = versionWith('EVENT');

	it('gets a rule, parsed', async () => {
		const { items } = await run({ resource: 'playbookRule', operation: 'get', versionId: version.id, ruleId: version.rule_id });
		expect(simulator.requests[0]).toMatchObject({ method: 'GET', path: `${WS_PATH}/soc/playbooks/versions/${version.id}/rules/${version.rule_id}` });
		expect(items![0].json).toMatchObject({ id: version.rule_id, project_id: PROJECT_ID, rule: expect.objectContaining({ logics: expect.any(Array) }) });
	});

	it('returns the raw response when Simplify is off', async () => {
		const { items } = await run({
			resource: 'playbookRule',
			operation: 'get',
			versionId: version.id,
			ruleId: version.rule_id,
			simplify: false,
		});
		expect(items![0].json).toMatchObject({ code: expect.anything(), data: { rule: expect.any(String) } });
	});

	it('updates "the rule of version X" without its rule ID', async () => {
		const { items, error } = await run({ resource: 'playbookRule', operation: 'update', versionId: version.id, useVersionRule: true, ...SEED_EVENT_FORM });
		expect(error).toBeUndefined();
		expect(simulator.requests.map((request) => `${request.method} ${request.route}`)).toEqual(['GET getVersion', 'PUT updateRule']);
		expect(simulator.requests[1].path).toBe(`${WS_PATH}/soc/playbooks/versions/${version.id}/rules/${version.rule_id}`);
		expect(items![0].json.id).toBe(version.rule_id);
	});

	it('deletes a rule and creates a new one for the version', async () => {
		const timer = versionWith('TIMER');
		const deleted = await run({ resource: 'playbookRule', operation: 'delete', versionId: timer.id, ruleId: timer.rule_id });
		expect(deleted.error).toBeUndefined();
		expect(simulator.requests[0].method).toBe('DELETE');

		const created = await run({ resource: 'playbookRule', operation: 'create', versionId: timer.id, ...TIMER_FORM });
		expect(created.error).toBeUndefined();
		expect(simulator.requests[1]).toMatchObject({ method: 'POST', path: `${WS_PATH}/soc/playbooks/versions/${timer.id}/rules` });
		const newRuleId = created.items![0].json.id as string;
		expect(newRuleId).toBeTruthy();
		expect(newRuleId).not.toBe(timer.rule_id);
		expect(created.items![0].json.rule).toMatchObject({ cron: TIMER_FORM.cron });

		const version = await run({ resource: 'playbookVersion', operation: 'get', versionId: timer.id });
		expect(version.items![0].json.rule_id).toBe(newRuleId);
	});
});

describe('Playbook and Playbook Version', () => {
	it('lists playbooks with a search text, and gets one', async () => {
		const list = await run({ resource: 'playbook', operation: 'getAll', returnAll: true, filters: { searchText: 'Ransomware' } });
		expect(list.error).toBeUndefined();
		expect(requestsTo('listPlaybooks')[0].query).toMatchObject({ search_txt: 'Ransomware', offset: '0', limit: '100' });
		expect(list.items).toHaveLength(1);
		const playbook = list.items![0].json;

		const one = await run({ resource: 'playbook', operation: 'get', playbookId: playbook.id as string });
		expect(one.items![0].json).toMatchObject({ id: playbook.id, name: playbook.name });
	});

	it('lists the enabled versions of a playbook, each with its rule_id', async () => {
		const version = versionWith('EVENT');
		const { items, error } = await run({
			resource: 'playbookVersion',
			operation: 'getAll',
			playbookId: version.playbook_id as string,
			returnAll: true,
			filters: { enabled: true },
		});
		expect(error).toBeUndefined();
		expect(requestsTo('listVersions')[0].path).toContain(`/soc/playbooks/${version.playbook_id}/versions?`);
		expect(requestsTo('listVersions')[0].query).toMatchObject({ enabled: '1' });
		expect(items!.length).toBeGreaterThan(0);
		for (const item of items!) expect(item.json).toHaveProperty('rule_id');
	});
});

describe('Alert', () => {
	it('searches High and Fatal open alerts in SecMaster\'s form: the alert itself per item', async () => {
		const { items, error } = await run({
			resource: 'alert',
			operation: 'search',
			returnAll: true,
			filters: {
				severity: ['High', 'Fatal'],
				handleStatus: ['Open'],
				fromDate: '2026-11-01T08:00:00+08:00',
				toDate: '2026-12-01T00:00:00.5-05:00',
			},
		});
		expect(error).toBeUndefined();
		const [request] = requestsTo('searchAlerts');
		// Huawei's form: "=" and "in" (Terraform provider), lower-case "and" (its live tests),
		// dates in UTC as the SDK documents them (2023-02-20T00:00:00.000Z).
		// The exact bytes, key order included.
		expect(request.body).toBe(JSON.stringify({
			sort_by: 'create_time',
			order: 'DESC',
			from_date: '2026-11-01T00:00:00.000Z',
			to_date: '2026-12-01T05:00:00.500Z',
			condition: {
				conditions: [
					{ name: 'condition_0', data: ['severity', 'in', 'High,Fatal'] },
					{ name: 'condition_1', data: ['handle_status', '=', 'Open'] },
				],
				logics: ['condition_0', 'and', 'condition_1'],
			},
			offset: 0,
			limit: 100,
		}));
		expect(items!.length).toBeGreaterThan(0);
		for (const item of items!) {
			expect(['High', 'Fatal']).toContain(item.json.severity);
			expect(item.json.handle_status).toBe('Open');
			expect(item.json).toHaveProperty('title');
		}

		const one = await run({ resource: 'alert', operation: 'get', alertId: items![0].json.id as string });
		expect(one.error).toBeUndefined();
		expect(one.items![0].json).toHaveProperty('data_object');
	});
});

describe('Alert conditions', () => {
	// n8n evaluates a parameter value starting with '=' as an expression, so the form's
	// Equals is stored as 'equals'; workflows saved earlier hold '==', which n8n hands the node as '='.
	it.each([
		['as the form saves it now', 'equals'],
		['in a workflow saved when Equals was stored as "=="', '=='],
		['from an expression giving the old "=="', '={{ "==" }}'],
		['from an expression giving "="', '={{ "=" }}'],
	])('sends Equals as SecMaster\'s "=" (%s)', async (_case, operator) => {
		const { error } = await run({
			resource: 'alert',
			operation: 'search',
			returnAll: true,
			filters: { conditions: { condition: [{ field: 'alert_type.category', operator, value: 'Brute force' }] } },
		});
		expect(error).toBeUndefined();
		expect(requestsTo('searchAlerts')[0].json!.condition).toEqual({
			conditions: [{ name: 'condition_0', data: ['alert_type.category', '=', 'Brute force'] }],
			logics: ['condition_0'],
		});
	});

	it('sends every other operator as stored, joined by lower-case "and"', async () => {
		const operators = ['!=', '>', '>=', '<', '<=', 'contains', 'in'];
		const { error } = await run({
			resource: 'alert',
			operation: 'search',
			returnAll: true,
			filters: {
				conditions: { condition: operators.map((operator) => ({ field: 'confidence', operator, value: '50' })) },
			},
		});
		expect(error).toBeUndefined();
		expect(requestsTo('searchAlerts')[0].json!.condition).toEqual({
			conditions: operators.map((operator, i) => ({ name: `condition_${i}`, data: ['confidence', operator, '50'] })),
			logics: ['condition_0', 'and', 'condition_1', 'and', 'condition_2', 'and', 'condition_3', 'and', 'condition_4', 'and', 'condition_5', 'and', 'condition_6'],
		});
	});

	it('finds the alerts of one of several values with "in"', async () => {
		const { items, error } = await run({
			resource: 'alert',
			operation: 'search',
			returnAll: true,
			filters: { conditions: { condition: [{ field: 'severity', operator: 'in', value: 'Tips,Low' }] } },
		});
		expect(error).toBeUndefined();
		expect(items!.length).toBeGreaterThan(0);
		for (const item of items!) expect(['Tips', 'Low']).toContain(item.json.severity);
	});
});

describe('Workspace', () => {
	it('lists the workspaces of the project', async () => {
		const { items, error } = await run({ resource: 'workspace', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(simulator.requests[0].path).toBe(`/v1/${PROJECT_ID}/workspaces?offset=0&limit=100`);
		expect(items!.map((item) => item.json.name)).toEqual(expect.arrayContaining(['SOC-Production', 'SOC-Staging']));
	});
});
