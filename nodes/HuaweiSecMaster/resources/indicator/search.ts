import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { type IndicatorFilters, indicatorSearchBody, simplifyIndicator } from '../../domain/indicatorBody';
import { alertConditionsField } from '../../parameters/alertFields';
import { returnAllAndLimit, simplifyOption } from '../../parameters/fields';
import { guarded } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';
import { statusOptions, verdictOptions } from './fields';

const show = { resource: ['indicator'], operation: ['search'] };

/** Alert search's Conditions, described for indicators. */
const conditionsField: INodeProperties = JSON.parse(JSON.stringify(alertConditionsField));
conditionsField.description = 'Conditions on indicator fields (name, value, verdict, status, …); all must hold';
(conditionsField.options as Array<{ values: INodeProperties[] }>)[0].values[0].placeholder = 'value';

/** Search Indicators: the Filters collection into the JSON body (paging is added per page). */
async function indicatorFilters(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IndicatorFilters;
	const body = guarded(this, () => indicatorSearchBody(filters));
	requestOptions.body = { ...((requestOptions.body as IDataObject) ?? {}), ...body };
	return requestOptions;
}

export const option: INodePropertyOptions = {
	name: 'Search',
	value: 'search',
	action: 'Search indicators',
	description: 'Search the indicators of the workspace, newest first',
	routing: listRequest('POST', '/soc/indicators/search', 'data', {
		preSend: [indicatorFilters],
		pageIn: 'body',
		simplifyRecord: simplifyIndicator,
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
			conditionsField,
			{ displayName: 'From Date', name: 'fromDate', type: 'dateTime', default: '' },
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
			{ displayName: 'Status', name: 'status', type: 'multiOptions', default: [], options: statusOptions },
			{ displayName: 'Threat Degree', name: 'verdict', type: 'multiOptions', default: [], options: verdictOptions },
			{ displayName: 'To Date', name: 'toDate', type: 'dateTime', default: '' },
		],
	},
	simplifyOption(show),
];
