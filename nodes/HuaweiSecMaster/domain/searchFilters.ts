import type { IDataObject } from 'n8n-workflow';

import { parseDateTime } from './ruleBody';
import { InputError } from '../parameters/inputErrors';

// Pure builders for list filters. A bad filter throws InputError naming the field.

function dateMs(value: unknown, field: string): number {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
	if (!text) throw new InputError(field, `${field} is empty`);
	return parseDateTime(text, field);
}

/** The instance list's date format: yyyy-MM-dd'T'HH:mm:ss.SSS'Z'Z, written in UTC. */
export function secMasterDate(value: unknown, field: string): string {
	return `${new Date(dateMs(value, field)).toISOString()}+0000`;
}

/**
 * Alert search's date format, as Huawei's SDK documents from_date/to_date
 * (2023-02-20T00:00:00.000Z): UTC, no offset after the Z.
 */
export function alertSearchDate(value: unknown, field: string): string {
	return new Date(dateMs(value, field)).toISOString();
}

export function dateRange(
	filters: IDataObject,
	fromKey: string,
	toKey: string,
	format: (value: unknown, field: string) => string,
): { from?: string; to?: string } {
	const from = filters[fromKey] ? format(filters[fromKey], 'From Date') : undefined;
	const to = filters[toKey] ? format(filters[toKey], 'To Date') : undefined;
	if (from && to && Date.parse(to.slice(0, 24)) < Date.parse(from.slice(0, 24))) {
		throw new InputError('To Date', `To Date (${String(filters[toKey])}) is before From Date (${String(filters[fromKey])})`);
	}
	return { from, to };
}

/**
 * An options field's value, which an expression can set to anything: one of
 * `choices` exactly, or undefined when left empty.
 */
export function choiceOf(value: unknown, field: string, choices: string[]): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' || !choices.includes(value)) {
		const got = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
		throw new InputError(field, `${field} must be one of ${choices.join(', ')}; got ${got}`);
	}
	return value;
}

const INSTANCE_FILTERS: Record<string, string> = {
	name: 'name',
	playbookName: 'playbook_name',
	dataclassName: 'dataclass_name',
	dataobjectName: 'dataobject_name',
};

/** The options of List Instances' filters (getAll.ts), by parameter: query name, display name, values. */
export const INSTANCE_CHOICES: Record<string, { name: string; field: string; choices: string[] }> = {
	status: {
		name: 'status',
		field: 'Status',
		choices: ['FAILED', 'FINISHED', 'RETRYING', 'RUNNING', 'TERMINATED', 'TERMINATING'],
	},
	triggerType: { name: 'trigger_type', field: 'Trigger Type', choices: ['EVENT', 'TIMER'] },
};

/** Query of List Instances from the Filters collection. */
export function instanceQuery(filters: IDataObject): IDataObject {
	const query: IDataObject = {};
	for (const [field, name] of Object.entries(INSTANCE_FILTERS)) {
		const value = typeof filters[field] === 'string' ? (filters[field] as string).trim() : '';
		if (value) query[name] = value;
	}
	for (const [parameter, { name, field, choices }] of Object.entries(INSTANCE_CHOICES)) {
		const value = choiceOf(filters[parameter], field, choices);
		if (value) query[name] = value;
	}
	const dateType = choiceOf(filters.dateType, 'Date Type', ['START', 'END']);
	const { from, to } = dateRange(filters, 'fromDate', 'toDate', secMasterDate);
	if (from) query.from_date = from;
	if (to) query.to_date = to;
	if (from || to) query.date_type = dateType ?? 'START';
	return query;
}

/** The Filters collection of Search Alerts and Search Incidents. */
export interface DataObjectFilters extends IDataObject {
	fromDate?: string;
	toDate?: string;
	severity?: string[];
	handleStatus?: string[];
	sortBy?: string;
	order?: string;
	conditions?: { condition?: Array<{ field?: string; operator?: string; value?: string }> };
}

/**
 * What each stored Operator sends: SecMaster's condition form ("=", lower-case "contains" and "in",
 * as in Huawei's Terraform provider and its acceptance tests). Equals is stored as 'equals' because
 * n8n evaluates a value starting with '=' as an expression.
 */
const OPERATOR_SENT: Record<string, string> = {
	equals: '=',
	'!=': '!=',
	'>': '>',
	'>=': '>=',
	'<': '<',
	'<=': '<=',
	contains: 'contains',
	in: 'in',
};

/**
 * Equals as older workflows hold it: empty, '==' (stored before 'equals', which n8n hands us
 * as '=': it reads the stored '==' as an expression) or '==' from an expression.
 */
const LEGACY_EQUALS = ['', '=', '=='];

function conditionOperator(operator: unknown): unknown {
	const value = typeof operator === 'string' ? operator.trim() : operator ?? '';
	return typeof value === 'string' && LEGACY_EQUALS.includes(value) ? 'equals' : value;
}

/** The values alerts and incidents share (the SDK's Alert and Incident models). */
export const DATA_OBJECT_CHOICES = {
	severity: ['Tips', 'Low', 'Medium', 'High', 'Fatal'],
	handleStatus: ['Open', 'Block', 'Closed'],
	operator: Object.keys(OPERATOR_SENT),
};

/** A multi-options field: a list (or one value, from an expression) of values from `choices`. */
export function choicesOf(value: unknown, field: string, choices: string[]): string[] {
	const list = value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
	return list.map((item) => choiceOf(item, field, choices) as string);
}

/**
 * Body of Search Alerts and Search Incidents (both take the SDK's DataobjectSearch): time range,
 * severity, handle status and free conditions, all ANDed.
 * Several values of one field are alternatives: one "in" condition with the values comma-joined,
 * as Huawei's Terraform docs write it (["severity", "in", "Tips,Low"]).
 */
export function dataObjectSearchBody(filters: DataObjectFilters): IDataObject {
	const condition = searchCondition(
		[
			['severity', choicesOf(filters.severity, 'Severity', DATA_OBJECT_CHOICES.severity)],
			['handle_status', choicesOf(filters.handleStatus, 'Handle Status', DATA_OBJECT_CHOICES.handleStatus)],
		],
		filters.conditions,
	);
	const body: IDataObject = {
		sort_by: choiceOf(filters.sortBy, 'Sort By', ['create_time', 'update_time']) ?? 'create_time',
		order: choiceOf(filters.order, 'Order', ['DESC', 'ASC']) ?? 'DESC',
	};
	const { from, to } = dateRange(filters, 'fromDate', 'toDate', alertSearchDate);
	if (from) body.from_date = from;
	if (to) body.to_date = to;
	if (condition) body.condition = condition;
	return body;
}

/**
 * SecMaster's `condition` from fields with chosen values (several: one "in" condition, the values
 * comma-joined) and free conditions, all ANDed; undefined when there are none.
 */
export function searchCondition(
	valuesByField: Array<[field: string, values: string[]]>,
	free: DataObjectFilters['conditions'],
): IDataObject | undefined {
	const conditions: Array<{ name: string; data: string[] }> = [];
	const add = (field: string, operator: string, value: string) =>
		conditions.push({ name: `condition_${conditions.length}`, data: [field, operator, value] });
	for (const [field, values] of valuesByField) {
		if (values.length) add(field, values.length > 1 ? 'in' : '=', values.join(','));
	}
	for (const condition of free?.condition ?? []) {
		const field = (condition.field ?? '').trim();
		if (!field) throw new InputError('Conditions', 'A condition has no field');
		const operator = choiceOf(conditionOperator(condition.operator), 'Operator', DATA_OBJECT_CHOICES.operator) as string;
		add(field, OPERATOR_SENT[operator], String(condition.value ?? ''));
	}
	if (!conditions.length) return undefined;
	return { conditions, logics: conditions.flatMap((c, index) => (index ? ['and', c.name] : [c.name])) };
}
