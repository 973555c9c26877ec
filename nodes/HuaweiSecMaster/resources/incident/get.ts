import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { dataObjectResponse } from '../../domain/records';
import { simplifyOption } from '../../parameters/fields';
import { singleRequest } from '../../transport/routing';
import { incidentIdField } from './incidentTarget';

const show = { resource: ['incident'], operation: ['get'] };

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get an incident',
	description: 'Get one incident by ID',
	routing: singleRequest('GET', '/soc/incidents/{incidentId}', { postReceive: [dataObjectResponse] }),
};

export const fields: INodeProperties[] = [...incidentIdField('get'), simplifyOption(show)];
