import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { operationTookEffect } from '../../transport/operationCheck';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { requireChoice, requireId } from '../../parameters/readParameters';
import { workspacePath } from '../../transport/url';

const showOnlyForOperate = {
	operation: ['operate'],
	resource: ['playbookInstance'],
};

export const option: INodePropertyOptions = {
	name: 'Operate Instance',
	value: 'operate',
	action: 'Retry or terminate a playbook instance',
	description: 'Retry a failed playbook instance or terminate a running one',
};

export const fields: INodeProperties[] = [
	{
		displayName: 'Operation Type',
		name: 'operationType',
		type: 'options',
		required: true,
		default: 'RETRY',
		options: [
			{
				name: 'Retry',
				value: 'RETRY',
				description: 'Run a FAILED instance again (at most 100 API retries a day per workspace)',
			},
			{
				name: 'Terminate',
				value: 'TERMINATE',
				description: 'Stop an instance that is running or retrying',
			},
		],
		displayOptions: { show: showOnlyForOperate },
	},
];

interface OperatePlan {
	scope: WorkspaceScope;
	instanceUrl: string;
	operation: string;
}

function check(item: ItemContext, run: OperationRun): OperatePlan {
	const scope = itemScope(item, run.credentials);
	const instanceId = requireId(item, 'instanceId', 'Instance ID');
	// An expression can put any text into an options field; SecMaster knows only these two.
	const operation = requireChoice(item, 'operationType', 'Operation Type', ['RETRY', 'TERMINATE']);
	const instanceUrl = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'playbooks', 'instances', instanceId]);
	return { scope, instanceUrl, operation };
}

/** Retry or terminate one instance; the output is SecMaster's answer. */
async function send(item: ItemContext, run: OperationRun, { scope, instanceUrl, operation }: OperatePlan): Promise<IDataObject> {
	const response = await sendChecked(
		item,
		run,
		'operate',
		{ method: 'POST', baseURL: scope.baseUrl, url: `${instanceUrl}/operation`, body: { operation } },
		operationTookEffect(run, scope.baseUrl, instanceUrl, operation),
	);
	return response.body as IDataObject;
}

export const execute = forEachItem({ check, send });
