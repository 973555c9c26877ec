import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** One operation, kept in one file: its entry in the Operation list and the fields it shows. */
export interface Operation {
	option: INodePropertyOptions;
	fields?: INodeProperties[];
	/** A custom operation (every write is one): run by n8n instead of the option's routing. */
	execute?: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/**
 * A resource's Operation list (n8n's lint wants it alphabetical, as given), then `leading` (fields
 * several operations share, shown first), then each operation's own fields.
 */
export function resourceDescription(
	resource: string,
	defaultOperation: string,
	operations: Operation[],
	leading: INodeProperties[] = [],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(({ option }) => option),
			default: defaultOperation,
		},
		...leading,
		...operations.flatMap(({ fields }) => fields ?? []),
	];
}

/** The custom operations among `operations`, as n8n's customOperations wants them for one resource. */
export function customOperationsOf(operations: Operation[]): Record<string, NonNullable<Operation['execute']>> {
	const entries = operations.flatMap(({ option, execute }) => (execute ? [[String(option.value), execute] as const] : []));
	return Object.fromEntries(entries);
}
