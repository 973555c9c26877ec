import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { closeChanges } from '../../domain/alertBody';
import { forEachBatch } from '../../transport/batchEngine';
import { simplifyOption } from '../../parameters/fields';
import { alertIdField, alertPlan, alertsPerRequestField, changeOperation, guard } from './alertWrite';
import { alertWriteFields } from './writeFields';

const show = { resource: ['alert'], operation: ['close'] };

export const option: INodePropertyOptions = {
	name: 'Close',
	value: 'close',
	action: 'Close an alert',
	description: 'Set alerts to Closed with a close reason and a comment',
};

const [closeReason] = alertWriteFields(['closeReason']);

export const fields: INodeProperties[] = [
	...alertIdField(show),
	{ ...closeReason, required: true, default: 'Resolved', displayOptions: { show } },
	{
		displayName: 'Comment',
		name: 'closeComment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Why the alert is closed (close_comment)',
		displayOptions: { show },
	},
	alertsPerRequestField(show),
	simplifyOption(show),
];

export const execute = forEachBatch(
	changeOperation((item, run) => {
		const changes = guard(item, () => closeChanges(item.getNodeParameter('closeReason', ''), item.getNodeParameter('closeComment', '')));
		return alertPlan(item, run, changes);
	}),
);
