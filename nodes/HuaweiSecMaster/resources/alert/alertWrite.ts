import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';
import type { BatchMember, BatchOperation } from '../../transport/batchEngine';
import { type OperationRun, sendChecked } from '../../transport/checkedEngine';
import { parameterError, InputError } from '../../parameters/inputErrors';
import type { ItemContext } from '../../parameters/itemContext';
import { requireId } from '../../parameters/readParameters';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';
import { versionedId } from '../../parameters/locators';

// What Update, Close and Delete Alert share: the alert they act on, and the option that puts
// several items' alerts into one request (batch_ids).

type Show = { resource: string[]; operation: string[] };

/** The Alert ID: a resource locator (alerts by title, newest first) from version 2 on. */
export function alertIdField(show: Show): INodeProperties[] {
	return versionedId(
		{
			displayName: 'Alert ID',
			name: 'alertId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'a3f1c0de-2b7e-4c11-9d0e-6f1b2c3d4e5f',
			description: 'The ID of the alert',
			displayOptions: { show },
		},
		'searchAlerts',
	);
}

/** The batching option; its largest value is the node's, Huawei documents no limit on batch_ids. */
export function alertsPerRequestField(show: Show): INodeProperties {
	return {
		displayName: 'Alerts per Request',
		name: 'alertsPerRequest',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 1,
		description:
			'How many input items\' alerts go into one request (SecMaster\'s batch_ids). 1 sends one request per item. Each input item still gets its own output item.',
		displayOptions: { show },
	};
}

/** An InputError from a pure builder as the error naming the field and the item. */
export function guard<T>(item: ItemContext, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof InputError) throw parameterError(item, error.field, error.message);
		throw new NodeOperationError(item.getNode(), error as Error, { itemIndex: item.getItemIndex() });
	}
}

export interface AlertPlan {
	scope: WorkspaceScope;
	alertId: string;
	/** The data_object to send (Update, Close); none for Delete. */
	changes?: IDataObject;
}

export function alertPlan(item: ItemContext, run: OperationRun, changes?: IDataObject): AlertPlan {
	return { scope: itemScope(item, run.credentials), alertId: requireId(item, 'alertId', 'Alert ID'), changes };
}

export const alertsUrl = (scope: WorkspaceScope, ...segments: string[]) =>
	workspacePath(scope.projectId, scope.workspaceId, ['soc', 'alerts', ...segments]);

function simplify(item: ItemContext): boolean {
	return item.getNodeParameter('simplify', true) !== false;
}

/** Read once per run, from the first item, as n8n reads the Request Options. */
function perRequest(first: ItemContext): number {
	const size = Number(first.getNodeParameter('alertsPerRequest', 1));
	return Number.isFinite(size) && size >= 1 ? size : 1;
}

/**
 * Update and Close: one item, `PUT /alerts/{id}` (the alert SecMaster answers is the output, as Get
 * gives it); several, `POST /alerts/batch-update` with the IDs and the one data_object they share.
 */
export function changeOperation(check: (item: ItemContext, run: OperationRun) => AlertPlan): BatchOperation<AlertPlan> {
	const size = perRequest;
	return {
		check,
		size,
		key: ({ scope, changes }) => JSON.stringify([scope.baseUrl, scope.projectId, scope.workspaceId, changes]),
		async send(members: Array<BatchMember<AlertPlan>>, run: OperationRun) {
			const [{ item, plan }] = members;
			const { scope, changes } = plan;
			if (size(item) === 1) {
				const url = alertsUrl(scope, plan.alertId);
				// A PUT sets the given fields to the given values: sending it twice changes nothing more.
				const response = await sendChecked(item, run, 'idempotent', { method: 'PUT', baseURL: scope.baseUrl, url, body: { data_object: changes! } });
				const body = response.body as IDataObject;
				return [simplify(item) ? ((body.data ?? {}) as IDataObject) : body];
			}
			const ids = [...new Set(members.map((member) => member.plan.alertId))];
			// Idempotent like the PUT: it sets the same fields of the listed alerts to the same values.
			const response = await sendChecked(item, run, 'idempotent', {
				method: 'POST',
				baseURL: scope.baseUrl,
				url: alertsUrl(scope, 'batch-update'),
				body: { batch_ids: ids, data_object: changes! },
			});
			const body = response.body as IDataObject;
			const record = (body.data ?? {}) as IDataObject;
			// SecMaster answers one alert for the whole request (ChangeAlertsResponse.data): that alert's
			// item gets it, the others their ID and the fields that were set.
			return members.map(({ item: member, plan: { alertId } }) => {
				if (!simplify(member)) return body;
				return record.id === alertId ? record : { id: alertId, data_object: changes! };
			});
		},
	};
}

function idList(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [];
}

/** The item error for an ID the answer lists as failed, or does not list at all. */
function notDone(item: ItemContext, alertId: string, listed: boolean, requestId: string): NodeOperationError {
	const problem = listed ? 'SecMaster listed it in error_ids' : 'SecMaster\'s answer lists it neither in success_ids nor in error_ids';
	return new NodeOperationError(item.getNode(), `Alert ${alertId} was not deleted: ${problem}`, {
		itemIndex: item.getItemIndex(),
		description: `The alert may not exist in this workspace.${requestId ? ` Request ID: ${requestId}` : ''}`,
	});
}

/** Delete: `DELETE /alerts` with batch_ids, one ID per item or several; each ID's fate from success_ids / error_ids. */
export const deleteOperation: BatchOperation<AlertPlan> = {
	check: (item, run) => alertPlan(item, run),
	size: perRequest,
	key: ({ scope }) => JSON.stringify([scope.baseUrl, scope.projectId, scope.workspaceId]),
	async send(members, run) {
		const [{ item, plan }] = members;
		const ids = [...new Set(members.map((member) => member.plan.alertId))];
		// Not retried after an unclear failure: sent again, alerts deleted by the first attempt would
		// come back in error_ids, reported as failures.
		const response = await sendChecked(item, run, 'unsafe', {
			method: 'DELETE',
			baseURL: plan.scope.baseUrl,
			url: alertsUrl(plan.scope),
			body: { batch_ids: ids },
		});
		const body = response.body as IDataObject;
		const data = (body.data ?? {}) as IDataObject;
		const succeeded = idList(data.success_ids);
		const failed = idList(data.error_ids);
		const requestId = String(response.headers?.['x-request-id'] ?? '');
		return members.map(({ item: member, plan: { alertId } }) => {
			if (!succeeded.includes(alertId)) return notDone(member, alertId, failed.includes(alertId), requestId);
			return simplify(member) ? { id: alertId, deleted: true } : body;
		});
	},
};
