import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifyAlert } from '../../domain/records';
import { alertConditionsField, alertHandleStatusField, alertSeverityField } from '../../parameters/alertFields';
import { returnAllAndLimit, simplifyOption } from '../../parameters/fields';
import { alertFilters } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['alert'], operation: ['search'] };

export const option: INodePropertyOptions = {
	name: 'Search',
	value: 'search',
	action: 'Search alerts',
	description: 'Search the alerts of the workspace',
	routing: listRequest('POST', '/soc/alerts/search', 'data', {
		preSend: [alertFilters],
		pageIn: 'body',
		simplifyRecord: simplifyAlert,
	}),
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
			alertConditionsField,
			{ displayName: 'From Date', name: 'fromDate', type: 'dateTime', default: '' },
			alertHandleStatusField,
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				default: 'DESC',
				options: [
					{ name: 'Newest First', value: 'DESC' },
					{ name: 'Oldest First', value: 'ASC' },
				],
			},
			alertSeverityField,
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'create_time',
				options: [
					{ name: 'Create Time', value: 'create_time' },
					{ name: 'Update Time', value: 'update_time' },
				],
			},
			{ displayName: 'To Date', name: 'toDate', type: 'dateTime', default: '' },
		],
	},
	simplifyOption(show),
];
