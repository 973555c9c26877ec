import type { IDataObject } from 'n8n-workflow';

import { type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { itemScope, versionRuleId, type WorkspaceScope } from '../../transport/scope';
import { requireId } from '../../parameters/readParameters';
import { workspacePath } from '../../transport/url';

/** The one existing rule Update and Delete Rule act on. */
export interface RuleTarget {
	scope: WorkspaceScope;
	versionId: string;
	/** Undefined with Use the Version's Rule: looked up when sending. */
	ruleId?: string;
}

/** The item's rule, checked; nothing is sent. */
export function ruleTarget(item: ItemContext, run: OperationRun): RuleTarget {
	const scope = itemScope(item, run.credentials);
	const versionId = requireId(item, 'versionId', 'Version ID');
	const useVersionRule = item.getNodeParameter('useVersionRule', false) === true;
	return { scope, versionId, ruleId: useVersionRule ? undefined : requireId(item, 'ruleId', 'Rule ID') };
}

/** The rule's URL; with Use the Version's Rule the version is read for its rule_id. */
export async function ruleUrl(item: ItemContext, run: OperationRun, { scope, versionId, ruleId }: RuleTarget): Promise<string> {
	const getJson = async ({ baseURL, url }: { baseURL: string; url: string }) =>
		(await sendChecked(item, run, 'read', { method: 'GET', baseURL, url })).body as IDataObject;
	const rule = ruleId ?? (await versionRuleId(item, scope, getJson));
	return workspacePath(scope.projectId, scope.workspaceId, ['soc', 'playbooks', 'versions', versionId, 'rules', rule]);
}
