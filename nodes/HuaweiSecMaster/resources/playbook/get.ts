import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { unwrapData } from '../../domain/records';
import { idParameter, simplifyOption } from '../../parameters/fields';
import { singleRequest } from '../../transport/routing';

const show = { resource: ['playbook'], operation: ['get'] };

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a playbook',
	description: 'Get one playbook by ID',
	routing: singleRequest('GET', '/soc/playbooks/{playbookId}', { postReceive: [unwrapData] }),
};

export const fields: INodeProperties[] = [
	...idParameter('playbookId', 'Playbook', show, 'The playbook', 'searchPlaybooks'),
	simplifyOption(show),
];
