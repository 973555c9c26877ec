import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../../HuaweiSecMaster/domain/ruleBody';

// Pure bookkeeping for exactly-once polling. Each poll asks SecMaster for every record
// from (cursor − late window) on and emits those whose key it has not seen. Keys are kept
// until their record falls out of that window, so a record is returned by a query only
// while its key is still remembered: a record sharing a timestamp with the cursor, sitting
// on a page boundary or arriving late (inside the window) is emitted once, never twice.

export interface PollRecord {
	/** What makes this event unique: the alert ID, or instance ID + status + time of the change. */
	key: string;
	/** Epoch ms of the event, on SecMaster's clock. */
	time: number;
	json: IDataObject;
}

export interface PollState {
	version: 1;
	/** The event, filters and workspace the state belongs to; another configuration starts afresh. */
	config: string;
	/** n8n's clock at the first poll (a late window later when that poll ran short): queries never reach further back than its late window. */
	since: number;
	/** The newest record time seen (SecMaster's clock), or null before the first record. */
	cursor: number | null;
	/** Key → record time, for every record inside the late window behind the cursor. */
	seen: Record<string, number>;
	/**
	 * Where the next query starts when the last poll ran short of time: from there on nothing
	 * was read yet. Without it, a window too large for one poll would be read from its start
	 * by every poll and never got past.
	 */
	resume?: number;
}

export function isPollState(value: unknown, config: string): value is PollState {
	const state = value as PollState | undefined;
	return (
		!!state &&
		state.version === 1 &&
		state.config === config &&
		typeof state.since === 'number' &&
		(state.cursor === null || typeof state.cursor === 'number') &&
		!!state.seen &&
		typeof state.seen === 'object' &&
		(state.resume === undefined || typeof state.resume === 'number')
	);
}

/**
 * Where the next query starts: the late window behind the newest record, never behind the
 * first poll's own window (what was older then is history, whether or not it was read).
 */
export function queryFrom(state: PollState, lateWindowMs: number): number {
	return Math.max(state.cursor ?? state.since, state.since) - lateWindowMs;
}

/** The next query's start: `queryFrom`, or later where the last poll stopped short. */
export function startFrom(state: PollState, lateWindowMs: number): number {
	return Math.max(queryFrom(state, lateWindowMs), state.resume ?? -Infinity);
}

/** A record without a readable time is kept as if it happened at `fallback`. */
function timeOf(record: PollRecord, fallback: number): number {
	return Number.isFinite(record.time) ? record.time : fallback;
}

function remember(state: PollState, records: PollRecord[], lateWindowMs: number, now: number): PollState {
	let cursor = state.cursor;
	const seen = { ...state.seen };
	for (const record of records) {
		const time = timeOf(record, now);
		seen[record.key] = time;
		if (cursor === null || time > cursor) cursor = time;
	}
	const next = { ...state, cursor, seen };
	const oldest = queryFrom(next, lateWindowMs);
	for (const [key, time] of Object.entries(seen)) if (time < oldest) delete seen[key];
	return next;
}

/**
 * The first poll of a configuration: everything already there counts as seen, so
 * activating the workflow does not replay history. When that poll could not read all of it
 * (`complete` false), queries start at `now` instead of a late window before it: what was
 * not read is still history.
 */
export function firstState(
	config: string,
	now: number,
	existing: PollRecord[],
	lateWindowMs: number,
	complete = true,
): PollState {
	const since = complete ? now : now + lateWindowMs;
	const empty: PollState = { version: 1, config, since, cursor: null, seen: {} };
	return remember(empty, existing, lateWindowMs, now);
}

/**
 * The records not emitted before, oldest first, and the state that remembers them. With a
 * `horizon` (the poll read everything before it, not all after it) only records before it
 * count, and the next query starts there.
 */
export function takeNew(
	state: PollState,
	read: PollRecord[],
	lateWindowMs: number,
	now: number,
	horizon?: number,
): { emit: PollRecord[]; state: PollState } {
	const records = horizon === undefined ? read : read.filter((record) => record.time < horizon);
	const fresh = new Map<string, PollRecord>();
	for (const record of records) {
		if (!(record.key in state.seen) && !fresh.has(record.key)) fresh.set(record.key, record);
	}
	const emit = [...fresh.values()].sort(
		(a, b) => timeOf(a, now) - timeOf(b, now) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
	);
	const next = remember(state, records, lateWindowMs, now);
	if (horizon === undefined) delete next.resume;
	else next.resume = horizon;
	return { emit, state: next };
}

/** A record's time (SecMaster's `…Z+0800` or ISO 8601; without an offset UTC), NaN when unreadable. */
export function secMasterTime(value: unknown): number {
	return typeof value === 'string' ? readDateTime(value.trim(), 'Z') : NaN;
}
