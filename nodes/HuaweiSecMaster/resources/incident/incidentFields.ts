import type { INodeProperties } from 'n8n-workflow';

import { alertSeverityField } from '../../parameters/alertFields';

// The fields of the incident's data_object that Create Incident (Additional Fields) and Update
// Incident (Update Fields) set; domain/incidentBody.ts turns them into the body.

export const severityField: INodeProperties = { ...alertSeverityField, type: 'options', default: 'Medium' };

const handleStatusField: INodeProperties = {
	displayName: 'Handle Status',
	name: 'handleStatus',
	type: 'options',
	default: 'Open',
	description: 'To close the incident, use Close Incident (SecMaster wants a close reason)',
	options: [
		{ name: 'Block', value: 'Block' },
		{ name: 'Open', value: 'Open' },
	],
};

const verificationStateField: INodeProperties = {
	displayName: 'Verification State',
	name: 'verificationState',
	type: 'options',
	default: 'Unknown',
	options: [
		{ name: 'False Positive', value: 'False_Positive' },
		{ name: 'True Positive', value: 'True_Positive' },
		{ name: 'Unknown', value: 'Unknown' },
	],
};

const text = (displayName: string, name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

const time = (displayName: string, name: string): INodeProperties => ({ displayName, name, type: 'dateTime', default: '' });

/** What both Create's Additional Fields and Update's Update Fields offer (alphabetical, as n8n's lint wants). */
function commonFields(): INodeProperties[] {
	return [
		text('Category', 'category', { placeholder: 'Malware', description: 'The incident type\'s category; goes with Incident Type' }),
		text('Description', 'description', { typeOptions: { rows: 3 } }),
		time('First Observed Time', 'firstObservedTime'),
		handleStatusField,
		text('Incident Type', 'incidentType', { placeholder: 'Ransomware', description: 'Goes with Category' }),
		text('Labels', 'labels', { placeholder: 'phishing,finance', description: 'Comma-separated labels' }),
		time('Last Observed Time', 'lastObservedTime'),
		text('Owner', 'owner', { description: 'The user name of the incident\'s owner' }),
		verificationStateField,
	];
}

/** Create Incident's Additional Fields: the common ones and the data source. */
export function additionalFields(): INodeProperties[] {
	const dataSource: INodeProperties[] = [
		text('Product Feature', 'productFeature', { placeholder: 'hss', description: 'The data source\'s feature that found the incident' }),
		text('Product Name', 'productName', { placeholder: 'hss', description: 'The data source\'s product' }),
		{
			displayName: 'Source Type',
			name: 'sourceType',
			type: 'options',
			default: 1,
			description: 'What kind of product the data source is',
			options: [
				{ name: 'Cloud Product', value: 1 },
				{ name: 'Tenant-Private Product', value: 3 },
				{ name: 'Third-Party Product', value: 2 },
			],
		},
	];
	return [...commonFields(), ...dataSource].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Update Incident's Update Fields: the common ones, title and severity. */
export function updateFields(): INodeProperties[] {
	return [...commonFields(), severityField, text('Title', 'title')].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
