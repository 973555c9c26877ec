import type { INodeProperties } from 'n8n-workflow';

import { alertConditionsField, alertHandleStatusField, alertSeverityField } from '../HuaweiSecMaster/parameters/alertFields';
import { workflowInstanceStatusFields } from './events/workflowInstanceStatus';

const onEvent = (...events: string[]) => ({ show: { event: events } });

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Alert or Incident Status Changed',
				value: 'statusChanged',
				description: 'An alert or incident was opened again, blocked or closed (e.g. someone closed an alert)',
			},
			{
				name: 'New Alert',
				value: 'newAlert',
				description: 'An alert was created in the workspace',
			},
			{
				name: 'New Incident',
				value: 'newIncident',
				description: 'An incident was created in the workspace',
			},
			{
				name: 'Playbook Instance Status',
				value: 'instanceStatus',
				description: 'A playbook run reached one of the chosen statuses (e.g. it failed)',
			},
			{
				name: 'Workflow Instance Status',
				value: 'workflowInstanceStatus',
				description: 'A workflow run ended in one of the chosen statuses (failed, finished, terminated)',
			},
		],
		default: 'newAlert',
	},
	{
		displayName: 'Filters',
		name: 'alertFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: onEvent('newAlert'),
		options: [alertConditionsField, alertHandleStatusField, alertSeverityField],
	},
	{
		displayName: 'Filters',
		name: 'incidentFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: onEvent('newIncident'),
		options: [
			{ ...alertConditionsField, description: 'Conditions on incident fields; all must hold' },
			alertHandleStatusField,
			alertSeverityField,
		],
	},
	{
		displayName: 'Watch',
		name: 'statusObjects',
		type: 'options',
		default: 'both',
		displayOptions: onEvent('statusChanged'),
		options: [
			{ name: 'Alerts', value: 'alerts' },
			{ name: 'Alerts and Incidents', value: 'both' },
			{ name: 'Incidents', value: 'incidents' },
		],
	},
	{
		displayName: 'Statuses',
		name: 'handleStatuses',
		type: 'multiOptions',
		default: ['Closed'],
		required: true,
		displayOptions: onEvent('statusChanged'),
		description:
			'Start the workflow when an alert or incident is changed to one of these statuses. A closing is dated by its close time; for Open and Block SecMaster keeps only the update time, so any change to a record in that status counts.',
		options: [
			{ name: 'Block', value: 'Block' },
			{ name: 'Closed', value: 'Closed' },
			{ name: 'Open (Reopened)', value: 'Open' },
		],
	},
	{
		displayName: 'Filters',
		name: 'statusFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: onEvent('statusChanged'),
		options: [{ ...alertConditionsField, description: 'Conditions on alert or incident fields; all must hold' }, alertSeverityField],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: onEvent('newAlert', 'newIncident', 'statusChanged'),
		description:
			'Whether to return the alert or incident itself (its data object with ID and times) instead of the raw search record',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: ['FAILED'],
		required: true,
		displayOptions: onEvent('instanceStatus'),
		description: 'Start the workflow when a playbook instance reaches one of these statuses',
		options: [
			{ name: 'Failed', value: 'FAILED' },
			{ name: 'Finished', value: 'FINISHED' },
			{ name: 'Started (Running)', value: 'RUNNING' },
			{ name: 'Terminated', value: 'TERMINATED' },
		],
	},
	{
		displayName: 'Filters',
		name: 'instanceFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: onEvent('instanceStatus'),
		options: [
			{
				displayName: 'Playbook Name',
				name: 'playbookName',
				type: 'string',
				default: '',
				description: 'Only instances of the playbook with exactly this name (not case-sensitive)',
			},
		],
	},
	...workflowInstanceStatusFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Late Arrival Window (Minutes)',
				name: 'lateArrivalMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: 10,
				description:
					'How far back each poll looks again, for records that SecMaster shows later than their timestamp. Records are still emitted only once.',
			},
			{
				displayName: 'Workspace ID',
				name: 'workspaceId',
				type: 'string',
				default: '',
				description: 'Watch this workspace instead of the credential\'s',
			},
		],
	},
];
