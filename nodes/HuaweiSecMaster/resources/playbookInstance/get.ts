import type { INodePropertyOptions } from 'n8n-workflow';

import { singleRequest } from '../../transport/routing';

// Its only field, the Instance ID, is shared: instanceId.ts.
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a playbook instance',
	description: 'Get one playbook instance by ID',
	routing: singleRequest('GET', '/soc/playbooks/instances/{instanceId}'),
};
