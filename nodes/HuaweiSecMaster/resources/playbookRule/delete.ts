import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { ruleResult } from '../../domain/ruleOutput';
import { type RuleTarget, ruleTarget, ruleUrl } from './ruleTarget';

export const option: INodePropertyOptions = {
	name: 'Delete Rule',
	value: 'delete',
	action: 'Delete a playbook rule',
	description: 'Delete the trigger rule of a playbook version',
};

/** Delete one version's rule; the output is the rule SecMaster deleted (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, target: RuleTarget): Promise<IDataObject> {
	const url = await ruleUrl(item, run, target);
	// Not 'idempotent' like the PUT: after an unclear failure the rule may be gone already, and
	// sending again would report a rule just deleted as not found.
	return ruleResult(item, await sendChecked(item, run, 'unsafe', { method: 'DELETE', baseURL: target.scope.baseUrl, url }));
}

export const execute = forEachItem({ check: ruleTarget, send });
