import type { INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

// Version 2 of the node turns the ID parameters into resource locators (pick
// from a list, or give the ID). Names stay the same; version 1 keeps its plain
// text fields, so workflows saved on version 1 run unchanged.

const V1 = { '@version': [1] };
const V2 = { '@version': [{ _cnd: { gte: 2 } }] };

/**
 * The editor's check of an ID typed By ID: the rule the node applies before
 * sending (pathIdProblem in url.ts): not "." or "..", no whitespace, no control
 * characters, none of / \ ? # %.
 */
export const ID_VALIDATION: INodePropertyModeValidation[] = [
	{
		type: 'regex',
		properties: {
			regex: '^(?!\\.{1,2}$)[^/\\\\?#%\\s\\x00-\\x1F\\x7F-\\x9F]+$',
			errorMessage: 'Not a valid ID: no spaces, control characters or / \\ ? # %',
		},
	},
];

export type SearchMethod =
	| 'searchWorkspaces'
	| 'searchPlaybooks'
	| 'searchVersions'
	| 'searchInstances'
	| 'searchRules'
	| 'searchAlerts'
	| 'searchIncidents'
	| 'searchIndicators'
	| 'searchWorkflows'
	| 'searchWorkflowInstances';

/**
 * `property` as a resource locator: picked From List with `searchListMethod`, or typed By ID
 * (checked like every ID the node sends).
 */
export function asLocator(
	property: INodeProperties,
	searchListMethod: SearchMethod,
	idPlaceholder = String(property.placeholder ?? 'ID'),
): INodeProperties {
	return {
		...property,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true, searchFilterRequired: false },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: idPlaceholder, validation: ID_VALIDATION },
		],
	};
}

/**
 * The same parameter twice: plain text on version 1, a resource locator from
 * version 2 on. `property` is the version-1 definition.
 */
export function versionedId(property: INodeProperties, searchListMethod: SearchMethod): INodeProperties[] {
	return [onVersion(1, property), onVersion(2, asLocator(property, searchListMethod))];
}

/** A whole property only for version 1, or only from version 2 on. */
export function onVersion(version: 1 | 2, property: INodeProperties): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...show, ...(version === 1 ? V1 : V2) } } };
}
