import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { returnAllAndLimit } from '../../parameters/fields';
import { oneOf } from '../../parameters/validators';
import { singleRequest } from '../../transport/routing';

const show = { resource: ['workflow'], operation: ['getVersions'] };

/** ListAopWorkflowVersionsRequest.status in Huawei's SDK. */
const VERSION_STATUSES = [
	{ name: 'Activated', value: 'activated' },
	{ name: 'Not Activated', value: 'not_activated' },
	{ name: 'Pending Approval', value: 'pending_approval' },
	{ name: 'Pending Submit', value: 'pending_submit' },
	{ name: 'Publish Failed', value: 'publish_failed' },
	{ name: 'Publishing', value: 'publishing' },
	{ name: 'Rejected', value: 'rejected' },
];

/**
 * SecMaster answers every version at once (the request has no paging parameters), so Limit
 * is applied here.
 */
async function versionItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const list = (response.body as IDataObject).data;
	const versions = Array.isArray(list) ? (list as IDataObject[]) : [];
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? versions.length : Number(this.getNodeParameter('limit', 50));
	return versions.slice(0, limit).map((json) => ({ json }));
}

export const option: INodePropertyOptions = {
	name: 'Get Versions',
	value: 'getVersions',
	action: 'Get the versions of a workflow',
	description: 'List the versions of a workflow, for example the activated one',
	routing: singleRequest('GET', '/soc/workflows/{workflowId}/versions', { postReceive: [versionItems] }),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'activated',
				options: VERSION_STATUSES,
				routing: {
					send: {
						type: 'query',
						property: 'status',
						preSend: [oneOf('filters.status', 'Status', VERSION_STATUSES.map((status) => status.value))],
					},
				},
			},
		],
	},
];
