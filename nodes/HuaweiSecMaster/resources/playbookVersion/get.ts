import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { unwrapData } from '../../domain/records';
import { idParameter, simplifyOption } from '../../parameters/fields';
import { singleRequest } from '../../transport/routing';

const show = { resource: ['playbookVersion'], operation: ['get'] };

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a playbook version',
	description: 'Get one playbook version, with its rule_id',
	routing: singleRequest('GET', '/soc/playbooks/versions/{versionId}', { postReceive: [unwrapData] }),
};

export const fields: INodeProperties[] = [
	...idParameter('versionId', 'Version', show, 'The playbook version', 'searchVersions'),
	simplifyOption(show),
];
