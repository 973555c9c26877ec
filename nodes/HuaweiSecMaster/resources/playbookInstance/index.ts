import type { INodeProperties } from 'n8n-workflow';

import { throwOnApiError } from '../../shared/errors';
import { resolveWorkspaceUrl } from '../../shared/transport';
import { operateDescription } from './operate';

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
];
