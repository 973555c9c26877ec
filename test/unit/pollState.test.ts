import fc from 'fast-check';

import {
	firstState,
	isPollState,
	type PollRecord,
	type PollState,
	queryFrom,
	secMasterTime,
	startFrom,
	takeNew,
} from '../../nodes/HuaweiSecMasterTrigger/shared/pollState';

const LATE = 10 * 60_000;
const T0 = Date.parse('2026-11-23T00:00:00Z');
const rec = (key: string, time: number): PollRecord => ({ key, time, json: { id: key } });

describe('secMasterTime', () => {
	it('reads Huawei wall-clock time with a literal Z and the offset', () => {
		expect(secMasterTime('2026-11-23T08:00:00.000Z+0800')).toBe(Date.parse('2026-11-23T00:00:00Z'));
		expect(secMasterTime('2021-01-30T23:00:00Z+0800')).toBe(Date.parse('2021-01-30T15:00:00Z'));
	});

	it('reads plain ISO 8601, without an offset as UTC', () => {
		expect(secMasterTime('2026-11-23T00:00:00Z')).toBe(T0);
		expect(secMasterTime('2026-11-23T01:00:00+01:00')).toBe(T0);
		expect(secMasterTime('2026-11-23T00:00:00.123456')).toBe(T0 + 123);
	});

	it('answers NaN for what it cannot read', () => {
		for (const value of [undefined, null, 42, '', 'yesterday', '2026-13-01T00:00:00Z']) {
			expect(secMasterTime(value)).toBeNaN();
		}
	});
});

describe('poll state', () => {
	it('counts what exists at the first poll as seen', () => {
		const state = firstState('c', T0, [rec('a', T0 - 1000), rec('b', T0 - 2000)], LATE);
		expect(state.cursor).toBe(T0 - 1000);
		expect(takeNew(state, [rec('a', T0 - 1000), rec('b', T0 - 2000)], LATE, T0).emit).toEqual([]);
	});

	it('starts the first queries behind the first poll while nothing was seen', () => {
		const state = firstState('c', T0, [], LATE);
		expect(state.cursor).toBeNull();
		expect(queryFrom(state, LATE)).toBe(T0 - LATE);
	});

	it('emits records that share the cursor\'s timestamp once, and in time then key order', () => {
		let state = firstState('c', T0, [rec('a', T0)], LATE);
		const first = takeNew(state, [rec('c', T0), rec('a', T0), rec('b', T0), rec('c', T0)], LATE, T0);
		expect(first.emit.map((r) => r.key)).toEqual(['b', 'c']);
		state = first.state;
		expect(takeNew(state, [rec('a', T0), rec('b', T0), rec('c', T0)], LATE, T0).emit).toEqual([]);
	});

	it('forgets keys only once they fall behind the window its queries start at', () => {
		const state = takeNew(firstState('c', T0, [], LATE), [rec('old', T0), rec('new', T0 + LATE + 1)], LATE, T0).state;
		expect(Object.keys(state.seen)).toEqual(['new']);
		expect(queryFrom(state, LATE)).toBe(T0 + 1);
	});

	it('keeps records without a readable time for the window after now', () => {
		const state = takeNew(firstState('c', T0, [], LATE), [rec('x', NaN)], LATE, T0 + 5).state;
		expect(state.seen.x).toBe(T0 + 5);
	});

	it('after a poll that ran short of time, keeps only records before its horizon and starts the next query there', () => {
		const state = firstState('c', T0, [], LATE);
		const short = takeNew(state, [rec('a', T0 + 1000), rec('b', T0 + 5000)], LATE, T0, T0 + 5000);
		expect(short.emit.map((r) => r.key)).toEqual(['a']);
		expect(short.state.resume).toBe(T0 + 5000);
		expect(startFrom(short.state, LATE)).toBe(T0 + 5000);
		expect(queryFrom(short.state, LATE)).toBe(T0 + 1000 - LATE);
		expect(isPollState(JSON.parse(JSON.stringify(short.state)), 'c')).toBe(true);
		const rest = takeNew(short.state, [rec('b', T0 + 5000)], LATE, T0);
		expect(rest.emit.map((r) => r.key)).toEqual(['b']);
		expect(rest.state.resume).toBeUndefined();
		expect(startFrom(rest.state, LATE)).toBe(T0 + 5000 - LATE);
		expect(isPollState({ ...rest.state, resume: 'x' }, 'c')).toBe(false);
	});

	it('starts at the first poll itself, not a late window before it, when that poll could not read everything', () => {
		expect(queryFrom(firstState('c', T0, [rec('a', T0 - 1000)], LATE, false), LATE)).toBe(T0);
	});

	it('recognises only its own configuration after a JSON round trip', () => {
		const state = JSON.parse(JSON.stringify(firstState('c', T0, [rec('a', T0)], LATE))) as PollState;
		expect(isPollState(state, 'c')).toBe(true);
		expect(isPollState(state, 'other filters')).toBe(false);
		expect(isPollState(undefined, 'c')).toBe(false);
		expect(isPollState({ ...state, version: 2 }, 'c')).toBe(false);
	});

	// The model: records become visible at `visibleAt`, up to the late window after their own
	// time; each poll sees every visible record from its query start on, split into pages
	// that may overlap; the state survives restarts only as JSON. Every record that became
	// visible after the first poll is emitted exactly once, nothing from before.
	it('emits every record that appears after the first poll exactly once (property)', () => {
		const recordArb = fc.record({
			time: fc.integer({ min: 0, max: 3_600_000 }).map((ms) => T0 + Math.floor(ms / 60_000) * 60_000),
			delay: fc.integer({ min: 0, max: LATE }),
		});
		fc.assert(
			fc.property(
				fc.array(recordArb, { maxLength: 60 }),
				fc.array(fc.integer({ min: 1, max: 900_000 }), { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 1, max: 7 }),
				fc.boolean(),
				(specs, gaps, pageSize, restart) => {
					const records = specs.map((s, i) => ({ ...rec(`r${i}`, s.time), visibleAt: s.time + s.delay }));
					const visibleAt = (now: number, from: number) =>
						records.filter((r) => r.visibleAt <= now && r.time >= from);
					// Overlapping pages: each page repeats the previous page's last record.
					const paged = (list: PollRecord[]) =>
						list.flatMap((r, i) => (i > 0 && i % pageSize === 0 ? [list[i - 1], r] : [r]));
					let now = T0 + 30 * 60_000;
					const first = now;
					let state = firstState('c', now, paged(visibleAt(now, now - LATE)), LATE);
					const emitted: string[] = [];
					for (const gap of gaps) {
						now += gap;
						if (restart) state = JSON.parse(JSON.stringify(state)) as PollState;
						const result = takeNew(state, paged(visibleAt(now, queryFrom(state, LATE))), LATE, now);
						emitted.push(...result.emit.map((r) => r.key));
						state = result.state;
					}
					// One more poll after everything has become visible.
					now = Math.max(now, ...records.map((r) => r.visibleAt)) + 1;
					emitted.push(...takeNew(state, visibleAt(now, queryFrom(state, LATE)), LATE, now).emit.map((r) => r.key));
					const expected = records.filter((r) => r.visibleAt > first).map((r) => r.key);
					expect([...emitted].sort()).toEqual([...expected].sort());
				},
			),
			{ seed: 20261123, numRuns: 500 },
		);
	});
});

describe('pollState, edge cases', () => {
	const state = (): PollState => firstState('c', T0, [rec('a', T0)], LATE);

	it('takes a stored state only when every field has its type', () => {
		const good = state();
		expect(isPollState({ ...good, cursor: null }, 'c')).toBe(true);
		for (const broken of [
			{ ...good, since: String(T0) },
			{ ...good, cursor: String(T0) },
			{ ...good, cursor: undefined },
			{ ...good, seen: 1 },
			{ ...good, seen: null },
		]) {
			expect(isPollState(broken, 'c')).toBe(false);
		}
	});

	it('remembers what earlier polls saw even when a poll does not return it', () => {
		const later = takeNew(state(), [rec('b', T0 + 1)], LATE, T0 + 1).state;
		expect(later.seen).toEqual({ a: T0, b: T0 + 1 });
		expect(takeNew(later, [rec('a', T0), rec('b', T0 + 1)], LATE, T0 + 2).emit).toEqual([]);
	});

	it('emits records of one time in key order, whatever order SecMaster lists them in', () => {
		const keys = ['d', 'b', 'e', 'a', 'c'];
		fc.assert(
			fc.property(fc.shuffledSubarray(keys, { minLength: keys.length }), (shuffled) => {
				const { emit } = takeNew(firstState('c', T0, [], LATE), shuffled.map((key) => rec(key, T0 + 1)), LATE, T0);
				expect(emit.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
			}),
			{ seed: 13 },
		);
	});

	it('reads a record time with surrounding whitespace', () => {
		expect(secMasterTime(' 2026-11-23T08:00:00.000Z+0800 ')).toBe(T0);
	});
});
