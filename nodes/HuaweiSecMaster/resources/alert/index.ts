import type { INodeProperties } from 'n8n-workflow';

import { alertConditionsField, alertHandleStatusField, alertSeverityField } from '../../parameters/alertFields';
import { idParameter, simplifyOption, returnAllAndLimit } from '../../parameters/fields';
import { alertFilters } from '../../parameters/validators';
import { simplifyAlert, unwrapData } from '../../domain/records';
import { listRequest, singleRequest } from '../../transport/routing';

const show = (operation: string) => ({ resource: ['alert'], operation: [operation] });

export const alertDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an alert',
				description: 'Get one alert by ID',
				routing: singleRequest('GET', '/soc/alerts/{alertId}', { postReceive: [unwrapData] }),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search alerts',
				description: 'Search the alerts of the workspace',
				routing: listRequest('POST', '/soc/alerts/search', 'data', {
					preSend: [alertFilters],
					pageIn: 'body',
					simplifyRecord: simplifyAlert,
				}),
			},
		],
		default: 'search',
	},
	...idParameter('alertId', 'Alert ID', show('get'), 'The ID of the alert'),
	simplifyOption({ resource: ['alert'], operation: ['get', 'search'] }),
	...returnAllAndLimit(show('search')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: show('search') },
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
];
