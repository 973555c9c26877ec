import type { INodeProperties } from 'n8n-workflow';

// Alert filter fields shared by Search Alerts and the trigger's New Alert event.

export const alertConditionsField: INodeProperties = {
	displayName: 'Conditions',
	name: 'conditions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Condition',
	description: 'Conditions on alert fields; all must hold',
	options: [
		{
			displayName: 'Condition',
			name: 'condition',
			values: [
				{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'alert_type.category' },
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
