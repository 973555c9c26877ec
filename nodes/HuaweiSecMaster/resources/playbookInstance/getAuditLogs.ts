import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { listRequest } from '../../transport/routing';
import { auditLogFilter } from './validate';

const show = { resource: ['playbookInstance'], operation: ['getAuditLogs'] };

export const option: INodePropertyOptions = {
	name: 'Get Audit Logs',
	value: 'getAuditLogs',
	action: 'Get the audit logs of a playbook instance',
	description: 'Get what each action of a playbook instance did',
	routing: listRequest('POST', '/soc/playbooks/instances/auditlogs', 'audit_logs', {
		preSend: [auditLogFilter],
	}),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Sort By',
				name: 'sortKey',
				type: 'options',
				default: 'start_time',
				options: [
					{ name: 'Start Time', value: 'start_time' },
					{ name: 'End Time', value: 'end_time' },
				],
				description: 'Which time of the log entries to sort by (SecMaster\'s sort_key)',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDir',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				description: 'SecMaster\'s sort_dir',
			},
		],
	},
];
