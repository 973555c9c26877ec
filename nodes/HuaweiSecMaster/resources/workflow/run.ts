import {
	type IDataObject,
	type IN8nHttpFullResponse,
	type INodeProperties,
	type INodePropertyOptions,
	NodeOperationError,
} from 'n8n-workflow';

import { dataObjectFromJson, dataObjectFromRecord, type DataObjectRef } from '../../domain/workflowRun';
import { secMasterDate } from '../../domain/searchFilters';
import { InputError, parameterError } from '../../parameters/inputErrors';
import type { ItemContext } from '../../parameters/itemContext';
import { requireChoice, requireId } from '../../parameters/readParameters';
import { isSuccess } from '../../transport/callOptions';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';
import { instanceUrl, waitForEnd } from './waitForRun';

const show = { resource: ['workflow'], operation: ['run'] };
const SOURCES = ['alert', 'incident', 'json', 'none'];
/** How far back a look-up after an unclear failure searches, against clock skew between n8n and SecMaster. */
const LOOKUP_MARGIN_MS = 2 * 60_000;

export const option: INodePropertyOptions = {
	name: 'Run Workflow',
	value: 'run',
	action: 'Run a workflow',
	description: 'Start a workflow on an alert or incident, and optionally wait for its outcome',
};

export const fields: INodeProperties[] = [
	{
		displayName: 'Run On',
		name: 'dataObjectSource',
		type: 'options',
		default: 'alert',
		displayOptions: { show },
		options: [
			{ name: 'Alert', value: 'alert', description: 'An alert, as Get, Search Alerts or the trigger output it' },
			{ name: 'Data Object (JSON)', value: 'json', description: 'A data object given as {content, dataclass: {name}}' },
			{ name: 'Incident', value: 'incident', description: 'An incident, as the node outputs it' },
			{ name: 'Nothing', value: 'none', description: 'Run the workflow without a data object' },
		],
	},
	{
		displayName: 'Alert or Incident',
		name: 'dataObject',
		type: 'json',
		default: '={{ $json }}',
		description: 'The alert or incident the workflow runs on; by default the input item itself',
		displayOptions: { show: { ...show, dataObjectSource: ['alert', 'incident'] } },
	},
	{
		displayName: 'Data Object',
		name: 'dataObjectJson',
		type: 'json',
		default: '{\n  "content": {},\n  "dataclass": { "name": "Alert" }\n}',
		description: 'SecMaster\'s playbook_context.data_object: the content and its data class (name required, ID optional)',
		displayOptions: { show: { ...show, dataObjectSource: ['json'] } },
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the run finishes (its final instance is the output) instead of outputting the new instance at once. A run that fails, is terminated or is still running at the timeout is an error.',
		displayOptions: { show },
	},
	{
		displayName: 'Wait Options',
		name: 'waitOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...show, waitForCompletion: [true] } },
		options: [
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 0.5, numberPrecision: 1 },
				default: 10,
				description: 'How long to wait between two reads of the run',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 900,
				description: 'How long to wait for the run to end before the item fails (the run keeps going in SecMaster)',
			},
		],
	},
];

export interface RunPlan {
	scope: WorkspaceScope;
	workflowId: string;
	body: IDataObject;
	/** The data object's ID, which a look-up after an unclear failure searches by. */
	dataObjectId?: string;
	wait?: { intervalMs: number; timeoutMs: number };
}

function guardedInput<T>(item: ItemContext, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof InputError) throw parameterError(item, error.field, error.message);
		throw new NodeOperationError(item.getNode(), error as Error, { itemIndex: item.getItemIndex() });
	}
}

function dataObjectOf(item: ItemContext, source: string): DataObjectRef | undefined {
	if (source === 'none') return undefined;
	if (source === 'json') {
		const value = item.getNodeParameter('dataObjectJson', undefined);
		return guardedInput(item, () => dataObjectFromJson(value, 'Data Object'));
	}
	const value = item.getNodeParameter('dataObject', undefined);
	return guardedInput(item, () => dataObjectFromRecord(value, source === 'alert' ? 'Alert' : 'Incident', 'Alert or Incident'));
}

function seconds(item: ItemContext, name: string, field: string, fallback: number, min: number): number {
	const value = Number(item.getNodeParameter(`waitOptions.${name}`, fallback));
	if (!Number.isFinite(value) || value < min) throw parameterError(item, field, `${field} must be a number of at least ${min}`);
	return value * 1000;
}

function check(item: ItemContext, run: OperationRun): RunPlan {
	const scope = itemScope(item, run.credentials);
	const workflowId = requireId(item, 'workflowId', 'Workflow');
	const source = requireChoice(item, 'dataObjectSource', 'Run On', SOURCES);
	const dataObject = dataObjectOf(item, source);
	const body: IDataObject = { command_type: 'ActionInstanceRunCommand', action_type: 'workflow', action_id: workflowId };
	if (dataObject) body.playbook_context = { data_object: { ...dataObject } };
	const plan: RunPlan = { scope, workflowId, body, dataObjectId: dataObject?.content.id as string | undefined };
	if (item.getNodeParameter('waitForCompletion', false) === true) {
		plan.wait = {
			intervalMs: seconds(item, 'pollInterval', 'Poll Interval (Seconds)', 10, 0.5),
			timeoutMs: seconds(item, 'timeout', 'Timeout (Seconds)', 900, 1),
		};
	}
	return plan;
}

/**
 * After an unclear failure of the POST: the run of this workflow on this data object that
 * started since just before it, if SecMaster lists one. Without a data object ID another run of
 * the same workflow could be taken for it, so nothing is looked for.
 */
function startedRun(run: OperationRun, { scope, workflowId, dataObjectId }: RunPlan, sentAt: number) {
	return async (): Promise<IN8nHttpFullResponse | undefined> => {
		if (!dataObjectId) return undefined;
		try {
			const response = await run.send({
				method: 'GET',
				baseURL: scope.baseUrl,
				url: workspacePath(scope.projectId, scope.workspaceId, ['soc', 'workflows', 'instances']),
				qs: {
					workflow_id: workflowId,
					dataobject_id: dataObjectId,
					from_date: secMasterDate(new Date(sentAt - LOOKUP_MARGIN_MS).toISOString(), 'From Date'),
					sort_key: 'create_time',
					sort_dir: 'DESC',
					offset: 0,
					limit: 10,
				},
			});
			const instances = isSuccess(response) ? (response.body as IDataObject).instances : undefined;
			return Array.isArray(instances) && instances.length ? response : undefined;
		} catch {
			return undefined;
		}
	};
}

function startedId(item: ItemContext, response: IN8nHttpFullResponse): string {
	const body = response.body as IDataObject;
	const listed = Array.isArray(body.instances) ? (body.instances as IDataObject[])[0]?.id : undefined;
	const id = body.action_instance_id ?? listed;
	if (typeof id !== 'string' || !id) {
		throw new NodeOperationError(item.getNode(), `SecMaster started the workflow but named no instance [item ${item.getItemIndex()}]`, {
			itemIndex: item.getItemIndex(),
			description: `Its answer: ${JSON.stringify(body).slice(0, 500)}`,
		});
	}
	return id;
}

/** Starts the run (never twice, see startedRun), then outputs its instance, at once or once it ended. */
async function send(item: ItemContext, run: OperationRun, plan: RunPlan): Promise<IDataObject> {
	const { scope, workflowId, body } = plan;
	const sentAt = Date.now();
	const started = await sendChecked(
		item,
		run,
		'create',
		{
			method: 'POST',
			baseURL: scope.baseUrl,
			url: workspacePath(scope.projectId, scope.workspaceId, ['soc', 'workflows', workflowId, 'instances']),
			// As Huawei's Terraform provider sends it: SecMaster's error texts in English.
			headers: { 'X-Language': 'en-us' },
			body,
		},
		startedRun(run, plan, sentAt),
	);
	const instanceId = startedId(item, started);
	if (!plan.wait) {
		const response = await sendChecked(item, run, 'read', { method: 'GET', baseURL: scope.baseUrl, url: instanceUrl(scope, instanceId) });
		return response.body as IDataObject;
	}
	return await waitForEnd(item, run, scope, instanceId, plan.wait);
}

export const execute = forEachItem({ check, send });
