import type { IDataObject } from 'n8n-workflow';

import { forEachItem, type OperationRun, sendChecked } from '../../shared/customOperation';
import type { ItemContext } from '../../shared/itemContext';
import { ruleOutput } from '../../shared/ruleOutput';
import { itemScope, requireId, versionRuleId } from '../../shared/transport';
import { workspacePath } from '../../shared/url';
import { ruleBodyFor } from './buildRuleBody';

/** Replace one version's rule; the output is the rule SecMaster stored (or its whole answer, Simplify off). */
async function updateRule(item: ItemContext, run: OperationRun): Promise<IDataObject> {
	const scope = itemScope(item, run.credentials);
	const versionId = requireId(item, 'versionId', 'Version ID');
	const useVersionRule = item.getNodeParameter('useVersionRule', false) === true;
	const ruleId = useVersionRule ? undefined : requireId(item, 'ruleId', 'Rule ID');
	// The whole form is checked before any request, the version's look-up included.
	const body = ruleBodyFor(item, run.credentials.authType);

	const rulesOf = (id: string) => workspacePath(scope.projectId, scope.workspaceId, ['soc', 'playbooks', 'versions', versionId, 'rules', id]);
	const getJson = async (request: { baseURL?: string; url: string }) =>
		(await sendChecked(item, run, 'read', { method: 'GET', baseURL: scope.baseUrl, url: request.url })).body as IDataObject;
	const url = rulesOf(ruleId ?? (await versionRuleId(item, scope, getJson)));

	const response = await sendChecked(item, run, 'idempotent', { method: 'PUT', baseURL: scope.baseUrl, url, body });
	if (item.getNodeParameter('simplify', true) === false) return response.body as IDataObject;
	return ruleOutput(response.body as IDataObject, response.headers);
}

export const executeUpdate = forEachItem(updateRule);
