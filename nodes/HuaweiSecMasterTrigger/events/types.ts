import type { IPollFunctions } from 'n8n-workflow';

import type { PollRecord } from '../shared/pollState';
import type { Scope } from '../shared/request';

/** Records SecMaster holds but cannot page out: more than its window share one timestamp. */
export interface Unread {
	time: number;
	count: number;
	what: string;
}

export interface Read {
	records: PollRecord[];
	unread: Unread[];
	/**
	 * Set when the poll ran short of time: every record before it was read, the ones from it
	 * on are for the next poll, which starts there.
	 */
	horizon?: number;
}

export interface TriggerEvent {
	/** The filters that decide which records count; a change starts the bookkeeping afresh. */
	config(context: IPollFunctions): string;
	/**
	 * Every matching record with a time from `fromMs` on (SecMaster's clock). `seenFrom` (at or
	 * before `fromMs`) is where the remembered keys begin: an event dated before it is history.
	 */
	since(context: IPollFunctions, scope: Scope, fromMs: number, deadline: number, seenFrom: number): Promise<Read>;
	/** The newest matching record, for a manual test of the trigger. */
	latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]>;
}
