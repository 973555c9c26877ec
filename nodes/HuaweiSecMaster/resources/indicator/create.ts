import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { createIndicatorBody } from '../../domain/indicatorBody';
import type { ItemContext } from '../../parameters/itemContext';
import { simplifyOption } from '../../parameters/fields';
import { forEachItem, type OperationRun, type SecMasterRequest, sendChecked } from '../../transport/checkedEngine';
import { itemScope } from '../../transport/scope';
import { attributeFields, granularityOptions, typeIdDescription, typeOptions, verdictOptions } from './fields';
import { checkedBody, indicatorResult, indicatorsUrl } from './indicatorRequest';

const show = { resource: ['indicator'], operation: ['create'] };

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create an indicator',
	description: 'Add a threat intelligence indicator (IP, domain, URL, e-mail, file hash) to the workspace',
};

export const fields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: { show } },
	{ displayName: 'Type', name: 'type', type: 'options', required: true, default: 'IPv4', options: typeOptions, displayOptions: { show } },
	{
		displayName: 'Type Name',
		name: 'typeName',
		type: 'string',
		// Not marked required: with Type from an expression n8n would count it missing before the run; checked per item.
		default: '',
		description: 'The name of the indicator type as your workspace defines it',
		displayOptions: { show: { ...show, type: ['other'] } },
	},
	{ displayName: 'Type ID', name: 'typeId', type: 'string', required: true, default: '', description: typeIdDescription, displayOptions: { show } },
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		placeholder: '203.0.113.45',
		description: 'Checked against the Type before anything is sent; surrounding whitespace is removed',
		displayOptions: { show },
	},
	{ displayName: 'Threat Degree', name: 'verdict', type: 'options', required: true, default: 'Black', options: verdictOptions, displayOptions: { show } },
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		required: true,
		default: '1',
		options: granularityOptions,
		description: 'Confidentiality level of the intelligence, from 1 (highest) to 4',
		displayOptions: { show },
	},
	{
		displayName: 'First Seen',
		name: 'firstSeen',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the indicator was first observed',
		displayOptions: { show },
	},
	{
		displayName: 'Data Source Type',
		name: 'sourceType',
		type: 'options',
		default: '1',
		options: [
			{ name: 'SecMaster', value: '1' },
			{ name: 'HSS', value: '2' },
			{ name: 'Compass', value: '3' },
			{ name: 'Third-Party Product', value: '4' },
			{ name: 'Tenant Private Product', value: '5' },
		],
		displayOptions: { show },
	},
	{ displayName: 'Product Name', name: 'productName', type: 'string', required: true, default: '', placeholder: 'hss', displayOptions: { show } },
	{
		displayName: 'Product Feature',
		name: 'productFeature',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'hss',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Account ID',
				name: 'domainId',
				type: 'string',
				default: '',
				description: 'The Huawei Cloud account (domain) ID, sent in the data source and environment',
			},
			...attributeFields,
		],
	},
	simplifyOption(show),
];

const FORM = ['name', 'type', 'typeId', 'value', 'verdict', 'granularity', 'firstSeen', 'sourceType', 'productName', 'productFeature'];

function check(item: ItemContext, run: OperationRun): SecMasterRequest {
	const scope = itemScope(item, run.credentials);
	const form = Object.fromEntries(FORM.map((name) => [name, item.getNodeParameter(name, undefined)])) as IDataObject;
	// n8n refuses to read a parameter its Type does not show.
	if (form.type === 'other') form.typeName = item.getNodeParameter('typeName', '') as string;
	Object.assign(form, item.getNodeParameter('additionalFields', {}) as IDataObject);
	const regionId = String(run.credentials.region ?? '').trim();
	const body = checkedBody(item, () =>
		createIndicatorBody(form, { workspaceId: scope.workspaceId, projectId: scope.projectId, regionId }),
	);
	return { method: 'POST', baseURL: scope.baseUrl, url: indicatorsUrl(scope), body };
}

/** Create one indicator; the output is the indicator SecMaster stored (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, request: SecMasterRequest): Promise<IDataObject> {
	// 'unsafe': after an unclear failure the indicator may exist already, and sending again would make a second one.
	return indicatorResult(item, await sendChecked(item, run, 'unsafe', request));
}

export const execute = forEachItem({ check, send });
