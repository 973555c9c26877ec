import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { singleRequest } from '../../transport/routing';

// Its Workflow Instance ID field is shared: instanceId.ts. SecMaster answers the instance itself.
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a workflow instance',
	description: 'Get one workflow instance (a run of a workflow) by ID',
	routing: singleRequest('GET', '/soc/workflows/instances/{workflowInstanceId}'),
};

export const fields: INodeProperties[] = [
	{
		displayName: 'Include Topology',
		name: 'showTopology',
		type: 'boolean',
		default: false,
		description: 'Whether to include the run\'s actions with their status and error text (topology.audit_logs)',
		displayOptions: { show: { resource: ['workflowInstance'], operation: ['get'] } },
		routing: { send: { type: 'query', property: 'show_topology', value: '={{ $value ? "true" : undefined }}' } },
	},
];
