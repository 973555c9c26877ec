import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { updateIndicatorBody } from '../../domain/indicatorBody';
import type { ItemContext } from '../../parameters/itemContext';
import { simplifyOption } from '../../parameters/fields';
import { forEachItem, type OperationRun, type SecMasterRequest, sendChecked } from '../../transport/checkedEngine';
import { attributeFields, granularityOptions, indicatorIdField, typeIdDescription, typeOptions, verdictOptions } from './fields';
import { checkedBody, indicatorResult, indicatorsUrl, indicatorTarget } from './indicatorRequest';

const show = { resource: ['indicator'], operation: ['update'] };

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update an indicator',
	description: 'Change the given fields of an indicator',
};

export const fields: INodeProperties[] = [
	...indicatorIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		description: 'A new Value needs its Type and Type ID: the value is checked against the type',
		options: [
			...attributeFields.slice(0, 2),
			{ displayName: 'First Seen', name: 'firstSeen', type: 'dateTime', default: '' },
			{ displayName: 'Granularity', name: 'granularity', type: 'options', default: '1', options: granularityOptions },
			...attributeFields.slice(2, 4),
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			attributeFields[4],
			{ displayName: 'Threat Degree', name: 'verdict', type: 'options', default: 'Black', options: verdictOptions },
			{ displayName: 'Type', name: 'type', type: 'options', default: 'IPv4', options: typeOptions },
			{ displayName: 'Type ID', name: 'typeId', type: 'string', default: '', description: typeIdDescription },
			{ displayName: 'Type Name', name: 'typeName', type: 'string', default: '', description: 'With Type "Other": the type\'s name in your workspace' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '203.0.113.45' },
		],
	},
	simplifyOption(show),
];

function check(item: ItemContext, run: OperationRun): SecMasterRequest {
	const { scope, indicatorId } = indicatorTarget(item, run);
	const form = { ...(item.getNodeParameter('updateFields', {}) as IDataObject) };
	if (form.type !== 'other') delete form.typeName;
	const body = checkedBody(item, () => updateIndicatorBody(form));
	return { method: 'PUT', baseURL: scope.baseUrl, url: indicatorsUrl(scope, indicatorId), body };
}

/** Change one indicator; the output is the indicator as SecMaster stored it (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, request: SecMasterRequest): Promise<IDataObject> {
	// A PUT of the same fields leaves the same indicator: safe to send again after an unclear failure.
	return indicatorResult(item, await sendChecked(item, run, 'idempotent', request));
}

export const execute = forEachItem({ check, send });
