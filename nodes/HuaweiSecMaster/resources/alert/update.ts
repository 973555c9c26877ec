import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { alertChanges } from '../../domain/alertBody';
import { forEachBatch } from '../../transport/batchEngine';
import { simplifyOption } from '../../parameters/fields';
import { alertIdField, alertPlan, alertsPerRequestField, changeOperation, guard } from './alertWrite';
import { alertWriteFields } from './writeFields';

const show = { resource: ['alert'], operation: ['update'] };

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update an alert',
	description: 'Change the severity, owner, labels, verification state or handle status of alerts',
};

export const fields: INodeProperties[] = [
	...alertIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: alertWriteFields(['closeComment', 'closeReason', 'description', 'handleStatus', 'labels', 'owner', 'severity', 'verificationState']),
	},
	alertsPerRequestField(show),
	simplifyOption(show),
];

export const execute = forEachBatch(
	changeOperation((item, run) => {
		const changes = guard(item, () => alertChanges((item.getNodeParameter('updateFields', {}) ?? {}) as Record<string, never>));
		return alertPlan(item, run, changes);
	}),
);
