import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idParameter, returnAllAndLimit } from '../../parameters/fields';
import { oneOf } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['playbookVersion'], operation: ['getAll'] };

const VERSION_STATUSES = [
	{ name: 'Approving', value: 'APPROVING' },
	{ name: 'Editing', value: 'EDITING' },
	{ name: 'Published', value: 'PUBLISHED' },
	{ name: 'Unpassed', value: 'UNPASSED' },
];
const VERSION_TYPES = [
	{ name: 'Draft', value: 0 },
	{ name: 'Formal', value: 1 },
];
const valuesOf = (options: Array<{ value: string | number }>) => options.map((option) => option.value);

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many playbook versions',
	description: 'List the versions of a playbook',
	routing: listRequest('GET', '/soc/playbooks/{playbookId}/versions', 'data'),
};

export const fields: INodeProperties[] = [
	...idParameter('playbookId', 'Playbook', show, 'The playbook whose versions to list', 'searchPlaybooks'),
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
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether to list only enabled (or only disabled) versions',
				routing: { send: { type: 'query', property: 'enabled', value: '={{ $value ? 1 : 0 }}' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'PUBLISHED',
				options: VERSION_STATUSES,
				routing: {
					send: {
						type: 'query',
						property: 'status',
						preSend: [oneOf('filters.status', 'Status', valuesOf(VERSION_STATUSES))],
					},
				},
			},
			{
				displayName: 'Version Type',
				name: 'versionType',
				type: 'options',
				default: 1,
				options: VERSION_TYPES,
				routing: {
					send: {
						type: 'query',
						property: 'version_type',
						preSend: [oneOf('filters.versionType', 'Version Type', valuesOf(VERSION_TYPES))],
					},
				},
			},
		],
	},
];
