import type { INodeProperties } from 'n8n-workflow';

import { versionedId } from '../../parameters/locators';

/** The workflow that Get, Get Versions and Run Workflow act on. */
export const workflowIdFields: INodeProperties[] = versionedId(
	{
		displayName: 'Workflow',
		name: 'workflowId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'a1b2c3d4-0001-4000-8000-00000000f001',
		description: 'The SecMaster workflow (AOP workflow)',
		displayOptions: { show: { resource: ['workflow'], operation: ['get', 'getVersions', 'run'] } },
	},
	'searchWorkflows',
);
