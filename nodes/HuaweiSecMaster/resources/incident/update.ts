import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { incidentDataObject, type IncidentInput } from '../../domain/incidentBody';
import { simplifyOption } from '../../parameters/fields';
import type { ItemContext } from '../../parameters/itemContext';
import { guarded } from '../../parameters/validators';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { updateFields } from './incidentFields';
import { incidentIdField, incidentResult, incidentTarget, type IncidentTarget } from './incidentTarget';

const show = { resource: ['incident'], operation: ['update'] };

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update an incident',
	description: 'Change fields of an incident',
};

export const fields: INodeProperties[] = [
	...incidentIdField('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: updateFields(),
	},
	simplifyOption(show),
];

interface UpdatePlan {
	target: IncidentTarget;
	dataObject: IDataObject;
}

function check(item: ItemContext, run: OperationRun): UpdatePlan {
	const target = incidentTarget(item, run);
	const input = (item.getNodeParameter('updateFields', {}) ?? {}) as IncidentInput;
	return { target, dataObject: guarded(item, () => incidentDataObject(input, 'update')) };
}

/** Set the given fields of one incident; the output is the incident as SecMaster stored it. */
async function send(item: ItemContext, run: OperationRun, { target, dataObject }: UpdatePlan): Promise<IDataObject> {
	// A PUT that sets values: sending it again sets the same values, so an unclear failure is retried.
	const request = { method: 'PUT' as const, baseURL: target.scope.baseUrl, url: target.url, body: { data_object: dataObject } };
	return incidentResult(item, (await sendChecked(item, run, 'idempotent', request)).body as IDataObject);
}

export const execute = forEachItem({ check, send });
