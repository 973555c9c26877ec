import type { IDataObject } from 'n8n-workflow';
import { InputError } from '../parameters/inputErrors';

// Pure builders for the body of PUT …/versions/{version_id}/rules/{rule_id}.
// Key order follows Huawei's ConditionInfo table, so that filling the form with
// the seed example puts the seed's exact bytes on the wire.

export interface ConditionInput {
	name?: unknown;
	detail?: unknown;
	data?: unknown;
}

export interface EventRuleInput {
	expressionType?: unknown;
	conditions: ConditionInput[];
	logics?: unknown;
}

export interface TimerRuleInput {
	cron?: unknown;
	scheduleType?: unknown;
	startType?: unknown;
	startTime?: unknown;
	endType?: unknown;
	endTime?: unknown;
	repeatRange?: unknown;
	onlyOnce?: unknown;
	executionType?: unknown;
}

const LOGIC_OPERATORS = new Set(['AND', 'OR', 'NOT', '(', ')']);
const SCHEDULE_TYPES = ['second', 'hour', 'day', 'week'];
const START_TYPES = ['IMMEDIATELY', 'CUSTOM'];
const END_TYPES = ['FOREVER', 'CUSTOM'];
const EXECUTION_TYPES = ['PARALLEL', 'SERIAL_WAIT'];
const EXPRESSION_TYPES = ['common'];

// ISO 8601 date-time, with the optional zone forms SecMaster's own examples use
// ("Z", "+08:00", "+0800" and the documented "Z+0800").
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z?)([+-]\d{2}:?\d{2})?$/;

/** JSON.parse that hands back the syntax error instead of throwing it. */
function parseJson(raw: string): unknown {
	try {
		return JSON.parse(raw) as unknown;
	} catch (error) {
		return error as Error;
	}
}

function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

function requireText(value: unknown, field: string, what: string): string {
	if (value !== null && typeof value === 'object') {
		throw new InputError(field, `${field} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`);
	}
	const result = text(value);
	if (!result) throw new InputError(field, `${field} is required ${what}`);
	return result;
}

function requireChoice(value: unknown, field: string, choices: string[]): string {
	const result = requireText(value, field, 'for a timer rule');
	if (!choices.includes(result)) {
		throw new InputError(field, `${field} must be one of ${choices.join(', ')}; got "${result}"`);
	}
	return result;
}

/** Condition data: a list of strings, or one string kept as a single item (the seed's "field, op, value" form). */
export function conditionData(value: unknown, field: string): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	const data = list.map((item) => {
		if (typeof item === 'string') return item;
		if (typeof item === 'number' || typeof item === 'boolean') return String(item);
		throw new InputError(field, `${field} must hold text items only`);
	});
	const kept = data.filter((item) => item.trim() !== '');
	if (kept.length === 0) throw new InputError(field, `${field} needs at least one item`);
	return kept;
}

/** Logics: a list, a JSON array, or text such as `condition_0 AND (condition_1 OR condition_2)`. */
export function parseLogics(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((token) => text(token)).filter(Boolean);
	const raw = text(value);
	if (raw.startsWith('[')) {
		const parsed = parseJson(raw);
		if (parsed instanceof Error) {
			throw new InputError('Logics', 'Logics starts with "[" but is not a valid JSON array');
		}
		if (!Array.isArray(parsed) || parsed.some((token) => typeof token !== 'string')) {
			throw new InputError('Logics', 'Logics as JSON must be an array of strings');
		}
		return parsed.map((token: string) => token.trim()).filter(Boolean);
	}
	return raw.replace(/([()])/g, ' $1 ').split(/\s+/).filter(Boolean);
}

export function buildEventRule(input: EventRuleInput): IDataObject {
	const expressionType = text(input.expressionType) || 'common';
	if (!EXPRESSION_TYPES.includes(expressionType)) {
		throw new InputError('Expression Type', `Expression Type must be "common"; got "${expressionType}"`);
	}
	if (input.conditions.length === 0) {
		throw new InputError('Conditions', 'An event rule needs at least one condition');
	}
	const conditions = input.conditions.map((condition, index) => {
		const label = `Condition ${index + 1}`;
		const name = text(condition.name) || `condition_${index}`;
		const detail = text(condition.detail);
		const data = conditionData(condition.data, `${label} → Data`);
		return detail ? { name, detail, data } : { name, data };
	});
	const names = conditions.map((condition) => condition.name);
	const duplicate = names.find((name, index) => names.indexOf(name) !== index);
	if (duplicate) throw new InputError('Conditions', `Two conditions are named "${duplicate}"`);

	let logics = parseLogics(input.logics);
	if (logics.length === 0) {
		logics = names.flatMap((name, index) => (index === 0 ? [name] : ['AND', name]));
	}
	for (const token of logics) {
		if (!LOGIC_OPERATORS.has(token.toUpperCase()) && !names.includes(token)) {
			throw new InputError(
				'Logics',
				`Logics names "${token}", which is neither an operator (AND, OR, NOT, parentheses) nor a condition (${names.join(', ')})`,
			);
		}
	}
	return { expression_type: expressionType, conditions, logics };
}

/** Date.parse rolls 2026-02-30 over to March 2; a day the calendar does not have is refused instead. */
function isCalendarDay(date: string): boolean {
	const [year, month, day] = date.split('-').map(Number);
	const check = new Date(0);
	check.setUTCFullYear(year, month - 1, day);
	return check.toISOString().startsWith(date);
}

/**
 * Epoch ms of an ISO 8601 date-time, or of SecMaster's `2026-11-23T12:00:00.000Z+0800` (wall-clock
 * time in the trailing offset; the Z is a literal); NaN when unreadable or not a calendar day.
 * Without an offset the time is read in `zoneless`: '' local time, as Date.parse does, or 'Z' UTC.
 */
export function readDateTime(value: string, zoneless: '' | 'Z' = ''): number {
	const match = DATE_TIME.exec(value);
	if (!match || !isCalendarDay(match[1])) return NaN;
	const zone = match[4] ?? (match[3] ? 'Z' : zoneless);
	const normalizedZone = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
	return Date.parse(`${match[1]}T${match[2]}${normalizedZone}`);
}

export function parseDateTime(value: string, field: string): number {
	const time = readDateTime(value);
	if (Number.isNaN(time)) {
		throw new InputError(field, `${field} must be an ISO 8601 date-time such as 2026-01-30T23:00:00Z; got "${value}"`);
	}
	return time;
}

export function buildTimerRule(input: TimerRuleInput): IDataObject {
	const cron = requireText(input.cron, 'Cron', 'for a timer rule');
	const scheduleType = requireChoice(input.scheduleType, 'Schedule Type', SCHEDULE_TYPES);
	const startType = requireChoice(input.startType, 'Start Type', START_TYPES);
	const endType = requireChoice(input.endType, 'End Type', END_TYPES);
	const repeatRange = requireText(input.repeatRange, 'Repeat Range', 'for a timer rule');
	const executionType = requireChoice(input.executionType, 'Execution Type', EXECUTION_TYPES);
	if (typeof input.onlyOnce !== 'boolean') {
		throw new InputError('Only Once', 'Only Once must be true or false');
	}

	const rule: IDataObject = { cron, schedule_type: scheduleType, start_type: startType };
	let start: number | undefined;
	if (startType === 'CUSTOM') {
		const startTime = requireText(input.startTime, 'Start Time', 'when Start Type is CUSTOM');
		start = parseDateTime(startTime, 'Start Time');
		rule.start_time = startTime;
	}
	rule.end_type = endType;
	if (endType === 'CUSTOM') {
		const endTime = requireText(input.endTime, 'End Time', 'when End Type is CUSTOM');
		const end = parseDateTime(endTime, 'End Time');
		if (start !== undefined && end <= start) {
			throw new InputError('End Time', `End Time (${endTime}) must be after Start Time (${String(rule.start_time)})`);
		}
		rule.end_time = endTime;
	}
	rule.repeat_range = repeatRange;
	rule.only_once = input.onlyOnce;
	rule.execution_type = executionType;
	return rule;
}

/** The "JSON" form: the whole rule object, as JSON text or as an object from an expression. */
export function parseRuleJson(value: unknown): IDataObject {
	let rule = value;
	if (typeof value === 'string') {
		if (!value.trim()) throw new InputError('Rule (JSON)', 'Rule (JSON) is empty');
		rule = parseJson(value);
		if (rule instanceof Error) {
			throw new InputError('Rule (JSON)', `Rule (JSON) is not valid JSON: ${rule.message}`);
		}
	}
	if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
		throw new InputError('Rule (JSON)', 'Rule (JSON) must be a JSON object such as {"expression_type": "common", …}');
	}
	return rule as IDataObject;
}

/**
 * What Huawei's ConditionInfo table marks mandatory for timer-triggered
 * playbooks (end_time, as in the form, only with a CUSTOM end).
 */
const TIMER_KEYS = ['cron', 'schedule_type', 'start_type', 'end_type', 'repeat_range', 'only_once', 'execution_type'];

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The JSON form is sent as it is, but not when it cannot be right: a timer rule
 * (one with any timer key) without every key SecMaster requires of timer rules,
 * or logics naming a condition the rule does not have.
 */
export function checkRuleJson(rule: IDataObject): void {
	const field = 'Rule (JSON)';
	const timerKey = TIMER_KEYS.find((key) => key in rule);
	if (timerKey) {
		const required = [...TIMER_KEYS];
		if (rule.start_type === 'CUSTOM') required.push('start_time');
		if (rule.end_type === 'CUSTOM') required.push('end_time');
		const missing = required.filter((key) => isMissing(rule[key]));
		if (missing.length) {
			const keys = missing.map((key) => `"${key}"`).join(', ');
			throw new InputError(field, `Rule (JSON) is a timer rule (it has "${timerKey}") without ${keys}, which timer rules must have`);
		}
	}
	if (rule.logics === undefined) return;
	if (!Array.isArray(rule.logics) || rule.logics.some((token) => typeof token !== 'string')) {
		throw new InputError(field, 'Rule (JSON) has "logics" that is not an array of strings');
	}
	const conditions: unknown[] = Array.isArray(rule.conditions) ? rule.conditions : [];
	const names = conditions
		.map((condition) => (condition as IDataObject | null)?.name)
		.filter((name) => typeof name === 'string');
	for (const token of rule.logics as string[]) {
		if (!LOGIC_OPERATORS.has(token.trim().toUpperCase()) && !names.includes(token.trim())) {
			throw new InputError(
				field,
				`Rule (JSON) has logics naming "${token}", which is neither an operator (AND, OR, NOT, parentheses) nor one of its conditions (${names.join(', ') || 'none'})`,
			);
		}
	}
}

/**
 * The request body. SecMaster's docs and SDKs send `rule` as an object; Huawei's
 * Terraform provider sends it JSON-encoded and passes its live tests, so both are offered.
 */
export function ruleRequestBody(rule: IDataObject, sendAsString: boolean): IDataObject {
	return { rule: sendAsString ? JSON.stringify(rule) : rule };
}
