import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { listRequest } from '../../transport/routing';

const show = { resource: ['playbook'], operation: ['getAll'] };

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many playbooks',
	description: 'List the playbooks of the workspace',
	routing: listRequest('GET', '/soc/playbooks', 'data'),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
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
