import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { incidentDataObject, type IncidentInput } from '../../domain/incidentBody';
import { simplifyOption } from '../../parameters/fields';
import type { ItemContext } from '../../parameters/itemContext';
import { guarded } from '../../parameters/validators';
import { forEachItem, type OperationRun, type SecMasterRequest, sendChecked } from '../../transport/checkedEngine';
import { itemScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';
import { additionalFields, severityField } from './incidentFields';
import { incidentResult } from './incidentTarget';

const show = { resource: ['incident'], operation: ['create'] };

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create an incident',
	description: 'Create an incident in the workspace',
};

export const fields: INodeProperties[] = [
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', displayOptions: { show } },
	{ ...severityField, required: true, displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: additionalFields(),
	},
	simplifyOption(show),
];

function check(item: ItemContext, run: OperationRun): SecMasterRequest {
	const scope = itemScope(item, run.credentials);
	const input: IncidentInput = {
		...((item.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject),
		title: item.getNodeParameter('title', ''),
		severity: item.getNodeParameter('severity', ''),
	};
	const dataObject = guarded(item, () => incidentDataObject(input, 'create'));
	const url = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'incidents']);
	return { method: 'POST', baseURL: scope.baseUrl, url, body: { data_object: dataObject } };
}

/** Create one incident; the output is the incident SecMaster stored (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, request: SecMasterRequest): Promise<IDataObject> {
	// 'unsafe': after an unclear failure the incident may exist already, and sending again would make a second one.
	return incidentResult(item, (await sendChecked(item, run, 'unsafe', request)).body as IDataObject);
}

export const execute = forEachItem({ check, send });
