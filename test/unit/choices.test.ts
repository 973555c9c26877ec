import { alertConditionsField } from '../../nodes/HuaweiSecMaster/parameters/alertFields';
import { choiceOf, dataObjectSearchBody, instanceQuery } from '../../nodes/HuaweiSecMaster/domain/searchFilters';
import { InputError } from '../../nodes/HuaweiSecMaster/parameters/inputErrors';
import { fields as getAllFields } from '../../nodes/HuaweiSecMaster/resources/playbookInstance/getAll';
import { playbookInstanceDescription } from '../../nodes/HuaweiSecMaster/resources/playbookInstance/index';
import { auditLogSortQuery } from '../../nodes/HuaweiSecMaster/resources/playbookInstance/validate';

const getAuditSort = () => playbookInstanceDescription.find((property) => property.name === 'sort')!;

describe('choiceOf', () => {
	it('takes a value of the list, and nothing for an empty one', () => {
		expect(choiceOf('B', 'Field', ['A', 'B'])).toBe('B');
		for (const empty of [undefined, null, '']) expect(choiceOf(empty, 'Field', ['A'])).toBeUndefined();
	});

	it('refuses anything else, naming the field', () => {
		for (const [value, got] of [
			['b', '"b"'],
			[' B', '" B"'],
			[1, '1'],
			[['B'], '["B"]'],
			[{}, '{}'],
			[true, 'true'],
		] as const) {
			expect(() => choiceOf(value, 'Field', ['A', 'B'])).toThrow(new InputError('Field', `Field must be one of A, B; got ${got}`));
		}
	});
});

describe('instanceQuery', () => {
	it('sends the options filters as chosen', () => {
		expect(instanceQuery({ status: 'RETRYING', triggerType: 'TIMER', fromDate: '2026-01-01T00:00:00Z', dateType: 'END' })).toEqual({
			status: 'RETRYING',
			trigger_type: 'TIMER',
			from_date: '2026-01-01T00:00:00.000Z+0000',
			date_type: 'END',
		});
	});

	it.each([
		[{ status: 'Failed' }, 'Status'],
		[{ triggerType: 'CRON' }, 'Trigger Type'],
		[{ dateType: 'BOTH', fromDate: '2026-01-01T00:00:00Z' }, 'Date Type'],
		[{ dateType: 'end' }, 'Date Type'],
		[{ fromDate: '2026-02-30T00:00:00Z' }, 'From Date'],
	])('refuses %j', (filters, field) => {
		expect(() => instanceQuery(filters)).toThrow(InputError);
		try {
			instanceQuery(filters);
		} catch (error) {
			expect((error as InputError).field).toBe(field);
		}
	});

	it('checks against the lists the form offers', () => {
		const filters = getAllFields.find((property) => property.name === 'filters')!;
		const values = (name: string) =>
			((filters.options as Array<{ name: string; options?: Array<{ value: string }> }>).find((option) => option.name === name)!
				.options ?? []).map((option) => option.value);
		for (const status of values('status')) expect(instanceQuery({ status }).status).toBe(status);
		for (const triggerType of values('triggerType')) expect(instanceQuery({ triggerType }).trigger_type).toBe(triggerType);
		for (const dateType of values('dateType')) {
			expect(instanceQuery({ dateType, toDate: '2026-01-01T00:00:00Z' }).date_type).toBe(dateType);
		}
	});
});

describe('dataObjectSearchBody', () => {
	const operatorOptions = (
		(alertConditionsField.options![0] as { values: Array<{ name: string; options?: Array<{ value: string }> }> }).values.find(
			(value) => value.name === 'operator',
		)!.options ?? []
	).map((option) => option.value);

	it('sends every operator the form offers in SecMaster\'s form', () => {
		const sent = operatorOptions.map(
			(operator) =>
				(dataObjectSearchBody({ conditions: { condition: [{ field: 'f', operator, value: 'v' }] } }).condition as {
					conditions: Array<{ data: string[] }>;
				}).conditions[0].data[1],
		);
		expect(sent).toEqual(['contains', '=', '>', '>=', 'in', '<', '<=', '!=']);
	});

	it('writes the dates in UTC with milliseconds and nothing after the Z', () => {
		expect(dataObjectSearchBody({ fromDate: '2026-11-22T00:00:00+08:00', toDate: '2026-11-22T23:59:59.999+08:00' })).toMatchObject({
			from_date: '2026-11-21T16:00:00.000Z',
			to_date: '2026-11-22T15:59:59.999Z',
		});
	});
});

describe('auditLogSortQuery', () => {
	const sortOptions = (getAuditSort().options as Array<{ name: string; options: Array<{ value: string }> }>).map((option) => [
		option.name,
		option.options.map((choice) => choice.value),
	]);

	it('sends only what is chosen, each value the form offers as it is', () => {
		expect(auditLogSortQuery({})).toEqual({});
		for (const [name, values] of sortOptions as Array<[string, string[]]>) {
			for (const value of values) {
				expect(auditLogSortQuery({ [name]: value })).toEqual({ [name === 'sortKey' ? 'sort_key' : 'sort_dir']: value });
			}
		}
	});

	it.each([
		[{ sortKey: 'create_time' }, 'Sort By'],
		[{ sortDir: 'ASC' }, 'Sort Direction'],
	])('refuses %j', (sort, field) => {
		expect(() => auditLogSortQuery(sort)).toThrow(expect.objectContaining({ field }));
	});
});
