import type { INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../parameters/fields';
import { versionedId } from '../../parameters/locators';

// The rule forms serve Create and Update; the IDs serve every rule operation.
const showOnlyForUpdate = {
	operation: ['create', 'update'],
	resource: ['playbookRule'],
};
const ruleOperations = { resource: ['playbookRule'], operation: ['get', 'update', 'delete'] };

function showFor(triggerType: string, extra: Record<string, string[]> = {}) {
	return { show: { ...showOnlyForUpdate, triggerType: [triggerType], ...extra } };
}

const eventFields: INodeProperties[] = [
	{
		displayName: 'Expression Type',
		name: 'expressionType',
		type: 'options',
		default: 'common',
		options: [{ name: 'Common', value: 'common' }],
		description: 'How the conditions are written; SecMaster documents only "common"',
		displayOptions: showFor('event'),
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Condition',
		description: 'The conditions an event must meet to trigger the playbook',
		displayOptions: showFor('event'),
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'condition_0',
						description:
							'The name Logics refers to. Leave empty to name it by its position: condition_0, condition_1 and so on.',
					},
					{
						displayName: 'Detail',
						name: 'detail',
						type: 'string',
						default: '',
						description: 'Free text describing the condition; left out of the request when empty',
					},
					{
						displayName: 'Data',
						name: 'data',
						type: 'string',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Data Item' },
						default: [],
						placeholder: 'handle_status, ==, Open',
						description:
							'The condition expression. One item "field, operator, value" (as in Huawei\'s example) or one item each for field, operator and value.',
					},
				],
			},
		],
	},
	{
		displayName: 'Logics',
		name: 'logics',
		type: 'string',
		default: '',
		placeholder: 'condition_0 AND condition_1',
		description:
			'How the conditions combine, e.g. "condition_0 AND (condition_1 OR condition_2)" or a JSON array. Leave empty to require all conditions.',
		displayOptions: showFor('event'),
	},
];

const timerFields: INodeProperties[] = [
	{
		displayName: 'Cron',
		name: 'cron',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0 0 2 * * ?',
		description: 'The cron expression of the schedule',
		displayOptions: showFor('timer'),
	},
	{
		displayName: 'Schedule Type',
		name: 'scheduleType',
		type: 'options',
		default: 'day',
		options: [
			{ name: 'Second', value: 'second' },
			{ name: 'Hour', value: 'hour' },
			{ name: 'Day', value: 'day' },
			{ name: 'Week', value: 'week' },
		],
		description: 'The unit the schedule repeats in',
		displayOptions: showFor('timer'),
	},
	{
		displayName: 'Start Type',
		name: 'startType',
		type: 'options',
		default: 'IMMEDIATELY',
		options: [
			{ name: 'Immediately', value: 'IMMEDIATELY', description: 'Start as soon as the rule is saved' },
			{ name: 'Custom', value: 'CUSTOM', description: 'Start at the Start Time' },
		],
		displayOptions: showFor('timer'),
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the schedule starts (ISO 8601)',
		displayOptions: showFor('timer', { startType: ['CUSTOM'] }),
	},
	{
		displayName: 'End Type',
		name: 'endType',
		type: 'options',
		default: 'FOREVER',
		options: [
			{ name: 'Forever', value: 'FOREVER', description: 'Keep running the schedule' },
			{ name: 'Custom', value: 'CUSTOM', description: 'Stop at the End Time' },
		],
		displayOptions: showFor('timer'),
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the schedule ends (ISO 8601); must be after the Start Time',
		displayOptions: showFor('timer', { endType: ['CUSTOM'] }),
	},
	{
		displayName: 'Repeat Range',
		name: 'repeatRange',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2021-01-30T23:00:00Z+0800',
		description: 'The execution time, in the format of Huawei\'s example',
		displayOptions: showFor('timer'),
	},
	{
		displayName: 'Only Once',
		name: 'onlyOnce',
		type: 'boolean',
		default: false,
		description: 'Whether the playbook runs only once',
		displayOptions: showFor('timer'),
	},
	{
		displayName: 'Execution Type',
		name: 'executionType',
		type: 'options',
		default: 'PARALLEL',
		options: [
			{ name: 'Parallel', value: 'PARALLEL', description: 'A new run starts even while the previous one runs' },
			{ name: 'Serial (Wait)', value: 'SERIAL_WAIT', description: 'A new run waits for the previous one' },
		],
		displayOptions: showFor('timer'),
	},
];

/** The rule operations' fields: which rule, and (Create and Update) the rule in one of three forms. */
export const ruleFormFields: INodeProperties[] = [
	...versionedId(
		{
			displayName: 'Version ID',
			name: 'versionId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the playbook version the rule belongs to',
			displayOptions: { show: { resource: ['playbookRule'], operation: ['get', 'create', 'update', 'delete'] } },
		},
		'searchVersions',
	),
	{
		displayName: 'Use the Version\'s Rule',
		name: 'useVersionRule',
		type: 'boolean',
		default: false,
		description: 'Whether to act on the rule the playbook version points to (its rule_id) instead of giving a Rule ID',
		displayOptions: { show: ruleOperations },
	},
	...versionedId(
		{
			displayName: 'Rule ID',
			name: 'ruleId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the rule (a playbook version\'s "rule_id")',
			displayOptions: { show: { ...ruleOperations, useVersionRule: [false] } },
		},
		'searchRules',
	),
	{
		displayName: 'Trigger Type',
		name: 'triggerType',
		type: 'options',
		noDataExpression: true,
		default: 'event',
		options: [
			{ name: 'Event', value: 'event', description: 'The playbook runs when an event meets the conditions' },
			{ name: 'Timer', value: 'timer', description: 'The playbook runs on a schedule' },
			{ name: 'JSON', value: 'json', description: 'Give the whole rule object as JSON' },
		],
		description: 'Which kind of rule to write; it should match how the playbook is triggered',
		displayOptions: { show: showOnlyForUpdate },
	},
	...eventFields,
	...timerFields,
	{
		displayName: 'Rule (JSON)',
		name: 'ruleJson',
		type: 'json',
		required: true,
		default: '{\n  "expression_type": "common",\n  "conditions": [],\n  "logics": []\n}',
		description: 'The whole rule object, sent as it is',
		displayOptions: showFor('json'),
	},
	simplifyOption({ resource: ['playbookRule'], operation: ['get', 'create', 'update', 'delete'] }),
];
