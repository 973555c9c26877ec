import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { instanceFilters } from '../../parameters/validators';
import { listRequest, singleRequest } from '../../transport/routing';
import { getAllDescription } from './getAll';
import { operateDescription } from './operate';
import { auditLogFilter } from './validate';

const showOnlyForPlaybookInstances = {
	resource: ['playbookInstance'],
};

export const playbookInstanceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPlaybookInstances },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a playbook instance',
				description: 'Get one playbook instance by ID',
				routing: singleRequest('GET', '/soc/playbooks/instances/{instanceId}'),
			},
			{
				name: 'Get Audit Logs',
				value: 'getAuditLogs',
				action: 'Get the audit logs of a playbook instance',
				description: 'Get what each action of a playbook instance did',
				routing: listRequest('POST', '/soc/playbooks/instances/auditlogs', 'audit_logs', {
					preSend: [auditLogFilter],
				}),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many playbook instances',
				description: 'List playbook instances, for example the FAILED runs of a playbook since yesterday',
				routing: listRequest('GET', '/soc/playbooks/instances', 'instances', { preSend: [instanceFilters] }),
			},
			{
				name: 'Operate Instance',
				value: 'operate',
				action: 'Retry or terminate a playbook instance',
				description: 'Retry a failed playbook instance or terminate a running one',
				// Sent by the custom operation executeOperate, not by routing.
			},
		],
		default: 'operate',
	},
	...operateDescription,
	...getAllDescription,
	...returnAllAndLimit({ resource: ['playbookInstance'], operation: ['getAuditLogs'] }),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		displayOptions: { show: { resource: ['playbookInstance'], operation: ['getAuditLogs'] } },
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
