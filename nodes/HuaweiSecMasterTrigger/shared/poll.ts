import { type INodeExecutionData, type IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { instanceStatus } from '../events/instanceStatus';
import { newAlert } from '../events/newAlert';
import type { TriggerEvent } from '../events/types';
import { firstState, isPollState, type PollRecord, queryFrom, takeNew } from './pollState';
import { pollScope } from './request';

const EVENTS: Record<string, TriggerEvent> = { newAlert, instanceStatus };
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
		const existing = await event.since(context, scope, now - late, Infinity);
		staticData.pollState = firstState(config, now, existing, late);
		return null;
	}
	const records = await event.since(context, scope, queryFrom(staticData.pollState, late), deadline(context, now));
	const { emit, state } = takeNew(staticData.pollState, records, late, now);
	staticData.pollState = state;
	return emit.length ? items(emit) : null;
}
