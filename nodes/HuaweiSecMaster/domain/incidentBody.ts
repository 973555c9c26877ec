import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../parameters/inputErrors';
import { choiceOf, DATA_OBJECT_CHOICES, secMasterDate } from './searchFilters';

// Pure builders of the incident's data_object (the SDK's Incident model) for Create, Update
// and Close Incident. A bad value throws InputError naming the field.

export const INCIDENT_CHOICES = {
	severity: DATA_OBJECT_CHOICES.severity,
	// Closed is Close Incident's: SecMaster wants a close reason with it.
	handleStatus: ['Open', 'Block'],
	verificationState: ['Unknown', 'True_Positive', 'False_Positive'],
	closeReason: ['False detection', 'Resolved', 'Repeated', 'Other'],
	sourceType: ['1', '2', '3'],
};

/** What Create Incident's fields and Update Incident's Update Fields hold, by parameter name. */
export type IncidentInput = Partial<
	Record<
		| 'title'
		| 'description'
		| 'severity'
		| 'handleStatus'
		| 'owner'
		| 'labels'
		| 'category'
		| 'incidentType'
		| 'verificationState'
		| 'firstObservedTime'
		| 'lastObservedTime'
		| 'productName'
		| 'productFeature'
		| 'sourceType',
		unknown
	>
>;

function text(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(field, `${field} must be text, not ${typeof value}`);
	const trimmed = String(value).trim();
	return trimmed || undefined;
}

const TEXT_FIELDS: Array<[keyof IncidentInput, string, string]> = [
	['description', 'description', 'Description'],
	['owner', 'owner', 'Owner'],
	['labels', 'labels', 'Labels'],
];

/** incident_type: SecMaster's pair; one half alone would leave the other to chance. */
function incidentType(input: IncidentInput): IDataObject | undefined {
	const category = text(input.category, 'Category');
	const type = text(input.incidentType, 'Incident Type');
	if (!category && !type) return undefined;
	if (!category) throw new InputError('Category', 'Category is empty: an Incident Type needs its Category');
	if (!type) throw new InputError('Incident Type', 'Incident Type is empty: a Category needs its Incident Type');
	return { category, incident_type: type };
}

function dataSource(input: IncidentInput): IDataObject | undefined {
	const productName = text(input.productName, 'Product Name');
	const productFeature = text(input.productFeature, 'Product Feature');
	const given = input.sourceType === undefined || input.sourceType === '' ? undefined : String(input.sourceType);
	const sourceType = choiceOf(given, 'Source Type', INCIDENT_CHOICES.sourceType);
	if (!productName && !productFeature && !sourceType) return undefined;
	const source: IDataObject = {};
	if (sourceType) source.source_type = Number(sourceType);
	if (productName) source.product_name = productName;
	if (productFeature) source.product_feature = productFeature;
	return source;
}

/** Observed times in the form Terraform's live tests send (…000Z+0800), written in UTC. */
function observedTimes(input: IncidentInput, dataObject: IDataObject): void {
	const first = input.firstObservedTime ? secMasterDate(input.firstObservedTime, 'First Observed Time') : undefined;
	const last = input.lastObservedTime ? secMasterDate(input.lastObservedTime, 'Last Observed Time') : undefined;
	if (first && last && last < first) {
		throw new InputError(
			'Last Observed Time',
			`Last Observed Time (${String(input.lastObservedTime)}) is before First Observed Time (${String(input.firstObservedTime)})`,
		);
	}
	if (first) dataObject.first_observed_time = first;
	if (last) dataObject.last_observed_time = last;
}

/**
 * The data_object of Create Incident (`create`: title and severity required) or the changes of
 * Update Incident (at least one). Blank text fields are left out, not sent as "".
 */
export function incidentDataObject(input: IncidentInput, mode: 'create' | 'update'): IDataObject {
	const dataObject: IDataObject = {};
	if (mode === 'create' || input.title !== undefined) {
		const title = text(input.title, 'Title');
		if (!title) throw new InputError('Title', 'Title is empty');
		dataObject.title = title;
	}
	for (const [parameter, name, field] of TEXT_FIELDS) {
		const value = text(input[parameter], field);
		if (value) dataObject[name] = value;
	}
	const severity = choiceOf(input.severity, 'Severity', INCIDENT_CHOICES.severity);
	if (!severity && mode === 'create') throw new InputError('Severity', 'Severity is empty');
	if (severity) dataObject.severity = severity;
	const handleStatus = choiceOf(input.handleStatus, 'Handle Status', INCIDENT_CHOICES.handleStatus);
	if (handleStatus) dataObject.handle_status = handleStatus;
	const verification = choiceOf(input.verificationState, 'Verification State', INCIDENT_CHOICES.verificationState);
	if (verification) dataObject.verification_state = verification;
	const type = incidentType(input);
	if (type) dataObject.incident_type = type;
	const source = dataSource(input);
	if (source) dataObject.data_source = source;
	observedTimes(input, dataObject);
	if (mode === 'update' && !Object.keys(dataObject).length) {
		throw new InputError('Update Fields', 'Update Fields is empty: add at least one field to change');
	}
	return dataObject;
}

/** Close Incident's change: handle status Closed with its reason (and a comment when given). */
export function closeDataObject(reason: unknown, comment: unknown): IDataObject {
	const closeReason = choiceOf(reason, 'Close Reason', INCIDENT_CHOICES.closeReason);
	if (!closeReason) throw new InputError('Close Reason', 'Close Reason is empty');
	const dataObject: IDataObject = { handle_status: 'Closed', close_reason: closeReason };
	const closeComment = text(comment, 'Close Comment');
	if (closeComment) dataObject.close_comment = closeComment;
	return dataObject;
}
