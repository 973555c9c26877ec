import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemContext } from '../../parameters/itemContext';
import { simplifyOption } from '../../parameters/fields';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { indicatorIdField } from './fields';
import { type IndicatorTarget, indicatorsUrl, indicatorTarget } from './indicatorRequest';

const show = { resource: ['indicator'], operation: ['delete'] };

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete an indicator',
	description: 'Delete an indicator from the workspace',
};

export const fields: INodeProperties[] = [...indicatorIdField(show), simplifyOption(show)];

/** Delete one indicator: `DELETE WS/soc/indicators {batch_ids: [id]}`; output {id, deleted: true}. */
async function send(item: ItemContext, run: OperationRun, { scope, indicatorId }: IndicatorTarget): Promise<IDataObject> {
	const request = { method: 'DELETE' as const, baseURL: scope.baseUrl, url: indicatorsUrl(scope), body: { batch_ids: [indicatorId] } };
	// 'unsafe': after an unclear failure the indicator may be gone already, and sending again would
	// report an indicator just deleted as not deleted.
	const response = await sendChecked(item, run, 'unsafe', request);
	const body = response.body as IDataObject;
	const data = (body.data ?? {}) as IDataObject;
	const deleted = Array.isArray(data.success_ids) && (data.success_ids as unknown[]).includes(indicatorId);
	if (!deleted) {
		const requestId = response.headers?.['x-request-id'];
		throw new NodeOperationError(item.getNode(), `SecMaster did not delete indicator ${indicatorId} [item ${item.getItemIndex()}]`, {
			itemIndex: item.getItemIndex(),
			description: `SecMaster listed it in error_ids: there is no such indicator in this workspace, or it could not be deleted.${
				typeof requestId === 'string' ? ` Request ID: ${requestId}` : ''
			}`,
		});
	}
	if (item.getNodeParameter('simplify', true) === false) return body;
	return { id: indicatorId, deleted: true };
}

export const execute = forEachItem({ check: indicatorTarget, send });
