import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyOption } from '../../parameters/fields';
import type { ItemContext } from '../../parameters/itemContext';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { workspacePath } from '../../transport/url';
import { incidentIdField, incidentTarget, type IncidentTarget } from './incidentTarget';

const show = { resource: ['incident'], operation: ['delete'] };

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete an incident',
	description: 'Delete an incident',
};

export const fields: INodeProperties[] = [...incidentIdField('delete'), simplifyOption(show)];

/** Delete one incident; the output says which, or SecMaster's whole answer with Simplify off. */
async function send(item: ItemContext, run: OperationRun, { scope, incidentId }: IncidentTarget): Promise<IDataObject> {
	const url = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'incidents']);
	// The SDK's DeleteIncident: the IDs in the body. Not retried when unavailable ('unsafe'): the
	// incident may be gone already, and sending again would report it as not deleted.
	const response = await sendChecked(item, run, 'unsafe', { method: 'DELETE', baseURL: scope.baseUrl, url, body: { batch_ids: [incidentId] } });
	const body = response.body as IDataObject;
	const deleted = ((body.data as IDataObject | undefined)?.success_ids ?? []) as unknown[];
	if (!Array.isArray(deleted) || !deleted.includes(incidentId)) {
		const requestId = response.headers?.['x-request-id'];
		throw new NodeOperationError(item.getNode(), `SecMaster did not delete incident ${incidentId} [item ${item.getItemIndex()}]`, {
			itemIndex: item.getItemIndex(),
			description: `Its answer lists the incident among the IDs it could not delete (error_ids), as for an incident that does not exist${
				typeof requestId === 'string' ? `. Request ID: ${requestId}` : ''
			}`,
		});
	}
	return item.getNodeParameter('simplify', true) === false ? body : { id: incidentId, deleted: true };
}

export const execute = forEachItem({ check: incidentTarget, send });
