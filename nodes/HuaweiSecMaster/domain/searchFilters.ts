import type { IDataObject } from 'n8n-workflow';

import { parseDateTime } from './ruleBody';
import { InputError } from '../parameters/inputErrors';

// Pure builders for list filters. A bad filter throws InputError naming the field.

/** SecMaster's date format for list filters: yyyy-MM-dd'T'HH:mm:ss.SSS'Z'Z, written in UTC. */
export function secMasterDate(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
	if (!text) throw new InputError(field, `${field} is empty`);
	return `${new Date(parseDateTime(text, field)).toISOString()}+0000`;
}

function dateRange(filters: IDataObject, fromKey: string, toKey: string): { from?: string; to?: string } {
	const from = filters[fromKey] ? secMasterDate(filters[fromKey], 'From Date') : undefined;
	const to = filters[toKey] ? secMasterDate(filters[toKey], 'To Date') : undefined;
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
	const { from, to } = dateRange(filters, 'fromDate', 'toDate');
	if (from) query.from_date = from;
	if (to) query.to_date = to;
	if (from || to) query.date_type = dateType ?? 'START';
	return query;
}

export interface AlertFilters extends IDataObject {
	fromDate?: string;
	toDate?: string;
	severity?: string[];
	handleStatus?: string[];
	sortBy?: string;
	order?: string;
	conditions?: { condition?: Array<{ field?: string; operator?: string; value?: string }> };
}

/**
 * The form's Equals is stored as 'equals'. A workflow saved while it was '==' hands us '=':
 * n8n evaluates a value starting with '=' as an expression.
 */
function conditionOperator(operator: string | undefined): string {
	const value = (operator ?? '').trim();
	return value === '' || value === 'equals' || value === '=' ? '==' : value;
}

export const ALERT_CHOICES = {
	severity: ['Tips', 'Low', 'Medium', 'High', 'Fatal'],
	handleStatus: ['Open', 'Block', 'Closed'],
	operator: ['contains', '==', '!=', '>', '>=', '<', '<='],
};

/** A multi-options field: a list (or one value, from an expression) of values from `choices`. */
function choicesOf(value: unknown, field: string, choices: string[]): string[] {
	const list = value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
	return list.map((item) => choiceOf(item, field, choices) as string);
}

/** Body of Search Alerts: time range, severity, handle status and free conditions, ANDed. */
export function alertSearchBody(filters: AlertFilters): IDataObject {
	const conditions: Array<{ name: string; data: string[] }> = [];
	const add = (field: string, operator: string, value: string) =>
		conditions.push({ name: `condition_${conditions.length}`, data: [field, operator, value] });
	const severities = choicesOf(filters.severity, 'Severity', ALERT_CHOICES.severity);
	const statuses = choicesOf(filters.handleStatus, 'Handle Status', ALERT_CHOICES.handleStatus);
	for (const severity of severities) add('severity', '==', severity);
	for (const status of statuses) add('handle_status', '==', status);
	const severityCount = severities.length;
	const statusCount = statuses.length;
	for (const condition of filters.conditions?.condition ?? []) {
		const field = (condition.field ?? '').trim();
		if (!field) throw new InputError('Conditions', 'A condition has no field');
		const operator = choiceOf(conditionOperator(condition.operator), 'Operator', ALERT_CHOICES.operator) as string;
		add(field, operator, String(condition.value ?? ''));
	}
	// Values of one field are alternatives (OR); different fields must all hold (AND).
	const groups: string[][] = [];
	if (severityCount) groups.push(conditions.slice(0, severityCount).map((c) => c.name));
	if (statusCount) groups.push(conditions.slice(severityCount, severityCount + statusCount).map((c) => c.name));
	for (const c of conditions.slice(severityCount + statusCount)) groups.push([c.name]);
	const logics = groups.flatMap((group, index) => [
		...(index ? ['AND'] : []),
		...(group.length > 1 ? ['(', ...group.flatMap((name, i) => (i ? ['OR', name] : [name])), ')'] : group),
	]);

	const body: IDataObject = {
		sort_by: choiceOf(filters.sortBy, 'Sort By', ['create_time', 'update_time']) ?? 'create_time',
		order: choiceOf(filters.order, 'Order', ['DESC', 'ASC']) ?? 'DESC',
	};
	const { from, to } = dateRange(filters, 'fromDate', 'toDate');
	if (from) body.from_date = from;
	if (to) body.to_date = to;
	if (conditions.length) body.condition = { conditions, logics };
	return body;
}
