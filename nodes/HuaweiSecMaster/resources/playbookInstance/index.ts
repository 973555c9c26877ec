import type { INodeProperties } from 'n8n-workflow';

import { throwOnApiError } from '../../shared/errors';
import { offsetPagination, returnAllAndLimit } from '../../shared/pagination';
import { instanceFilters } from '../../shared/preSend';
import { recordsFrom } from '../../shared/records';
import { resolveWorkspaceUrl } from '../../shared/transport';
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
				routing: {
					request: { method: 'GET', url: '/soc/playbooks/instances/{instanceId}' },
					send: { preSend: [resolveWorkspaceUrl] },
					output: { postReceive: [throwOnApiError] },
				},
			},
			{
				name: 'Get Audit Logs',
				value: 'getAuditLogs',
				action: 'Get the audit logs of a playbook instance',
				description: 'Get what each action of a playbook instance did',
				routing: {
					request: { method: 'POST', url: '/soc/playbooks/instances/auditlogs' },
					send: { preSend: [resolveWorkspaceUrl, auditLogFilter], paginate: true },
					operations: { pagination: offsetPagination('qs') },
					output: { postReceive: [throwOnApiError, recordsFrom('audit_logs')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many playbook instances',
				description: 'List playbook instances, for example the FAILED runs of a playbook since yesterday',
				routing: {
					request: { method: 'GET', url: '/soc/playbooks/instances' },
					send: { preSend: [resolveWorkspaceUrl, instanceFilters], paginate: true },
					operations: { pagination: offsetPagination('qs') },
					output: { postReceive: [throwOnApiError, recordsFrom('instances')] },
				},
			},
			{
				name: 'Operate Instance',
				value: 'operate',
				action: 'Retry or terminate a playbook instance',
				description: 'Retry a failed playbook instance or terminate a running one',
				routing: {
					request: {
						method: 'POST',
						url: '/soc/playbooks/instances/{instanceId}/operation',
					},
					send: { preSend: [resolveWorkspaceUrl] },
					output: { postReceive: [throwOnApiError] },
				},
			},
		],
		default: 'operate',
	},
	...operateDescription,
	...getAllDescription,
	...returnAllAndLimit({ resource: ['playbookInstance'], operation: ['getAuditLogs'] }),
];
