import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { listRequest } from '../../transport/routing';

export const workspaceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many workspaces',
				description: 'List the SecMaster workspaces of the project',
				routing: listRequest('GET', '/workspaces', 'workspaces', { scope: 'project' }),
			},
		],
		default: 'getAll',
	},
	...returnAllAndLimit({ resource: ['workspace'], operation: ['getAll'] }),
];
