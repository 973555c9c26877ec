import type { IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';

/**
 * What reading and checking one item's parameters needs. n8n's per-item
 * context of a declarative request (IExecuteSingleFunctions) is one; so is
 * `itemOf`, one item of a custom operation, so both paths share the checks.
 */
export interface ItemContext {
	getNode(): INode;
	getItemIndex(): number;
	getNodeParameter(name: string, fallback?: unknown, options?: IGetNodeParameterOptions): unknown;
}

/** `node` is the run's copy of the node (n8n's getNode makes a new deep copy at every call). */
export function itemOf(context: IExecuteFunctions, itemIndex: number, node: INode): ItemContext {
	return {
		getNode: () => node,
		getItemIndex: () => itemIndex,
		getNodeParameter: (name, fallback, options) => context.getNodeParameter(name, itemIndex, fallback, options),
	};
}
