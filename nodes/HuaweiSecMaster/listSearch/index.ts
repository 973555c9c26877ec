import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchAlerts, searchIncidents } from './dataObjects';
import { searchIndicators } from './indicators';
import { currentValue, lookup, nextToken, PAGE, records } from './lookup';

function matches(text: unknown, filter?: string): boolean {
	return !filter || String(text ?? '').toLowerCase().includes(filter.toLowerCase());
}

async function searchWorkspaces(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const body = await lookup(this, [], { offset: 0, limit: 1000 }, 'project');
	return {
		results: records(body, 'workspaces')
			.filter((workspace) => matches(workspace.name, filter))
			.map((workspace) => ({ name: String(workspace.name ?? workspace.id), value: String(workspace.id) })),
	};
}

async function playbookPage(context: ILoadOptionsFunctions, filter?: string, token?: string) {
	const offset = Number(token ?? 0);
	const qs: IDataObject = { offset, limit: PAGE };
	if (filter) qs.search_txt = filter;
	const playbooks = records(await lookup(context, ['soc', 'playbooks'], qs), 'data');
	return { playbooks, paginationToken: nextToken(offset, playbooks.length) };
}

async function searchPlaybooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { playbooks, paginationToken: next } = await playbookPage(this, filter, paginationToken);
	return {
		results: playbooks.map((playbook) => ({
			name: `${String(playbook.name)}${playbook.enabled === false ? ' (disabled)' : ''}`,
			value: String(playbook.id),
		})),
		paginationToken: next,
	};
}

/** The versions of the chosen playbook; without one, the active version of each playbook. */
async function searchVersions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const playbookId = currentValue(this, 'playbookId');
	if (playbookId) {
		const versions = records(await lookup(this, ['soc', 'playbooks', playbookId, 'versions'], { offset: 0, limit: 1000 }), 'data');
		return {
			results: versions
				.filter((version) => matches(version.version, filter))
				.map((version) => ({
					name: `${String(version.version)} · ${String(version.trigger_type ?? '')} · ${String(version.status ?? '')}`,
					value: String(version.id),
				})),
		};
	}
	const { playbooks, paginationToken: next } = await playbookPage(this, filter, paginationToken);
	return {
		results: playbooks
			.filter((playbook) => playbook.version_id)
			.map((playbook) => ({ name: `${String(playbook.name)} ${String(playbook.version ?? '')}`, value: String(playbook.version_id) })),
		paginationToken: next,
	};
}

async function searchInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const qs: IDataObject = { offset, limit: PAGE };
	if (filter) qs.name = filter;
	const instances = records(await lookup(this, ['soc', 'playbooks', 'instances'], qs), 'instances');
	return {
		results: instances.map((instance) => ({
			name: `${String(instance.name)} · ${String(instance.status)}`,
			value: String(instance.id),
		})),
		paginationToken: nextToken(offset, instances.length),
	};
}

/** The rule of the chosen version; without one, the rules of the playbooks' active versions. */
async function searchRules(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const versionId = currentValue(this, 'versionId');
	const versionRule = async (id: string, label: string) => {
		const version = ((await lookup(this, ['soc', 'playbooks', 'versions', id], {})).data ?? {}) as IDataObject;
		return version.rule_id
			? [{ name: `${label} · ${String(version.trigger_type ?? '')} rule`, value: String(version.rule_id) }]
			: [];
	};
	if (versionId) return { results: await versionRule(versionId, `Version ${versionId}`) };
	const { playbooks, paginationToken: next } = await playbookPage(this, filter, paginationToken);
	const results = [];
	for (const playbook of playbooks.filter((candidate) => candidate.version_id)) {
		results.push(...(await versionRule(String(playbook.version_id), `${String(playbook.name)} ${String(playbook.version ?? '')}`)));
	}
	return { results, paginationToken: next };
}

/** Workflows by name, newest first. */
async function searchWorkflows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const qs: IDataObject = { offset, limit: PAGE, sortby: 'create_time', order: 'DESC' };
	if (filter) qs.name = filter;
	const workflows = records(await lookup(this, ['soc', 'workflows'], qs), 'data');
	return {
		results: workflows.map((workflow) => ({
			name: `${String(workflow.name)}${workflow.enabled === false ? ' (disabled)' : ''}`,
			value: String(workflow.id),
		})),
		paginationToken: nextToken(offset, workflows.length),
	};
}

/** Workflow runs by name, newest first. */
async function searchWorkflowInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const qs: IDataObject = { offset, limit: PAGE, sort_key: 'create_time', sort_dir: 'DESC' };
	if (filter) qs.name = filter;
	const instances = records(await lookup(this, ['soc', 'workflows', 'instances'], qs), 'instances');
	return {
		results: instances.map((instance) => ({ name: `${String(instance.name)} · ${String(instance.status)}`, value: String(instance.id) })),
		paginationToken: nextToken(offset, instances.length),
	};
}

export const listSearch = {
	searchWorkspaces,
	searchPlaybooks,
	searchVersions,
	searchInstances,
	searchRules,
	searchAlerts,
	searchIncidents,
	searchIndicators,
	searchWorkflows,
	searchWorkflowInstances,
};
