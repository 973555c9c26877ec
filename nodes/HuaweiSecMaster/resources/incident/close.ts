import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { closeDataObject } from '../../domain/incidentBody';
import { simplifyOption } from '../../parameters/fields';
import type { ItemContext } from '../../parameters/itemContext';
import { guarded } from '../../parameters/validators';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { incidentIdField, incidentResult, incidentTarget, type IncidentTarget } from './incidentTarget';

const show = { resource: ['incident'], operation: ['close'] };

export const option: INodePropertyOptions = {
	name: 'Close',
	value: 'close',
	action: 'Close an incident',
	description: 'Close an incident with a reason and a comment',
};

export const fields: INodeProperties[] = [
	...incidentIdField('close'),
	{
		displayName: 'Close Reason',
		name: 'closeReason',
		type: 'options',
		required: true,
		default: 'Resolved',
		options: [
			{ name: 'False Detection', value: 'False detection' },
			{ name: 'Other', value: 'Other' },
			{ name: 'Repeated', value: 'Repeated' },
			{ name: 'Resolved', value: 'Resolved' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Close Comment',
		name: 'closeComment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Why the incident is closed; left empty, no comment is sent',
		displayOptions: { show },
	},
	simplifyOption(show),
];

interface ClosePlan {
	target: IncidentTarget;
	dataObject: IDataObject;
}

function check(item: ItemContext, run: OperationRun): ClosePlan {
	const target = incidentTarget(item, run);
	const reason = item.getNodeParameter('closeReason', '');
	const comment = item.getNodeParameter('closeComment', '');
	return { target, dataObject: guarded(item, () => closeDataObject(reason, comment)) };
}

/** Close one incident (Update Incident with handle status Closed); the output is the closed incident. */
async function send(item: ItemContext, run: OperationRun, { target, dataObject }: ClosePlan): Promise<IDataObject> {
	// The same PUT as Update: it sets values, so an unclear failure is retried.
	const request = { method: 'PUT' as const, baseURL: target.scope.baseUrl, url: target.url, body: { data_object: dataObject } };
	return incidentResult(item, (await sendChecked(item, run, 'idempotent', request)).body as IDataObject);
}

export const execute = forEachItem({ check, send });
