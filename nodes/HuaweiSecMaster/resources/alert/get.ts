import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { unwrapData } from '../../domain/records';
import { idParameter, simplifyOption } from '../../parameters/fields';
import { singleRequest } from '../../transport/routing';

const show = { resource: ['alert'], operation: ['get'] };

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get an alert',
	description: 'Get one alert by ID',
	routing: singleRequest('GET', '/soc/alerts/{alertId}', { postReceive: [unwrapData] }),
};

export const fields: INodeProperties[] = [
	...idParameter('alertId', 'Alert ID', show, 'The ID of the alert', 'searchAlerts'),
	simplifyOption(show),
];
