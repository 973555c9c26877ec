import { choiceOf, instanceQuery } from '../../nodes/HuaweiSecMaster/domain/searchFilters';
import { InputError } from '../../nodes/HuaweiSecMaster/parameters/inputErrors';
import { getAllDescription } from '../../nodes/HuaweiSecMaster/resources/playbookInstance/getAll';

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
		const filters = getAllDescription.find((property) => property.name === 'filters')!;
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
