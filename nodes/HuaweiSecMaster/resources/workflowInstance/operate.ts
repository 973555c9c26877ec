import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { requireChoice, requireId } from '../../parameters/readParameters';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';
import { operationTookEffect } from '../../transport/operationCheck';

/** UpdateWorkflowInstance's command_type (aop_instance_update_data_pojo.py) for each Operation Type. */
const COMMANDS: Record<string, string> = {
	RETRY: 'ActionInstanceRetryCommand',
	TERMINATE: 'ActionInstanceTerminateCommand',
};

export const option: INodePropertyOptions = {
	name: 'Operate',
	value: 'operate',
	action: 'Retry or terminate a workflow instance',
	description: 'Retry a failed workflow run or terminate a running one',
};

export const fields: INodeProperties[] = [
	{
		displayName: 'Operation Type',
		name: 'operationType',
		type: 'options',
		required: true,
		default: 'RETRY',
		options: [
			{ name: 'Retry', value: 'RETRY', description: 'Run a FAILED instance again from the action it failed at' },
			{ name: 'Terminate', value: 'TERMINATE', description: 'Stop an instance that is running or retrying' },
		],
		displayOptions: { show: { resource: ['workflowInstance'], operation: ['operate'] } },
	},
];

interface OperatePlan {
	scope: WorkspaceScope;
	url: string;
	operation: string;
}

function check(item: ItemContext, run: OperationRun): OperatePlan {
	const scope = itemScope(item, run.credentials);
	const instanceId = requireId(item, 'workflowInstanceId', 'Workflow Instance ID');
	const operation = requireChoice(item, 'operationType', 'Operation Type', Object.keys(COMMANDS));
	const url = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'workflows', 'instances', instanceId]);
	return { scope, url, operation };
}

/** As Operate Instance of playbooks: after an unclear failure, sent again only if the first attempt did nothing. */
async function send(item: ItemContext, run: OperationRun, { scope, url, operation }: OperatePlan): Promise<IDataObject> {
	const response = await sendChecked(
		item,
		run,
		'operate',
		{ method: 'PUT', baseURL: scope.baseUrl, url, body: { command_type: COMMANDS[operation] } },
		operationTookEffect(run, scope.baseUrl, url, operation),
	);
	return response.body as IDataObject;
}

export const execute = forEachItem({ check, send });
