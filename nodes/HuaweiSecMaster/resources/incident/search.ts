import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifyDataObject } from '../../domain/records';
import { incidentConditionsField, searchFiltersField } from '../../parameters/alertFields';
import { returnAllAndLimit, simplifyOption } from '../../parameters/fields';
import { dataObjectFilters } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['incident'], operation: ['search'] };

export const option: INodePropertyOptions = {
	name: 'Search',
	value: 'search',
	action: 'Search incidents',
	description: 'Search the incidents of the workspace',
	routing: listRequest('POST', '/soc/incidents/search', 'data', {
		preSend: [dataObjectFilters],
		pageIn: 'body',
		simplifyRecord: simplifyDataObject,
	}),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(show),
	searchFiltersField(show, incidentConditionsField),
	simplifyOption(show),
];
