import { NodeOperationError } from 'n8n-workflow';
import type { ItemContext } from './itemContext';

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

// Pure builders for the body of PUT …/versions/{version_id}/rules/{rule_id}.
// Key order follows Huawei's ConditionInfo table, so that filling the form with
// the seed example puts the seed's exact bytes on the wire.

/** A form value the rule cannot be built from; `field` is the parameter's display name. */
export class RuleInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'RuleInputError';
	}
}
