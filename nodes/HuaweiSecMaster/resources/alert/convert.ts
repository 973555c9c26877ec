import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { alertIdList } from '../../domain/alertBody';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { simplifyOption } from '../../parameters/fields';
import { requireText } from '../../parameters/readParameters';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { pathIdProblem } from '../../transport/url';
import { alertsUrl, guard } from './alertWrite';

const show = { resource: ['alert'], operation: ['convert'] };

export const option: INodePropertyOptions = {
	name: 'Convert to Incident',
	value: 'convert',
	action: 'Convert alerts to an incident',
	description: 'Make one incident of one or more alerts',
};

export const fields: INodeProperties[] = [
	{
		displayName: 'Alert IDs',
		name: 'alertIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ID1,ID2',
		description: 'The alerts the incident is made of: comma-separated, or a list from an expression',
		displayOptions: { show },
	},
	{ displayName: 'Incident Title', name: 'incidentTitle', type: 'string', required: true, default: '', displayOptions: { show } },
	{
		displayName: 'Incident Category',
		name: 'incidentCategory',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'DDoS',
		description: 'The incident type\'s category (incident_type.category)',
		displayOptions: { show },
	},
	{
		displayName: 'Incident Type',
		name: 'incidentType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ACK Flood',
		description: 'The incident type within the category (incident_type.incident_type)',
		displayOptions: { show },
	},
	{
		displayName: 'Incident Fields',
		name: 'convertOptions',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Incident Type ID', name: 'incidentTypeId', type: 'string', default: '', description: 'The ID of the incident type, where the workspace\'s types have one' },
		],
	},
	simplifyOption(show),
];

interface ConvertPlan {
	scope: WorkspaceScope;
	ids: string[];
	body: IDataObject;
}

function check(item: ItemContext, run: OperationRun): ConvertPlan {
	const scope = itemScope(item, run.credentials);
	const ids = guard(item, () => alertIdList(item.getNodeParameter('alertIds', ''), pathIdProblem));
	const type: IDataObject = {
		category: requireText(item, 'incidentCategory', 'Incident Category'),
		incident_type: requireText(item, 'incidentType', 'Incident Type'),
	};
	const typeId = String(item.getNodeParameter('convertOptions.incidentTypeId', '') ?? '').trim();
	if (typeId) type.id = typeId;
	const title = requireText(item, 'incidentTitle', 'Incident Title');
	return { scope, ids, body: { ids, incident_content: { title, incident_type: type } } };
}

/** One incident from the item's alerts; SecMaster answers which alerts it took (no incident ID). */
async function send(item: ItemContext, run: OperationRun, { scope, ids, body }: ConvertPlan): Promise<IDataObject> {
	// A POST that creates an incident: never sent again after an unclear failure.
	const response = await sendChecked(item, run, 'unsafe', { method: 'POST', baseURL: scope.baseUrl, url: alertsUrl(scope, 'batch-order'), body });
	const answer = response.body as IDataObject;
	const data = (answer.data ?? {}) as IDataObject;
	const taken = Array.isArray(data.success_ids) ? data.success_ids.map(String) : [];
	const left = ids.filter((id) => !taken.includes(id));
	if (left.length) {
		const requestId = String(response.headers?.['x-request-id'] ?? '');
		const made = taken.length ? `SecMaster made the incident of ${taken.join(', ')}.` : 'No incident was made.';
		throw new NodeOperationError(item.getNode(), `Alerts not converted to the incident: ${left.join(', ')}`, {
			itemIndex: item.getItemIndex(),
			description: `${made} An alert that is not in this workspace is not converted.${requestId ? ` Request ID: ${requestId}` : ''}`,
		});
	}
	return item.getNodeParameter('simplify', true) === false ? answer : data;
}

export const execute = forEachItem({ check, send });
