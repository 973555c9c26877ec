import type { INodeProperties } from 'n8n-workflow';

import { versionedId } from '../../parameters/locators';

const showForOneInstance = {
	operation: ['operate', 'get', 'getAuditLogs'],
	resource: ['playbookInstance'],
};

/** The instance that Get, Get Audit Logs and Operate Instance act on. */
export const instanceIdFields: INodeProperties[] = [
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
];
