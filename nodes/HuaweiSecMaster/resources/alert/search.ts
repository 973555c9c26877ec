import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifyDataObject } from '../../domain/records';
import { alertConditionsField, searchFiltersField } from '../../parameters/alertFields';
import { returnAllAndLimit, simplifyOption } from '../../parameters/fields';
import { dataObjectFilters } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['alert'], operation: ['search'] };

export const option: INodePropertyOptions = {
	name: 'Search',
	value: 'search',
	action: 'Search alerts',
	description: 'Search the alerts of the workspace',
	routing: listRequest('POST', '/soc/alerts/search', 'data', {
		preSend: [dataObjectFilters],
		pageIn: 'body',
		simplifyRecord: simplifyDataObject,
	}),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(show),
	searchFiltersField(show, alertConditionsField),
	simplifyOption(show),
];
