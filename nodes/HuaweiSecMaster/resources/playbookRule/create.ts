import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { forEachItem, type OperationRun, type SecMasterRequest, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { ruleResult } from '../../domain/ruleOutput';
import { itemScope } from '../../transport/scope';
import { requireId } from '../../parameters/readParameters';
import { workspacePath } from '../../transport/url';
import { ruleBodyFor } from './buildRuleBody';

export const option: INodePropertyOptions = {
	name: 'Create Rule',
	value: 'create',
	action: 'Create a playbook rule',
	description: 'Create the trigger rule of a playbook version',
};

function check(item: ItemContext, run: OperationRun): SecMasterRequest {
	const scope = itemScope(item, run.credentials);
	const versionId = requireId(item, 'versionId', 'Version ID');
	const url = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'playbooks', 'versions', versionId, 'rules']);
	return { method: 'POST', baseURL: scope.baseUrl, url, body: ruleBodyFor(item, run.credentials.authType) };
}

/** Create one version's rule; the output is the rule SecMaster stored (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, request: SecMasterRequest): Promise<IDataObject> {
	// 'unsafe': after an unclear failure the rule may exist already, and sending again would make a second one.
	return ruleResult(item, await sendChecked(item, run, 'unsafe', request));
}

export const execute = forEachItem({ check, send });
