import { NodeOperationError } from 'n8n-workflow';

import type { ItemContext } from './itemContext';

/**
 * A parameter value that cannot be used, found by a pure check (rule body, filters, dates, IDs);
 * `field` is the parameter's display name. The node turns it into parameterError's NodeOperationError.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** A parameter problem found before any request: names the field and the item. */
export function parameterError(
	context: ItemContext,
	field: string,
	problem: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(context.getNode(), `${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `Fix the "${field}" parameter; no request was sent for this item.`,
	});
}
