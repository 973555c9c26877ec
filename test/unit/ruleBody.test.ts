import { buildEventRule, buildTimerRule, checkRuleJson, conditionData, parseDateTime, parseLogics, parseRuleJson, ruleRequestBody } from '../../nodes/HuaweiSecMaster/domain/ruleBody';
import { InputError } from '../../nodes/HuaweiSecMaster/parameters/inputErrors';
import { SEED_RULE_BODY } from '../helpers/forms';

const TIMER = {
	cron: '0 0 2 * * ?',
	scheduleType: 'day',
	startType: 'IMMEDIATELY',
	endType: 'FOREVER',
	repeatRange: '2021-01-30T23:00:00Z+0800',
	onlyOnce: false,
	executionType: 'PARALLEL',
};

function fieldOf(build: () => unknown): string {
	try {
		build();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return (error as InputError).field;
	}
	throw new Error('expected a InputError');
}

describe('event rule', () => {
	it('reproduces the seed example exactly', () => {
		const rule = buildEventRule({
			expressionType: 'common',
			conditions: [{ name: 'condition_0', detail: '123', data: ['handle_status, ==, Open'] }],
			logics: 'condition_0',
		});
		expect(JSON.stringify(ruleRequestBody(rule, false))).toBe(SEED_RULE_BODY);
	});

	it('keeps separate data items (the Terraform shape)', () => {
		const rule = buildEventRule({
			conditions: [{ name: 'c', data: ['waf.alarm.level', '>', '3'] }],
		});
		expect(rule).toEqual({
			expression_type: 'common',
			conditions: [{ name: 'c', data: ['waf.alarm.level', '>', '3'] }],
			logics: ['c'],
		});
	});

	it('names unnamed conditions by position, leaves out an empty detail and ANDs them by default', () => {
		const rule = buildEventRule({
			conditions: [{ data: 'a, ==, 1' }, { name: '', detail: '  ', data: ['b, ==, 2'] }],
		});
		expect(rule.conditions).toEqual([
			{ name: 'condition_0', data: ['a, ==, 1'] },
			{ name: 'condition_1', data: ['b, ==, 2'] },
		]);
		expect(rule.logics).toEqual(['condition_0', 'AND', 'condition_1']);
	});

	it('rejects logics that name a condition that does not exist', () => {
		expect(fieldOf(() => buildEventRule({ conditions: [{ data: ['x'] }], logics: 'condition_0 AND condition_9' }))).toBe(
			'Logics',
		);
	});

	it('rejects no conditions, empty data and duplicate names', () => {
		expect(fieldOf(() => buildEventRule({ conditions: [] }))).toBe('Conditions');
		expect(fieldOf(() => buildEventRule({ conditions: [{ name: 'a', data: [] }] }))).toBe('Condition 1 → Data');
		expect(fieldOf(() => buildEventRule({ conditions: [{ name: 'a', data: ['  '] }] }))).toBe('Condition 1 → Data');
		expect(
			fieldOf(() => buildEventRule({ conditions: [{ name: 'a', data: ['x'] }, { name: 'a', data: ['y'] }] })),
		).toBe('Conditions');
	});

	it('rejects an expression type other than common', () => {
		expect(fieldOf(() => buildEventRule({ expressionType: 'all', conditions: [{ data: ['x'] }] }))).toBe(
			'Expression Type',
		);
	});
});

describe('parseLogics', () => {
	it('splits text, parentheses included', () => {
		expect(parseLogics('condition_0 AND (condition_1 OR condition_2)')).toEqual([
			'condition_0',
			'AND',
			'(',
			'condition_1',
			'OR',
			'condition_2',
			')',
		]);
	});

	it('accepts a JSON array and a list', () => {
		expect(parseLogics('["a", "AND", "b"]')).toEqual(['a', 'AND', 'b']);
		expect(parseLogics(['a', ' OR ', 'b'])).toEqual(['a', 'OR', 'b']);
	});

	it('rejects a broken JSON array', () => {
		expect(fieldOf(() => parseLogics('["a", '))).toBe('Logics');
		expect(fieldOf(() => parseLogics('[1, 2]'))).toBe('Logics');
	});
});

describe('conditionData', () => {
	it('takes a single string as one item and stringifies numbers', () => {
		expect(conditionData('handle_status, ==, Open', 'Data')).toEqual(['handle_status, ==, Open']);
		expect(conditionData(['level', '>', 3], 'Data')).toEqual(['level', '>', '3']);
	});

	it('rejects objects inside the list', () => {
		expect(fieldOf(() => conditionData([{ a: 1 }], 'Data'))).toBe('Data');
	});
});

describe('timer rule', () => {
	it('sends every mandatory field in ConditionInfo order', () => {
		expect(JSON.stringify(buildTimerRule(TIMER))).toBe(
			'{"cron":"0 0 2 * * ?","schedule_type":"day","start_type":"IMMEDIATELY","end_type":"FOREVER","repeat_range":"2021-01-30T23:00:00Z+0800","only_once":false,"execution_type":"PARALLEL"}',
		);
	});

	it('adds start and end times only for CUSTOM', () => {
		const rule = buildTimerRule({
			...TIMER,
			startType: 'CUSTOM',
			startTime: '2026-12-01T00:00:00Z',
			endType: 'CUSTOM',
			endTime: '2026-12-31T00:00:00+08:00',
			startTimeIgnored: 'x',
		} as typeof TIMER);
		expect(Object.keys(rule)).toEqual([
			'cron',
			'schedule_type',
			'start_type',
			'start_time',
			'end_type',
			'end_time',
			'repeat_range',
			'only_once',
			'execution_type',
		]);
		expect(buildTimerRule({ ...TIMER, startTime: '2026-12-01T00:00:00Z' })).not.toHaveProperty('start_time');
	});

	it('rejects each missing mandatory field', () => {
		expect(fieldOf(() => buildTimerRule({ ...TIMER, cron: ' ' }))).toBe('Cron');
		expect(fieldOf(() => buildTimerRule({ ...TIMER, repeatRange: '' }))).toBe('Repeat Range');
		expect(fieldOf(() => buildTimerRule({ ...TIMER, onlyOnce: 'yes' }))).toBe('Only Once');
		expect(fieldOf(() => buildTimerRule({ ...TIMER, scheduleType: 'month' }))).toBe('Schedule Type');
		expect(fieldOf(() => buildTimerRule({ ...TIMER, executionType: 'SERIAL' }))).toBe('Execution Type');
		expect(fieldOf(() => buildTimerRule({ ...TIMER, startType: 'CUSTOM' }))).toBe('Start Time');
		expect(fieldOf(() => buildTimerRule({ ...TIMER, endType: 'CUSTOM', endTime: '' }))).toBe('End Time');
	});

	it('rejects an end before the start and dates that are not ISO 8601', () => {
		const custom = { ...TIMER, startType: 'CUSTOM', endType: 'CUSTOM' };
		expect(
			fieldOf(() => buildTimerRule({ ...custom, startTime: '2026-12-31T00:00:00Z', endTime: '2026-12-01T00:00:00Z' })),
		).toBe('End Time');
		expect(fieldOf(() => buildTimerRule({ ...custom, startTime: '31/12/2026', endTime: '2027-01-01T00:00:00Z' }))).toBe(
			'Start Time',
		);
	});
});

describe('parseDateTime', () => {
	it('understands the zone forms of SecMaster examples', () => {
		const utc = Date.parse('2021-01-30T15:00:00Z');
		expect(parseDateTime('2021-01-30T23:00:00+08:00', 'x')).toBe(utc);
		expect(parseDateTime('2021-01-30T23:00:00+0800', 'x')).toBe(utc);
		expect(parseDateTime('2021-01-30T23:00:00Z+0800', 'x')).toBe(utc);
		expect(parseDateTime('2021-01-30T15:00:00.000Z', 'x')).toBe(utc);
	});

	it('rejects impossible dates', () => {
		expect(() => parseDateTime('2021-13-45T23:00:00Z', 'x')).toThrow(InputError);
		expect(() => parseDateTime('tomorrow', 'x')).toThrow(InputError);
	});

	it('rejects days the calendar does not have, which Date.parse would roll over', () => {
		for (const date of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-06-31', '2026-09-31', '2026-11-31']) {
			expect(Date.parse(`${date}T00:00:00Z`)).not.toBeNaN();
			expect(() => parseDateTime(`${date}T00:00:00Z`, 'x')).toThrow(InputError);
		}
		expect(parseDateTime('2024-02-29T00:00:00Z', 'x')).toBe(Date.UTC(2024, 1, 29));
		expect(parseDateTime('2026-12-31T23:59:59Z', 'x')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
	});
});

describe('JSON rule', () => {
	it('parses text and passes objects through, key order kept', () => {
		expect(JSON.stringify(parseRuleJson('{"logics":["a"],"conditions":[]}'))).toBe('{"logics":["a"],"conditions":[]}');
		expect(parseRuleJson({ cron: '* * *' })).toEqual({ cron: '* * *' });
	});

	it('rejects malformed JSON and non-objects', () => {
		for (const bad of ['{"a":', '', '[1]', 'null', '"text"', 42]) {
			expect(fieldOf(() => parseRuleJson(bad))).toBe('Rule (JSON)');
		}
	});

	it('encodes the rule as a string when asked', () => {
		expect(ruleRequestBody({ a: 1 }, true)).toEqual({ rule: '{"a":1}' });
	});
});

describe('checkRuleJson', () => {
	const TIMER_JSON = {
		cron: '0 0 2 * * ?',
		schedule_type: 'day',
		start_type: 'IMMEDIATELY',
		end_type: 'FOREVER',
		repeat_range: '2021-01-30T23:00:00Z+0800',
		only_once: false,
		execution_type: 'PARALLEL',
	};
	const message = (rule: object) => {
		try {
			checkRuleJson(rule as never);
		} catch (error) {
			expect((error as InputError).field).toBe('Rule (JSON)');
			return (error as Error).message;
		}
		return undefined;
	};

	it('lets the seed examples, partial event rules and unknown keys through', () => {
		expect(message(JSON.parse(SEED_RULE_BODY).rule)).toBeUndefined();
		expect(message(TIMER_JSON)).toBeUndefined();
		expect(message({ ...TIMER_JSON, start_type: 'CUSTOM', start_time: '2026-01-01T00:00:00Z' })).toBeUndefined();
		expect(message({ logics: [] })).toBeUndefined();
		expect(message({ conditions: [{ name: 'a' }], logics: ['(', 'a', ')', 'and', 'not', 'a'] })).toBeUndefined();
		expect(message({ anything: 1 })).toBeUndefined();
	});

	it('wants every key a timer rule must have, once it has one of them', () => {
		expect(message({ cron: '* * *' })).toBe(
			'Rule (JSON) is a timer rule (it has "cron") without "schedule_type", "start_type", "end_type", "repeat_range", "only_once", "execution_type", which timer rules must have',
		);
		expect(message({ ...TIMER_JSON, only_once: null })).toMatch(/without "only_once"/);
		expect(message({ ...TIMER_JSON, cron: ' ' })).toMatch(/without "cron"/);
		expect(message({ ...TIMER_JSON, start_type: 'CUSTOM' })).toMatch(/without "start_time"/);
		expect(message({ ...TIMER_JSON, end_type: 'CUSTOM' })).toMatch(/without "end_time"/);
	});

	it('wants logics to name only its conditions and operators', () => {
		expect(message({ conditions: [{ name: 'a' }], logics: ['a', 'OR', 'b'] })).toBe(
			'Rule (JSON) has logics naming "b", which is neither an operator (AND, OR, NOT, parentheses) nor one of its conditions (a)',
		);
		expect(message({ logics: ['condition_0'] })).toMatch(/nor one of its conditions \(none\)$/);
		expect(message({ conditions: [null, 3], logics: ['a'] })).toMatch(/naming "a"/);
		expect(message({ logics: 'a' })).toBe('Rule (JSON) has "logics" that is not an array of strings');
		expect(message({ logics: [['a']] })).toBe('Rule (JSON) has "logics" that is not an array of strings');
	});
});

/** The field and message a build fails with. */
function problem(build: () => unknown): [string, string] {
	try {
		build();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		expect((error as Error).name).toBe('InputError');
		return [(error as InputError).field, (error as Error).message];
	}
	throw new Error('expected a InputError');
}

describe('what each refusal says', () => {
	const custom = { ...TIMER, startType: 'CUSTOM', endType: 'CUSTOM' };
	it.each<[string, () => unknown, string, string]>([
		['no conditions', () => buildEventRule({ conditions: [] }), 'Conditions', 'An event rule needs at least one condition'],
		['an expression type', () => buildEventRule({ expressionType: 'all', conditions: [{ data: 'x' }] }), 'Expression Type', 'Expression Type must be "common"; got "all"'],
		['no data', () => buildEventRule({ conditions: [{ data: undefined }] }), 'Condition 1 → Data', 'Condition 1 → Data needs at least one item'],
		['null data', () => buildEventRule({ conditions: [{ data: 'x' }, { data: null }] }), 'Condition 2 → Data', 'Condition 2 → Data needs at least one item'],
		['an object in the data', () => conditionData(['a', {}], 'Data'), 'Data', 'Data must hold text items only'],
		['two names alike', () => buildEventRule({ conditions: [{ name: 'a', data: 'x' }, { name: ' a ', data: 'y' }] }), 'Conditions', 'Two conditions are named "a"'],
		['an unknown name in logics', () => buildEventRule({ conditions: [{ data: 'x' }, { data: 'y' }], logics: 'condition_0 AND c9' }), 'Logics', 'Logics names "c9", which is neither an operator (AND, OR, NOT, parentheses) nor a condition (condition_0, condition_1)'],
		['broken JSON logics', () => parseLogics('["a", '), 'Logics', 'Logics starts with "[" but is not a valid JSON array'],
		['JSON logics with a number', () => parseLogics('["a", 1]'), 'Logics', 'Logics as JSON must be an array of strings'],
		['JSON logics that is not a list', () => parseLogics('[1] x'), 'Logics', 'Logics starts with "[" but is not a valid JSON array'],
		['a cron list', () => buildTimerRule({ ...TIMER, cron: ['a'] }), 'Cron', 'Cron must be text, not a list'],
		['a cron object', () => buildTimerRule({ ...TIMER, cron: {} }), 'Cron', 'Cron must be text, not an object'],
		['no cron', () => buildTimerRule({ ...TIMER, cron: null }), 'Cron', 'Cron is required for a timer rule'],
		['no cron at all', () => buildTimerRule({ ...TIMER, cron: undefined }), 'Cron', 'Cron is required for a timer rule'],
		['a schedule type', () => buildTimerRule({ ...TIMER, scheduleType: 'month' }), 'Schedule Type', 'Schedule Type must be one of second, hour, day, week; got "month"'],
		['no start type', () => buildTimerRule({ ...TIMER, startType: '' }), 'Start Type', 'Start Type is required for a timer rule'],
		['an end type', () => buildTimerRule({ ...TIMER, endType: 'NEVER' }), 'End Type', 'End Type must be one of FOREVER, CUSTOM; got "NEVER"'],
		['no repeat range', () => buildTimerRule({ ...TIMER, repeatRange: ' ' }), 'Repeat Range', 'Repeat Range is required for a timer rule'],
		['an execution type', () => buildTimerRule({ ...TIMER, executionType: 'SERIAL' }), 'Execution Type', 'Execution Type must be one of PARALLEL, SERIAL_WAIT; got "SERIAL"'],
		['only once as text', () => buildTimerRule({ ...TIMER, onlyOnce: 'true' }), 'Only Once', 'Only Once must be true or false'],
		['no start time', () => buildTimerRule({ ...TIMER, startType: 'CUSTOM' }), 'Start Time', 'Start Time is required when Start Type is CUSTOM'],
		['no end time', () => buildTimerRule({ ...TIMER, endType: 'CUSTOM' }), 'End Time', 'End Time is required when End Type is CUSTOM'],
		['an end time', () => buildTimerRule({ ...TIMER, endType: 'CUSTOM', endTime: 'soon' }), 'End Time', 'End Time must be an ISO 8601 date-time such as 2026-01-30T23:00:00Z; got "soon"'],
		['an end at the start', () => buildTimerRule({ ...custom, startTime: '2026-12-01T00:00:00Z', endTime: '2026-12-01T08:00:00+08:00' }), 'End Time', 'End Time (2026-12-01T08:00:00+08:00) must be after Start Time (2026-12-01T00:00:00Z)'],
		['empty rule JSON', () => parseRuleJson(''), 'Rule (JSON)', 'Rule (JSON) is empty'],
		['blank rule JSON', () => parseRuleJson(' \n '), 'Rule (JSON)', 'Rule (JSON) is empty'],
		['broken rule JSON', () => parseRuleJson('{"a":'), 'Rule (JSON)', `Rule (JSON) is not valid JSON: ${errorOf(() => JSON.parse('{"a":'))}`],
		['a rule JSON list', () => parseRuleJson('[1]'), 'Rule (JSON)', 'Rule (JSON) must be a JSON object such as {"expression_type": "common", …}'],
	])('%s', (_, build, field, message) => {
		expect(problem(build)).toEqual([field, message]);
	});
});

function errorOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	return '';
}

describe('what each form accepts', () => {
	it('takes numbers and booleans as text, and names a condition whose name is not text by position', () => {
		const rule = buildEventRule({ conditions: [{ name: 7, data: [true, 0] }, { name: {}, detail: ['d'], data: 'x' }, { name: false, detail: true, data: 'y' }], logics: '7 OR condition_1' });
		expect(rule.conditions).toEqual([
			{ name: '7', data: ['true', '0'] },
			{ name: 'condition_1', data: ['x'] },
			{ name: 'false', detail: 'true', data: ['y'] },
		]);
		expect(rule.logics).toEqual(['7', 'OR', 'condition_1']);
	});

	it('drops blank tokens from logics given as a list or as JSON, trimming the others', () => {
		expect(parseLogics(['a', '', ' ', 'b', undefined])).toEqual(['a', 'b']);
		expect(parseLogics('[" a ", "", "OR", "b"]')).toEqual(['a', 'OR', 'b']);
		expect(parseLogics('a  OR\t\tb')).toEqual(['a', 'OR', 'b']);
		for (const empty of ['', '  ', undefined, null, {}]) expect(parseLogics(empty)).toEqual([]);
	});

	it('offers every schedule and execution type SecMaster has', () => {
		for (const scheduleType of ['second', 'hour', 'day', 'week']) {
			expect(buildTimerRule({ ...TIMER, scheduleType }).schedule_type).toBe(scheduleType);
		}
		for (const executionType of ['PARALLEL', 'SERIAL_WAIT']) {
			expect(buildTimerRule({ ...TIMER, executionType }).execution_type).toBe(executionType);
		}
	});

	it('takes a custom end after an immediate start, and any end after a custom start', () => {
		expect(buildTimerRule({ ...TIMER, endType: 'CUSTOM', endTime: '2020-01-01T00:00:00Z' }).end_time).toBe('2020-01-01T00:00:00Z');
		const rule = buildTimerRule({ ...TIMER, startType: 'CUSTOM', startTime: '2026-12-01T00:00:00Z', endType: 'CUSTOM', endTime: '2026-12-01T00:00:01Z' });
		expect([rule.start_time, rule.end_time]).toEqual(['2026-12-01T00:00:00Z', '2026-12-01T00:00:01Z']);
	});
});

describe('readDateTime, every form', () => {
	it('takes minutes without seconds, and reads a time without an offset as local time', () => {
		expect(parseDateTime('2026-12-01T08:30Z', 'x')).toBe(Date.UTC(2026, 11, 1, 8, 30));
		expect(parseDateTime('2026-12-01 08:30:00', 'x')).toBe(new Date(2026, 11, 1, 8, 30).getTime());
	});

	it('reads a "Z" without an offset as UTC, even where local time is not', () => {
		expect(parseDateTime('2026-12-01T08:30:00Z', 'x')).toBe(Date.UTC(2026, 11, 1, 8, 30));
		expect(parseDateTime('2026-12-01T08:30:00.5Z', 'x')).toBe(Date.UTC(2026, 11, 1, 8, 30, 0, 500));
	});

	it('refuses anything before or after the date-time', () => {
		for (const value of ['on 2026-12-01T08:30:00Z', '2026-12-01T08:30:00Z later', '2026-12-01', '2026-12-01T8:30']) {
			expect(() => parseDateTime(value, 'x')).toThrow(InputError);
		}
	});

	it('refuses months and days the calendar does not have', () => {
		for (const date of ['2026-00-10', '2026-13-10', '2026-01-00', '2026-01-32', '2026-01-45']) {
			expect(() => parseDateTime(`${date}T00:00:00Z`, 'x')).toThrow(InputError);
		}
	});
});

describe('checkRuleJson, edge cases', () => {
	const message = (rule: object) => errorOf(() => checkRuleJson(rule as never));

	it('trims logics tokens before matching them', () => {
		expect(message({ conditions: [{ name: 'a' }], logics: [' a ', ' and ', 'NOT', ' b'] })).toBe(
			'Rule (JSON) has logics naming " b", which is neither an operator (AND, OR, NOT, parentheses) nor one of its conditions (a)',
		);
	});

	it('lists only the conditions that have a name', () => {
		expect(message({ conditions: [null, 3, { name: 5 }, { name: 'a' }, { name: 'b' }], logics: ['c'] })).toBe(
			'Rule (JSON) has logics naming "c", which is neither an operator (AND, OR, NOT, parentheses) nor one of its conditions (a, b)',
		);
		expect(message({ conditions: [null, { name: 5 }], logics: ['c'] })).toMatch(/conditions \(none\)$/);
		expect(message({ conditions: 'a', logics: ['a'] })).toMatch(/conditions \(none\)$/);
	});
});
