import type { INodeProperties } from 'n8n-workflow';

type Show = { resource: string[]; operation: string[] };

/** The Simplify switch: the record a workflow needs, or the raw response. */
export function simplifyOption(show: Show): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return the record itself (rules parsed, wrappers removed) instead of the raw response',
		displayOptions: { show },
	};
}

/** A required ID parameter, shown for the given operations. */
export function idParameter(name: string, displayName: string, show: Show, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		description,
		displayOptions: { show },
	};
}
