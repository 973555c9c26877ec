import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { listRequest } from '../../transport/routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many workspaces',
	description: 'List the SecMaster workspaces of the project',
	routing: listRequest('GET', '/workspaces', 'workspaces', { scope: 'project' }),
};

export const fields: INodeProperties[] = [...returnAllAndLimit({ resource: ['workspace'], operation: ['getAll'] })];
