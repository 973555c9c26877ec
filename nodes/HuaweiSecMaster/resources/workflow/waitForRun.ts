import { type IDataObject, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failureText, isFinal } from '../../domain/workflowRun';
import type { ItemContext } from '../../parameters/itemContext';
import { type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { pause } from '../../transport/pause';
import type { WorkspaceScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';

export function instanceUrl(scope: WorkspaceScope, instanceId: string): string {
	return workspacePath(scope.projectId, scope.workspaceId, ['soc', 'workflows', 'instances', instanceId]);
}

/** One read of a started run; a failure says which run it was, so that nobody starts it again. */
async function readInstance(
	item: ItemContext,
	run: OperationRun,
	scope: WorkspaceScope,
	instanceId: string,
	withTopology = false,
): Promise<IDataObject> {
	try {
		const qs = withTopology ? { show_topology: 'true' } : undefined;
		const response = await sendChecked(item, run, 'read', { method: 'GET', baseURL: scope.baseUrl, url: instanceUrl(scope, instanceId), qs });
		return response.body as IDataObject;
	} catch (error) {
		if (run.signal?.aborted) throw stoppedWhileWaiting(item, instanceId);
		(error as Error).message = `Workflow instance ${instanceId} was started, but reading it failed: ${(error as Error).message}`;
		// sendChecked throws NodeApiErrors, which NodeApiError hands back as they are.
		throw new NodeApiError(item.getNode(), error as JsonObject);
	}
}

function runError(item: ItemContext, instanceId: string, status: string, message: string, description: string) {
	const itemIndex = item.getItemIndex();
	const error = new NodeOperationError(item.getNode(), `Workflow instance ${instanceId} ${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
	error.context = { ...error.context, instanceId, status };
	return error;
}

function stoppedWhileWaiting(item: ItemContext, instanceId: string, status = 'RUNNING') {
	return runError(item, instanceId, status, 'was left running: the execution was stopped while waiting for it', 'The run goes on in SecMaster.');
}

/**
 * Reads the run every `intervalMs` until it is FINISHED (its instance is the output), ends
 * otherwise or outlives `timeoutMs` (an error naming it). Between reads the node only sleeps;
 * a stopped execution (the run's abort signal) ends the waiting, not the SecMaster run.
 */
export async function waitForEnd(
	item: ItemContext,
	run: OperationRun,
	scope: WorkspaceScope,
	instanceId: string,
	{ intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<IDataObject> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const instance = await readInstance(item, run, scope, instanceId);
		const status = String(instance.status ?? '').toUpperCase();
		if (status === 'FINISHED') return instance;
		if (isFinal(status)) {
			const text = failureText(await readInstance(item, run, scope, instanceId, true));
			throw runError(item, instanceId, status, `ended ${status}: ${text}`, `SecMaster's error: ${text}. Retry it with Workflow Instance → Operate.`);
		}
		const left = deadline - Date.now();
		if (left <= 0) {
			throw runError(
				item,
				instanceId,
				status,
				`is still ${status || 'without a status'} after ${timeoutMs / 1000} s`,
				'The run goes on in SecMaster. Read it later with Workflow Instance → Get, or stop it with Operate → Terminate; raise the Timeout to wait longer.',
			);
		}
		await pause(Math.min(intervalMs, left), run.signal);
		if (run.signal?.aborted) throw stoppedWhileWaiting(item, instanceId, status);
	}
}
