import type { INodeProperties } from 'n8n-workflow';

// Filter fields shared by Search Alerts, Search Incidents and the trigger's New Alert event:
// alerts and incidents take the same search body (domain/searchFilters.ts).

/** Free conditions on the fields of an alert or incident; `example` is a field shown as placeholder. */
function conditionsField(noun: string, example: string): INodeProperties {
	return {
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Condition',
		description: `Conditions on ${noun} fields; all must hold`,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: example },
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						// Sent as '='; stored as 'equals' because n8n reads a value starting with '=' as an
						// expression. Older workflows' '==' is still read (filters.ts maps it).
						default: 'equals',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Equals', value: 'equals' },
							{ name: 'Greater Than', value: '>' },
							{ name: 'Greater Than or Equal', value: '>=' },
							{ name: 'Is One Of', value: 'in', description: 'Value is a comma-separated list, e.g. Tips,Low' },
							{ name: 'Less Than', value: '<' },
							{ name: 'Less Than or Equal', value: '<=' },
							{ name: 'Not Equals', value: '!=' },
						],
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

export const alertConditionsField = conditionsField('alert', 'alert_type.category');
export const incidentConditionsField = conditionsField('incident', 'incident_type.category');

export const alertHandleStatusField: INodeProperties = {
	displayName: 'Handle Status',
	name: 'handleStatus',
	type: 'multiOptions',
	default: [],
	options: [
		{ name: 'Block', value: 'Block' },
		{ name: 'Closed', value: 'Closed' },
		{ name: 'Open', value: 'Open' },
	],
};

export const alertSeverityField: INodeProperties = {
	displayName: 'Severity',
	name: 'severity',
	type: 'multiOptions',
	default: [],
	options: [
		{ name: 'Fatal', value: 'Fatal' },
		{ name: 'High', value: 'High' },
		{ name: 'Low', value: 'Low' },
		{ name: 'Medium', value: 'Medium' },
		{ name: 'Tips', value: 'Tips' },
	],
};

/** The Filters collection of a search; its parameter names are those Search Alerts has always saved. */
export function searchFiltersField(show: { resource: string[]; operation: string[] }, conditions: INodeProperties): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			conditions,
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
	};
}
