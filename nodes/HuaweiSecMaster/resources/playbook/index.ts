import type { INodeProperties } from 'n8n-workflow';

import { idParameter, simplifyOption, returnAllAndLimit } from '../../parameters/fields';
import { unwrapData } from '../../domain/records';
import { listRequest, singleRequest } from '../../transport/routing';

const show = (operation: string) => ({ resource: ['playbook'], operation: [operation] });

export const playbookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['playbook'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a playbook',
				description: 'Get one playbook by ID',
				routing: singleRequest('GET', '/soc/playbooks/{playbookId}', { postReceive: [unwrapData] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many playbooks',
				description: 'List the playbooks of the workspace',
				routing: listRequest('GET', '/soc/playbooks', 'data'),
			},
		],
		default: 'getAll',
	},
	...idParameter('playbookId', 'Playbook', show('get'), 'The playbook', 'searchPlaybooks'),
	simplifyOption(show('get')),
	...returnAllAndLimit(show('getAll')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: show('getAll') },
		options: [
			{
				displayName: 'Data Class Name',
				name: 'dataclassName',
				type: 'string',
				default: '',
				routing: { send: { type: 'query', property: 'dataclass_name' } },
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				routing: { send: { type: 'query', property: 'description' } },
			},
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether to list only enabled (or only disabled) playbooks',
				routing: { send: { type: 'query', property: 'enabled' } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				routing: { send: { type: 'query', property: 'name' } },
			},
			{
				displayName: 'Search Text',
				name: 'searchText',
				type: 'string',
				default: '',
				description: 'Text to find in the name or description',
				routing: { send: { type: 'query', property: 'search_txt' } },
			},
		],
	},
];
