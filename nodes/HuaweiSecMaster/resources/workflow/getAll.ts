import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { oneOf } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['workflow'], operation: ['getAll'] };

/** AopWorkflowInfo.aop_type in Huawei's SDK (list_workflows_request.py). */
export const WORKFLOW_TYPES = [
	{ name: 'Ease', value: 'EASE' },
	{ name: 'Hemostasis', value: 'HEMOSTASIS' },
	{ name: 'Normal', value: 'NORMAL' },
	{ name: 'Survey', value: 'SURVEY' },
];

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many workflows',
	description: 'List the workflows of the workspace',
	routing: listRequest('GET', '/soc/workflows', 'data'),
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
				placeholder: 'Alert',
				description: 'Only workflows that run on this data class',
				routing: { send: { type: 'query', property: 'dataclass_name' } },
			},
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether to list only enabled (or only disabled) workflows',
				routing: { send: { type: 'query', property: 'enabled', value: '={{ $value ? "true" : "false" }}' } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Text the workflow name contains',
				routing: { send: { type: 'query', property: 'name' } },
			},
			{
				displayName: 'Type',
				name: 'aopType',
				type: 'options',
				default: 'NORMAL',
				options: WORKFLOW_TYPES,
				routing: {
					send: {
						type: 'query',
						property: 'aop_type',
						preSend: [oneOf('filters.aopType', 'Type', WORKFLOW_TYPES.map((type) => type.value))],
					},
				},
			},
		],
	},
];
