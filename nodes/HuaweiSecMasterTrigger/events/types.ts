import type { IPollFunctions } from 'n8n-workflow';

import type { PollRecord } from '../shared/pollState';
import type { Scope } from '../shared/request';

export interface TriggerEvent {
	/** The filters that decide which records count; a change starts the bookkeeping afresh. */
	config(context: IPollFunctions): string;
	/** Every matching record with a time from `fromMs` on (SecMaster's clock). */
	since(context: IPollFunctions, scope: Scope, fromMs: number, deadline: number): Promise<PollRecord[]>;
	/** The newest matching record, for a manual test of the trigger. */
	latest(context: IPollFunctions, scope: Scope): Promise<PollRecord[]>;
}
