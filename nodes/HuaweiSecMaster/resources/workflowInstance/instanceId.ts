import type { INodeProperties } from 'n8n-workflow';

import { versionedId } from '../../parameters/locators';

/** The workflow instance that Get and Operate act on. */
export const workflowInstanceIdFields: INodeProperties[] = versionedId(
	{
		displayName: 'Workflow Instance ID',
		name: 'workflowInstanceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6e1f0a2b-9c3d-4e5f-8a7b-1c2d3e4f5a6b',
		description: 'The ID of the workflow instance (one run of a workflow)',
		displayOptions: { show: { resource: ['workflowInstance'], operation: ['get', 'operate'] } },
	},
	'searchWorkflowInstances',
);
