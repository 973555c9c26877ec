import type { IDataObject } from 'n8n-workflow';

import { listSearch, loaded, NODE_TYPE, runNode } from '../helpers/engine';
import { SEED_EVENT_FORM } from '../helpers/forms';
import {
	credentialsFor,
	instanceWith,
	OTHER_WORKSPACE_ID,
	PROJECT_ID,
	useSimulator,
	versionWith,
	WS_PATH,
} from '../helpers/simulator';

const simulator = useSimulator();

const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('version 2: resource locators', () => {
	it('is the default version; version 1 stays available', () => {
		const { description } = loaded.nodes[NODE_TYPE] as unknown as { description: IDataObject };
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('operates an instance picked from a list, in a workspace picked from a list', async () => {
		const failed = instanceWith('FAILED', OTHER_WORKSPACE_ID);
		const { items, error } = await runNode({
			typeVersion: 2,
			parameters: {
				resource: 'playbookInstance',
				operation: 'operate',
				instanceId: fromList(failed.id),
				operationType: 'RETRY',
				options: { workspaceId: fromList(OTHER_WORKSPACE_ID) },
			},
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].path).toBe(
			`/v1/${PROJECT_ID}/workspaces/${OTHER_WORKSPACE_ID}/soc/playbooks/instances/${failed.id}/operation`,
		);
		expect(items![0].json.status).toBe('RETRYING');
	});

	it('updates a rule given by ID, putting the seed body on the wire', async () => {
		const version = versionWith('EVENT');
		const { error } = await runNode({
			typeVersion: 2,
			parameters: {
				resource: 'playbookRule',
				operation: 'update',
				versionId: byId(version.id),
				ruleId: fromList(version.rule_id),
				...SEED_EVENT_FORM,
			},
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/playbooks/versions/${version.id}/rules/${version.rule_id}`);
	});

	it('a version-1 workflow (plain text IDs) still runs unchanged', async () => {
		const failed = instanceWith('FAILED');
		const { items, error } = await runNode({
			typeVersion: 1,
			parameters: { resource: 'playbookInstance', operation: 'operate', instanceId: failed.id, operationType: 'RETRY' },
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		expect(items![0].json.status).toBe('RETRYING');
	});
});

describe('list search', () => {
	const credentials = () => credentialsFor(simulator);

	it('lists the workspaces by name', async () => {
		const { results } = await listSearch('searchWorkspaces', { parameters: {}, credentials: credentials(), filter: 'stag' });
		expect(results).toEqual([{ name: 'SOC-Staging', value: OTHER_WORKSPACE_ID }]);
	});

	it('lists playbooks by name, with SecMaster doing the search', async () => {
		const { results } = await listSearch('searchPlaybooks', { parameters: {}, credentials: credentials(), filter: 'Ransomware' });
		expect(results).toEqual([{ name: 'Ransomware containment', value: expect.any(String) }]);
		expect(simulator.requests.at(-1)!.query).toMatchObject({ search_txt: 'Ransomware', offset: '0', limit: '50' });
	});

	it('lists the versions of the chosen playbook, with trigger type and status', async () => {
		const version = versionWith('EVENT');
		const { results } = await listSearch('searchVersions', {
			parameters: { resource: 'playbookVersion', operation: 'getAll', playbookId: fromList(String(version.playbook_id)) },
			credentials: credentials(),
		});
		expect(results).toEqual(expect.arrayContaining([{ name: expect.stringMatching(/^v\d.* · EVENT · PUBLISHED$/), value: version.id }]));
	});

	it('lists the active versions of all playbooks when no playbook is chosen', async () => {
		const { results } = await listSearch('searchVersions', { parameters: {}, credentials: credentials() });
		expect(results.length).toBeGreaterThan(1);
		expect(results[0].name).toMatch(/ v\d/);
	});

	it('lists instances with their status', async () => {
		const failed = instanceWith('FAILED');
		const { results } = await listSearch('searchInstances', { parameters: {}, credentials: credentials(), filter: failed.name as string });
		expect(results).toEqual([{ name: `${failed.name as string} · ${failed.status}`, value: failed.id }]);
	});

	it('lists the rule of the chosen version', async () => {
		const version = versionWith('TIMER');
		const { results } = await listSearch('searchRules', {
			parameters: { resource: 'playbookRule', operation: 'update', versionId: byId(version.id) },
			credentials: credentials(),
		});
		expect(results).toEqual([{ name: `Version ${version.id} · TIMER rule`, value: version.rule_id }]);
	});

	it('reports SecMaster\'s error when the credential is wrong', async () => {
		await expect(
			listSearch('searchPlaybooks', { parameters: {}, credentials: credentialsFor(simulator, { workspaceId: 'nope' }) }),
		).rejects.toThrow(/SecMaster\.20010001/);
		// The credential's workspace is what the search asked for, and SecMaster's refusal is what came back.
		expect(simulator.requests.map((request) => request.pathname)).toEqual([`/v1/${PROJECT_ID}/workspaces/nope/soc/playbooks`]);
	});
});
