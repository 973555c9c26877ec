import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WORKFLOW_INSTANCE_STATUSES, workflowInstanceQuery } from '../../domain/workflowInstanceFilters';
import { returnAllAndLimit } from '../../parameters/fields';
import { guarded } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['workflowInstance'], operation: ['getAll'] };

async function filtersToQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as Record<string, string>;
	requestOptions.qs = { ...(requestOptions.qs ?? {}), ...guarded(this, () => workflowInstanceQuery(filters)) };
	return requestOptions;
}

const title = (status: string) => status[0] + status.slice(1).toLowerCase();

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many workflow instances',
	description: 'List workflow runs, for example the FAILED runs of a workflow on one alert',
	routing: listRequest('GET', '/soc/workflows/instances', 'instances', { preSend: [filtersToQuery] }),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Data Object ID',
				name: 'dataobjectId',
				type: 'string',
				default: '',
				description: 'The alert or incident the runs were on',
			},
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Runs started at or after this time',
			},
			{
				displayName: 'Playbook ID',
				name: 'playbookId',
				type: 'string',
				default: '',
				description: 'Runs started by this playbook',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'FAILED',
				options: WORKFLOW_INSTANCE_STATUSES.map((status) => ({ name: title(status), value: status })),
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Runs started at or before this time',
			},
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'string',
				default: '',
				description: 'Runs of this workflow',
			},
		],
	},
];
