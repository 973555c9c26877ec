import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { forEachBatch } from '../../transport/batchEngine';
import { simplifyOption } from '../../parameters/fields';
import { alertIdField, alertsPerRequestField, deleteOperation } from './alertWrite';

const show = { resource: ['alert'], operation: ['delete'] };

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete an alert',
	description: 'Delete alerts',
};

export const fields: INodeProperties[] = [...alertIdField(show), alertsPerRequestField(show), simplifyOption(show)];

export const execute = forEachBatch(deleteOperation);
