import { type IDataObject, type INodeExecutionData, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { instanceStatus } from '../events/instanceStatus';
import { newAlert } from '../events/newAlert';
import { newIncident } from '../events/newIncident';
import { statusChanged } from '../events/statusChanged';
import { workflowInstanceStatus } from '../events/workflowInstanceStatus';
import type { TriggerEvent, Unread } from '../events/types';
import { firstState, isPollState, type PollRecord, queryFrom, startFrom, takeNew } from './pollState';
import { pollScope } from './request';

const EVENTS: Record<string, TriggerEvent> = { newAlert, newIncident, statusChanged, instanceStatus, workflowInstanceStatus };
const DEFAULT_LATE_MINUTES = 10;

function lateWindowMs(context: IPollFunctions): number {
	const minutes = Number(context.getNodeParameter('options.lateArrivalMinutes', DEFAULT_LATE_MINUTES));
	if (!Number.isFinite(minutes) || minutes < 0) {
		throw new NodeOperationError(context.getNode(), 'Late Arrival Window must be zero or more minutes', {
			description: 'Fix the "Late Arrival Window (Minutes)" option of the trigger',
		});
	}
	return minutes * 60_000;
}

/** Stop paging with a fifth of n8n's poll budget left; the rest comes with the next poll. */
function deadline(context: IPollFunctions, start: number): number {
	const budget = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : 5 * 60_000;
	return start + budget * 0.8;
}

/**
 * Records SecMaster cannot page out are said once in n8n's log (a poll cannot both emit and
 * fail, and failing would stop every later poll for as long as the records stay in the window).
 */
function noteUnread(context: IPollFunctions, unread: Unread[], noted: IDataObject): void {
	for (const { time, count, what } of unread) {
		const key = `${what}@${time}`;
		if (noted[key]) continue;
		noted[key] = time;
		context.logger.warn(
			`SecMaster holds ${Number.isFinite(count) ? count : 'more'} ${what} at ${new Date(time).toISOString()} beyond the 9,999 one query can page through; they were not emitted. Narrow the trigger's filters to see them.`,
		);
	}
}

/** Notes about times that have left the late window are dropped: the static data stays small. */
function forgetOld(noted: IDataObject, cursor: number | null, late: number): IDataObject {
	const oldest = (cursor ?? -Infinity) - late;
	return Object.fromEntries(Object.entries(noted).filter(([, time]) => Number(time) >= oldest));
}

function items(records: PollRecord[]): INodeExecutionData[][] {
	return [records.map((record) => ({ json: record.json }))];
}

export async function pollEvents(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const eventName = context.getNodeParameter('event') as string;
	const event = EVENTS[eventName];
	if (!event) throw new NodeOperationError(context.getNode(), `Unknown event "${eventName}"`);
	const scope = await pollScope(context);

	if (context.getMode() === 'manual') {
		const latest = await event.latest(context, scope);
		if (!latest.length) {
			throw new NodeOperationError(context.getNode(), 'SecMaster has no record that matches the trigger yet', {
				description: 'Create one (or widen the filters) and fetch a test event again',
			});
		}
		return items(latest);
	}

	const late = lateWindowMs(context);
	const config = JSON.stringify([eventName, scope.projectId, scope.workspaceId, event.config(context)]);
	const staticData = context.getWorkflowStaticData('node');
	const now = Date.now();
	if (!isPollState(staticData.pollState, config)) {
		// First poll (or new filters): what exists now is history, not news.
		const existing = await event.since(context, scope, now - late, deadline(context, now), now - late);
		staticData.pollState = firstState(config, now, existing.records, late, existing.horizon === undefined);
		staticData.unreadNoted = {};
		return null;
	}
	const state = staticData.pollState;
	const read = await event.since(context, scope, startFrom(state, late), deadline(context, now), queryFrom(state, late));
	const { emit, state: next } = takeNew(state, read.records, late, now, read.horizon);
	staticData.pollState = next;
	staticData.unreadNoted = forgetOld((staticData.unreadNoted ?? {}) as IDataObject, next.cursor, late);
	noteUnread(context, read.unread, staticData.unreadNoted as IDataObject);
	return emit.length ? items(emit) : null;
}
