import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { unwrapData } from '../../domain/records';
import { simplifyOption } from '../../parameters/fields';
import { singleRequest } from '../../transport/routing';

// Its Workflow field is shared: workflowId.ts.
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a workflow',
	description: 'Get one workflow by ID',
	routing: singleRequest('GET', '/soc/workflows/{workflowId}', { postReceive: [unwrapData] }),
};

export const fields: INodeProperties[] = [simplifyOption({ resource: ['workflow'], operation: ['get'] })];
