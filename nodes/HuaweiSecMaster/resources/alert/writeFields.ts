import type { INodeProperties } from 'n8n-workflow';

import { alertHandleStatusField, alertSeverityField } from '../../parameters/alertFields';

// The data_object fields Create and Update Alert offer, by parameter name (domain/alertBody.ts reads them).

const single = (field: INodeProperties, description: string): INodeProperties => ({
	...field,
	type: 'options',
	default: (field.options as Array<{ value: string }>)[0].value,
	description,
});

const FIELDS: Record<string, INodeProperties> = {
	closeComment: { displayName: 'Close Comment', name: 'closeComment', type: 'string', default: '', description: 'Why the alert is closed' },
	closeReason: {
		displayName: 'Close Reason',
		name: 'closeReason',
		type: 'options',
		default: 'Resolved',
		options: [
			{ name: 'False Detection', value: 'False detection' },
			{ name: 'Other', value: 'Other' },
			{ name: 'Repeated', value: 'Repeated' },
			{ name: 'Resolved', value: 'Resolved' },
		],
		description: 'Required when the handle status becomes Closed',
	},
	description: { displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '' },
	firstObservedTime: {
		displayName: 'First Observed Time',
		name: 'firstObservedTime',
		type: 'dateTime',
		default: '',
		description: 'When the source first saw it; sent in UTC',
	},
	handleStatus: single(alertHandleStatusField, 'Open, Block (blocked) or Closed (needs a close reason)'),
	ipdrrPhase: {
		displayName: 'Stage',
		name: 'ipdrrPhase',
		type: 'string',
		default: '',
		placeholder: 'Detection and Analysis',
		description: 'The IPDRR phase (ipdrr_phase): Preparation, Detection and Analysis, Containment, Eradication & Recovery, Post-Incident Activity',
	},
	labels: { displayName: 'Labels', name: 'labels', type: 'string', default: '', placeholder: 'phishing,vip', description: 'Comma-separated' },
	lastObservedTime: {
		displayName: 'Last Observed Time',
		name: 'lastObservedTime',
		type: 'dateTime',
		default: '',
		description: 'When the source last saw it; sent in UTC',
	},
	owner: { displayName: 'Owner', name: 'owner', type: 'string', default: '', description: 'The person responsible for the alert' },
	severity: single(alertSeverityField, 'Tips, Low, Medium, High or Fatal'),
	verificationState: {
		displayName: 'Verification State',
		name: 'verificationState',
		type: 'options',
		default: 'Unknown',
		options: [
			{ name: 'False Positive', value: 'False_Positive' },
			{ name: 'True Positive', value: 'True_Positive' },
			{ name: 'Unknown', value: 'Unknown' },
		],
	},
};

/** The named fields, for a collection (n8n's lint wants them sorted by display name). */
export function alertWriteFields(names: string[]): INodeProperties[] {
	return names.map((name) => FIELDS[name]).sort((a, b) => a.displayName.localeCompare(b.displayName));
}
