import type { IDataObject } from 'n8n-workflow';

import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { ruleOutput } from '../../domain/ruleOutput';
import { itemScope, versionRuleId, type WorkspaceScope } from '../../transport/scope';
import { requireId } from '../../parameters/readParameters';
import { workspacePath } from '../../transport/url';
import { ruleBodyFor } from './buildRuleBody';

interface UpdatePlan {
	scope: WorkspaceScope;
	versionId: string;
	/** Undefined with Use the Version's Rule: looked up when sending. */
	ruleId?: string;
	body: IDataObject;
}

function check(item: ItemContext, run: OperationRun): UpdatePlan {
	const scope = itemScope(item, run.credentials);
	const versionId = requireId(item, 'versionId', 'Version ID');
	const useVersionRule = item.getNodeParameter('useVersionRule', false) === true;
	const ruleId = useVersionRule ? undefined : requireId(item, 'ruleId', 'Rule ID');
	return { scope, versionId, ruleId, body: ruleBodyFor(item, run.credentials.authType) };
}

/** Replace one version's rule; the output is the rule SecMaster stored (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, { scope, versionId, ruleId, body }: UpdatePlan): Promise<IDataObject> {
	const getJson = async ({ baseURL, url }: { baseURL: string; url: string }) =>
		(await sendChecked(item, run, 'read', { method: 'GET', baseURL, url })).body as IDataObject;
	const rule = ruleId ?? (await versionRuleId(item, scope, getJson));
	const url = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'playbooks', 'versions', versionId, 'rules', rule]);

	const response = await sendChecked(item, run, 'idempotent', { method: 'PUT', baseURL: scope.baseUrl, url, body });
	if (item.getNodeParameter('simplify', true) === false) return response.body as IDataObject;
	return ruleOutput(response.body as IDataObject, response.headers);
}

export const executeUpdate = forEachItem({ check, send });
