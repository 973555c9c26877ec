import type { INodeProperties } from 'n8n-workflow';

import { versionedId } from '../../parameters/locators';

const showOnlyForOperate = {
	operation: ['operate'],
	resource: ['playbookInstance'],
};

const showForOneInstance = {
	operation: ['operate', 'get', 'getAuditLogs'],
	resource: ['playbookInstance'],
};

export const operateDescription: INodeProperties[] = [
	...versionedId(
		{
			displayName: 'Instance ID',
			name: 'instanceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '909494e3-558e-46b6-a9eb-07a8e18ca62f',
			description: 'The ID of the playbook instance (one run of a playbook)',
			displayOptions: { show: showForOneInstance },
		},
		'searchInstances',
	),
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
