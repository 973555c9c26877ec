import type { INodeProperties } from 'n8n-workflow';

import { INDICATOR_TYPES } from '../../domain/indicatorValues';
import { idParameter } from '../../parameters/fields';

// Fields several indicator operations share: the type and the value checked against it, the
// indicator's attributes, and the Indicator ID locator.

export type Show = { resource: string[]; operation: string[] };

const TYPE_HINTS: Record<string, string> = {
	Domain: 'Domain name, e.g. malicious.example.com',
	Email: 'E-mail address',
	IPv4: 'IPv4 address, e.g. 203.0.113.45',
	IPv6: 'IPv6 address, e.g. 2001:db8::1',
	MD5: 'MD5 file hash (32 hex digits)',
	SHA1: 'SHA1 file hash (40 hex digits)',
	SHA256: 'SHA256 file hash (64 hex digits)',
	SHA512: 'SHA512 file hash (128 hex digits)',
	URL: 'URL, e.g. https://malicious.example.com/payload',
};

export const typeOptions = [
	...INDICATOR_TYPES.map((type) => ({ name: type, value: type, description: TYPE_HINTS[type] })),
	{ name: 'Other', value: 'other', description: 'A type of your workspace by name; its value is sent as given' },
];

export const typeIdDescription =
	'The ID of this indicator type in your workspace (SecMaster → Threat Intelligence; each workspace has its own type IDs)';

export const verdictOptions = [
	{ name: 'Black (Malicious)', value: 'Black' },
	{ name: 'Gray (Suspicious)', value: 'Gray' },
	{ name: 'White (Benign)', value: 'White' },
];

export const granularityOptions = [
	{ name: '1 – First Discovered', value: '1' },
	{ name: '2 – Self-Produced', value: '2' },
	{ name: '3 – Purchased', value: '3' },
	{ name: '4 – Public (Queryable Online)', value: '4' },
];

export const statusOptions = [
	{ name: 'Closed', value: 'Closed' },
	{ name: 'Open', value: 'Open' },
	{ name: 'Revoked', value: 'Revoked' },
];

/** The attributes Create (Additional Fields) and Update (Update Fields) share, alphabetical for n8n's lint. */
export const attributeFields: INodeProperties[] = [
	{
		displayName: 'Confidence',
		name: 'confidence',
		type: 'number',
		typeOptions: { minValue: 80, maxValue: 100 },
		default: 80,
		description: 'How sure the source is, 80 to 100 (the range SecMaster documents)',
	},
	{ displayName: 'Defanged', name: 'defanged', type: 'boolean', default: false, description: 'Whether the indicator is marked invalid' },
	{ displayName: 'Labels', name: 'labels', type: 'string', default: '', placeholder: 'botnet,c2', description: 'Comma-separated labels' },
	{ displayName: 'Last Seen', name: 'lastSeen', type: 'dateTime', default: '', description: 'When the indicator was last observed' },
	{ displayName: 'Status', name: 'status', type: 'options', default: 'Open', options: statusOptions },
];

export function indicatorIdField(show: Show): INodeProperties[] {
	return idParameter('indicatorId', 'Indicator ID', show, 'The ID of the indicator', 'searchIndicators');
}
