import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { simplifyDataObject } from '../../domain/records';
import { idParameter } from '../../parameters/fields';
import { requireId } from '../../parameters/readParameters';
import type { ItemContext } from '../../parameters/itemContext';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';
import type { OperationRun } from '../../transport/checkedEngine';

/** The Incident ID of one operation: picked from the incidents (by title, newest first) or typed. */
export function incidentIdField(operation: string): INodeProperties[] {
	return idParameter('incidentId', 'Incident ID', { resource: ['incident'], operation: [operation] }, 'The ID of the incident', 'searchIncidents');
}

export interface IncidentTarget {
	scope: WorkspaceScope;
	incidentId: string;
	/** `WS/soc/incidents/{id}`: Get, Update and Close. */
	url: string;
}

/** The item's incident, checked; nothing is sent. */
export function incidentTarget(item: ItemContext, run: OperationRun): IncidentTarget {
	const scope = itemScope(item, run.credentials);
	const incidentId = requireId(item, 'incidentId', 'Incident ID');
	return { scope, incidentId, url: workspacePath(scope.projectId, scope.workspaceId, ['soc', 'incidents', incidentId]) };
}

/** An answer `{code, message, data: IncidentDetail}`: the incident itself, or the whole answer with Simplify off. */
export function incidentResult(item: ItemContext, body: IDataObject): IDataObject {
	if (item.getNodeParameter('simplify', true) === false) return body;
	const data = body.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? simplifyDataObject(data as IDataObject) : {};
}
