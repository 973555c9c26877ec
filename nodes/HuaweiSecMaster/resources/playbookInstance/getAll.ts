import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { instanceFilters } from '../../parameters/validators';
import { listRequest } from '../../transport/routing';

const show = { resource: ['playbookInstance'], operation: ['getAll'] };

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many playbook instances',
	description: 'List playbook instances, for example the FAILED runs of a playbook since yesterday',
	routing: listRequest('GET', '/soc/playbooks/instances', 'instances', { preSend: [instanceFilters] }),
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
			},
			{
				displayName: 'Data Object Name',
				name: 'dataobjectName',
				type: 'string',
				default: '',
				description: 'The name of the alert or incident the instance ran for',
			},
			{
				displayName: 'Date Type',
				name: 'dateType',
				type: 'options',
				default: 'START',
				options: [
					{ name: 'Start Time', value: 'START' },
					{ name: 'End Time', value: 'END' },
				],
				description: 'Which time of the instance From Date and To Date apply to',
			},
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Instance Name',
				name: 'name',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Playbook Name',
				name: 'playbookName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'FAILED',
				options: [
					{ name: 'Failed', value: 'FAILED' },
					{ name: 'Finished', value: 'FINISHED' },
					{ name: 'Retrying', value: 'RETRYING' },
					{ name: 'Running', value: 'RUNNING' },
					{ name: 'Terminated', value: 'TERMINATED' },
					{ name: 'Terminating', value: 'TERMINATING' },
				],
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Trigger Type',
				name: 'triggerType',
				type: 'options',
				default: 'EVENT',
				options: [
					{ name: 'Event', value: 'EVENT' },
					{ name: 'Timer', value: 'TIMER' },
				],
			},
		],
	},
];
