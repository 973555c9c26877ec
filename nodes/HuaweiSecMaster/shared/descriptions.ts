import type { INodeProperties } from 'n8n-workflow';

import { type SearchMethod, versionedId } from './locators';

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

/** A required ID parameter, shown for the given operations; a resource locator from version 2 on when it can be listed. */
export function idParameter(
	name: string,
	displayName: string,
	show: Show,
	description: string,
	searchListMethod?: SearchMethod,
): INodeProperties[] {
	const property: INodeProperties = {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		description,
		displayOptions: { show },
	};
	return searchListMethod ? versionedId(property, searchListMethod) : [property];
}
