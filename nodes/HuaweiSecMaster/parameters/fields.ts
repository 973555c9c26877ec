import type { INodeProperties } from 'n8n-workflow';

import { PAGING_WINDOW } from '../domain/paging';
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

/** Return All and Limit, shown for one operation. */
export function returnAllAndLimit(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: PAGING_WINDOW - 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
