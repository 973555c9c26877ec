import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../parameters/inputErrors';
import { indicatorValue, INDICATOR_TYPES } from './indicatorValues';
import { choiceOf, choicesOf, dateRange, searchCondition, secMasterDate, type DataObjectFilters } from './searchFilters';

// Pure builders of the indicator requests' bodies from the form's values; a bad value throws
// InputError naming its field. Shapes: Huawei's SDK models and Terraform's live-tested resource
// (docs/api-notes.md, "Indicators").

export const INDICATOR_CHOICES = {
	type: [...INDICATOR_TYPES, 'other'],
	verdict: ['Black', 'Gray', 'White'],
	status: ['Open', 'Closed', 'Revoked'],
	granularity: ['1', '2', '3', '4'],
	sourceType: ['1', '2', '3', '4', '5'],
	sortBy: ['create_time', 'update_time'],
};

/** What the credential and the item's scope add: where the indicator was produced. */
export interface IndicatorScope {
	workspaceId: string;
	projectId: string;
	regionId: string;
}

function text(value: unknown, field: string, required: boolean): string | undefined {
	if (value === undefined || value === null || value === '') {
		if (required) throw new InputError(field, `${field} is empty`);
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(field, `${field} must be text, not ${typeof value}`);
	const trimmed = String(value).trim();
	if (!trimmed && required) throw new InputError(field, `${field} is empty`);
	return trimmed || undefined;
}

/** An options field sent as a number (Terraform sends these as integers, and the live service took them). */
function numberChoice(value: unknown, field: string, choices: string[]): number | undefined {
	const chosen = choiceOf(typeof value === 'number' ? String(value) : value, field, choices);
	return chosen === undefined ? undefined : Number(chosen);
}

/** Confidence: an integer 80-100, the range Huawei's SDK model and Terraform's docs give. */
function confidence(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 80 || number > 100) {
		throw new InputError('Confidence', `Confidence must be a whole number from 80 to 100; got ${JSON.stringify(value)}`);
	}
	return number;
}

function reportTime(value: unknown, field: string): string | undefined {
	return value === undefined || value === null || value === '' ? undefined : secMasterDate(value, field);
}

/** `indicator_type` {indicator_type, id} and the value checked against it. */
function typeAndValue(form: IDataObject): { type: IDataObject; value: string } {
	const chosen = choiceOf(form.type, 'Type', INDICATOR_CHOICES.type);
	if (!chosen) throw new InputError('Type', 'Type is empty');
	const name = chosen === 'other' ? (text(form.typeName, 'Type Name', true) as string) : chosen;
	const id = text(form.typeId, 'Type ID', true) as string;
	return { type: { indicator_type: name, id }, value: indicatorValue(name, form.value) };
}

/** The fields Create and Update share; undefined ones are left out. */
function commonFields(form: IDataObject): IDataObject {
	const fields: IDataObject = {
		name: text(form.name, 'Name', false),
		verdict: choiceOf(form.verdict, 'Threat Degree', INDICATOR_CHOICES.verdict),
		status: choiceOf(form.status, 'Status', INDICATOR_CHOICES.status),
		confidence: confidence(form.confidence),
		labels: text(form.labels, 'Labels', false),
		granular_marking: numberChoice(form.granularity, 'Granularity', INDICATOR_CHOICES.granularity),
		first_report_time: reportTime(form.firstSeen, 'First Seen'),
		last_report_time: reportTime(form.lastSeen, 'Last Seen'),
	};
	if (form.defanged !== undefined) {
		if (typeof form.defanged !== 'boolean') throw new InputError('Defanged', 'Defanged must be true or false');
		fields.defanged = form.defanged;
	}
	const first = fields.first_report_time as string | undefined;
	const last = fields.last_report_time as string | undefined;
	if (first && last && Date.parse(last.slice(0, 24)) < Date.parse(first.slice(0, 24))) {
		throw new InputError('Last Seen', `Last Seen (${String(form.lastSeen)}) is before First Seen (${String(form.firstSeen)})`);
	}
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Body of Create Indicator: `{data_object: CreateIndicatorDetail}`. */
export function createIndicatorBody(form: IDataObject, scope: IndicatorScope): IDataObject {
	for (const [key, field] of [['name', 'Name'], ['firstSeen', 'First Seen']]) text(form[key], field, true);
	for (const [key, field, choices] of [
		['verdict', 'Threat Degree', INDICATOR_CHOICES.verdict],
		['granularity', 'Granularity', INDICATOR_CHOICES.granularity],
	] as const) {
		if (form[key] === undefined || form[key] === '') throw new InputError(field, `${field} is empty; choose one of ${choices.join(', ')}`);
	}
	const { type, value } = typeAndValue(form);
	const domainId = text(form.domainId, 'Account ID', false);
	const where = {
		...(domainId ? { domain_id: domainId } : {}),
		project_id: scope.projectId,
		...(scope.regionId ? { region_id: scope.regionId } : {}),
	};
	const sourceType = numberChoice(form.sourceType ?? '1', 'Data Source Type', INDICATOR_CHOICES.sourceType);
	return {
		data_object: {
			...commonFields(form),
			indicator_type: type,
			value,
			data_source: {
				source_type: sourceType,
				product_name: text(form.productName, 'Product Name', true),
				product_feature: text(form.productFeature, 'Product Feature', true),
				...where,
			},
			environment: where,
			// Required by the SDK's create model; Terraform always sends it.
			defanged: form.defanged ?? false,
			workspace_id: scope.workspaceId,
		},
	};
}

/** Body of Update Indicator: `{data_object: IndicatorDataObjectDetail}` with only the given fields. */
export function updateIndicatorBody(form: IDataObject): IDataObject {
	const dataObject = commonFields(form);
	const typeGiven = ['type', 'typeId', 'typeName'].some((key) => form[key] !== undefined);
	if (form.value !== undefined || typeGiven) {
		// A value is checked against its type, and a type is sent with its ID: they go together.
		if (form.value === undefined) throw new InputError('Value', 'Value is needed with Type: it is checked against it');
		if (form.type === undefined) throw new InputError('Type', 'Type is needed with Value: the value is checked against it');
		Object.assign(dataObject, (({ type, value }) => ({ indicator_type: type, value }))(typeAndValue(form)));
	}
	if (!Object.keys(dataObject).length) throw new InputError('Update Fields', 'Update Fields is empty: add the fields to change');
	return { data_object: dataObject };
}

export interface IndicatorFilters extends IDataObject {
	fromDate?: string;
	toDate?: string;
	verdict?: string[];
	status?: string[];
	sortBy?: string;
	conditions?: DataObjectFilters['conditions'];
}

/**
 * Body of Search Indicators without paging: verdict, status and free conditions ANDed as in alert
 * search; dates in the SDK's indicator form (2024-01-20T00:00:00.000Z+0800), written in UTC. The
 * SDK's model has no `order`: SecMaster answers newest first.
 */
export function indicatorSearchBody(filters: IndicatorFilters): IDataObject {
	const condition = searchCondition(
		[
			['verdict', choicesOf(filters.verdict, 'Threat Degree', INDICATOR_CHOICES.verdict)],
			['status', choicesOf(filters.status, 'Status', INDICATOR_CHOICES.status)],
		],
		filters.conditions,
	);
	const body: IDataObject = {};
	const sortBy = choiceOf(filters.sortBy, 'Sort By', INDICATOR_CHOICES.sortBy);
	if (sortBy) body.sort_by = sortBy;
	const { from, to } = dateRange(filters, 'fromDate', 'toDate', secMasterDate);
	if (from) body.from_date = from;
	if (to) body.to_date = to;
	if (condition) body.condition = condition;
	return body;
}

/** An indicator record (IndicatorDetail): its data_object with the record's id and times. */
export function simplifyIndicator(record: IDataObject): IDataObject {
	const indicator = (record.data_object ?? {}) as IDataObject;
	return {
		...indicator,
		id: record.id ?? indicator.id,
		create_time: indicator.create_time ?? record.create_time,
		update_time: indicator.update_time ?? record.update_time,
	};
}
