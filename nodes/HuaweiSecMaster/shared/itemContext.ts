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

export function itemOf(context: IExecuteFunctions, itemIndex: number): ItemContext {
	return {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getNodeParameter: (name, fallback, options) => context.getNodeParameter(name, itemIndex, fallback, options),
	};
}
