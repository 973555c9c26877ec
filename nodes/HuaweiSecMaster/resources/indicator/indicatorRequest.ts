import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyIndicator } from '../../domain/indicatorBody';
import { InputError, parameterError } from '../../parameters/inputErrors';
import type { ItemContext } from '../../parameters/itemContext';
import { requireId } from '../../parameters/readParameters';
import type { OperationRun } from '../../transport/checkedEngine';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';

/** Runs a pure body builder for one item: its InputError becomes the error naming the field and the item. */
export function checkedBody(item: ItemContext, build: () => IDataObject): IDataObject {
	try {
		return build();
	} catch (error) {
		if (error instanceof InputError) throw parameterError(item, error.field, error.message);
		throw new NodeOperationError(item.getNode(), error as Error, { itemIndex: item.getItemIndex() });
	}
}

/** `WS/soc/indicators[/…segments]` of the item's workspace. */
export function indicatorsUrl(scope: WorkspaceScope, ...segments: string[]): string {
	return workspacePath(scope.projectId, scope.workspaceId, ['soc', 'indicators', ...segments]);
}

export interface IndicatorTarget {
	scope: WorkspaceScope;
	indicatorId: string;
}

/** The one existing indicator an operation acts on, checked; nothing is sent. */
export function indicatorTarget(item: ItemContext, run: OperationRun): IndicatorTarget {
	return { scope: itemScope(item, run.credentials), indicatorId: requireId(item, 'indicatorId', 'Indicator ID') };
}

/** The indicator SecMaster answered with (`data`, simplified), or its whole answer with Simplify off. */
export function indicatorResult(item: ItemContext, response: IN8nHttpFullResponse): IDataObject {
	const body = response.body as IDataObject;
	if (item.getNodeParameter('simplify', true) === false) return body;
	const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as IDataObject) : {};
	return simplifyIndicator(data);
}
