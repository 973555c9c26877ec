import type { INodeProperties } from 'n8n-workflow';

import { throwOnApiError } from '../../shared/errors';
import { offsetPagination, returnAllAndLimit } from '../../shared/pagination';
import { recordsFrom } from '../../shared/records';
import { resolveProjectUrl } from '../../shared/transport';

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
				routing: {
					request: { method: 'GET', url: '/workspaces' },
					send: { preSend: [resolveProjectUrl], paginate: true },
					operations: { pagination: offsetPagination('qs') },
					output: { postReceive: [throwOnApiError, recordsFrom('workspaces')] },
				},
			},
		],
		default: 'getAll',
	},
	...returnAllAndLimit({ resource: ['workspace'], operation: ['getAll'] }),
];
