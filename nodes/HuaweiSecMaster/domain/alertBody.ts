import type { IDataObject } from 'n8n-workflow';

import { DATA_OBJECT_CHOICES, choiceOf, secMasterDate } from './searchFilters';
import { InputError } from '../parameters/inputErrors';

// Pure builders for the alert writes' data_object (docs/api-notes.md, "Alerts: create, update, …").
// A bad value throws InputError naming the field.

export const ALERT_WRITE_CHOICES = {
	...DATA_OBJECT_CHOICES,
	// The SDK's Alert model; the service stores other values too (Terraform's live incident test).
	verificationState: ['Unknown', 'True_Positive', 'False_Positive'],
	closeReason: ['False detection', 'Resolved', 'Repeated', 'Other'],
};

/** A form's optional fields, by parameter name: the data_object field and the display name. */
const TEXT_FIELDS: Record<string, [string, string]> = {
	description: ['description', 'Description'],
	owner: ['owner', 'Owner'],
	labels: ['labels', 'Labels'],
	ipdrrPhase: ['ipdrr_phase', 'Stage'],
	closeComment: ['close_comment', 'Close Comment'],
};
const CHOICE_FIELDS: Record<string, [string, string, string[]]> = {
	severity: ['severity', 'Severity', ALERT_WRITE_CHOICES.severity],
	handleStatus: ['handle_status', 'Handle Status', ALERT_WRITE_CHOICES.handleStatus],
	verificationState: ['verification_state', 'Verification State', ALERT_WRITE_CHOICES.verificationState],
	closeReason: ['close_reason', 'Close Reason', ALERT_WRITE_CHOICES.closeReason],
};
const TIME_FIELDS: Record<string, [string, string]> = {
	firstObservedTime: ['first_observed_time', 'First Observed Time'],
	lastObservedTime: ['last_observed_time', 'Last Observed Time'],
};

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function text(value: unknown, field: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(field, `${field} must be text, not ${typeof value}`);
	return String(value);
}

/** Labels as SecMaster keeps them, one comma-separated string (Terraform's form); a list from an expression is joined. */
function labels(value: unknown): string {
	if (Array.isArray(value)) return value.map((label) => text(label, 'Labels').trim()).filter(Boolean).join(',');
	return text(value, 'Labels');
}

/** The fields of `form` that are set, as data_object fields: choices checked, times in SecMaster's form. */
export function alertFields(form: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const [name, [key, field]] of Object.entries(TEXT_FIELDS)) {
		if (!isEmpty(form[name])) fields[key] = name === 'labels' ? labels(form[name]) : text(form[name], field);
	}
	for (const [name, [key, field, choices]] of Object.entries(CHOICE_FIELDS)) {
		const value = choiceOf(form[name], field, choices);
		if (value) fields[key] = value;
	}
	for (const [name, [key, field]] of Object.entries(TIME_FIELDS)) {
		// Terraform's live-tested form, 2023-04-18T05:00:00.000Z+0000 (a Z, then the offset).
		if (!isEmpty(form[name])) fields[key] = secMasterDate(form[name], field);
	}
	const first = fields.first_observed_time as string | undefined;
	const last = fields.last_observed_time as string | undefined;
	if (first && last && Date.parse(last.slice(0, 24)) < Date.parse(first.slice(0, 24))) {
		throw new InputError('Last Observed Time', `Last Observed Time (${String(form.lastObservedTime)}) is before First Observed Time (${String(form.firstObservedTime)})`);
	}
	return fields;
}

export interface CreateAlertInput {
	title?: unknown;
	severity?: unknown;
	fields?: IDataObject;
	alertType?: IDataObject;
	dataSource?: IDataObject;
	/** More data_object fields as JSON (network_list, resource_list, …); the form's fields win. */
	otherFields?: unknown;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

function objectFromJson(value: unknown, field: string): IDataObject {
	if (isEmpty(value)) return {};
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (parsed === NOT_JSON) throw new InputError(field, `${field} is not valid JSON`);
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InputError(field, `${field} must be a JSON object such as {"confidence": 80}`);
	}
	return parsed as IDataObject;
}

function nested(values: IDataObject | undefined, names: Record<string, string>): IDataObject | undefined {
	const entries = Object.entries(names).flatMap(([name, key]) => (isEmpty(values?.[name]) ? [] : [[key, values![name]] as const]));
	return entries.length ? Object.fromEntries(entries) : undefined;
}

/** `{data_object}` of Create Alert (CreateAlertRequestBody: data_object required). */
export function createAlertBody(input: CreateAlertInput): IDataObject {
	const title = isEmpty(input.title) ? '' : text(input.title, 'Title').trim();
	if (!title) throw new InputError('Title', 'Title is empty');
	const severity = choiceOf(input.severity, 'Severity', ALERT_WRITE_CHOICES.severity);
	if (!severity) throw new InputError('Severity', 'Severity is empty');
	const dataObject: IDataObject = { ...objectFromJson(input.otherFields, 'Other Fields (JSON)'), title, severity, ...alertFields(input.fields ?? {}) };
	const alertType = nested(input.alertType, { category: 'category', alertType: 'alert_type' });
	if (alertType) dataObject.alert_type = alertType;
	const dataSource = nested(input.dataSource, { productName: 'product_name', productFeature: 'product_feature', sourceType: 'source_type' });
	if (dataSource) {
		if (dataSource.source_type !== undefined) {
			const sourceType = Number(dataSource.source_type);
			if (!Number.isInteger(sourceType)) throw new InputError('Source Type', `Source Type must be a whole number; got "${String(dataSource.source_type)}"`);
			dataSource.source_type = sourceType;
		}
		dataObject.data_source = dataSource;
	}
	return { data_object: dataObject };
}

/** Update Alert's data_object: only the fields set ("the update works on only changed columns"). */
export function alertChanges(form: IDataObject): IDataObject {
	const changes = alertFields(form);
	if (!Object.keys(changes).length) throw new InputError('Update Fields', 'Update Fields: set at least one field to change');
	if (changes.handle_status === 'Closed' && !changes.close_reason) {
		throw new InputError('Close Reason', 'Close Reason is required when Handle Status is Closed (or use the Close operation)');
	}
	return changes;
}

/** Close Alert's data_object: handle status Closed with its reason and comment. */
export function closeChanges(reason: unknown, comment: unknown): IDataObject {
	const closeReason = choiceOf(reason, 'Close Reason', ALERT_WRITE_CHOICES.closeReason);
	if (!closeReason) throw new InputError('Close Reason', 'Close Reason is empty');
	const changes: IDataObject = { handle_status: 'Closed', close_reason: closeReason };
	if (!isEmpty(comment)) changes.close_comment = text(comment, 'Comment');
	return changes;
}

/** Alert IDs given as a list (from an expression) or as comma-separated text; `check` refuses a bad one. */
export function alertIdList(value: unknown, check: (id: string) => string | undefined): string[] {
	const list = Array.isArray(value) ? value : isEmpty(value) ? [] : text(value, 'Alert IDs').split(',').map((id) => id.trim());
	const ids = list.map((id) => text(id, 'Alert IDs')).filter((id) => id !== '');
	if (!ids.length) throw new InputError('Alert IDs', 'Alert IDs is empty');
	for (const id of ids) {
		const problem = check(id);
		if (problem) throw new InputError('Alert IDs', `Alert IDs: ${problem}`);
	}
	return [...new Set(ids)];
}
