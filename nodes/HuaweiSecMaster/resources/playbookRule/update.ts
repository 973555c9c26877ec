import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { ruleResult } from '../../domain/ruleOutput';
import { ruleBodyFor } from './buildRuleBody';
import { type RuleTarget, ruleTarget, ruleUrl } from './ruleTarget';

export const option: INodePropertyOptions = {
	name: 'Update Rule',
	value: 'update',
	action: 'Update a playbook rule',
	description: 'Replace the trigger rule of a playbook version',
};

interface UpdatePlan {
	target: RuleTarget;
	body: IDataObject;
}

function check(item: ItemContext, run: OperationRun): UpdatePlan {
	return { target: ruleTarget(item, run), body: ruleBodyFor(item, run.credentials.authType) };
}

/** Replace one version's rule; the output is the rule SecMaster stored (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, { target, body }: UpdatePlan): Promise<IDataObject> {
	const url = await ruleUrl(item, run, target);
	return ruleResult(item, await sendChecked(item, run, 'idempotent', { method: 'PUT', baseURL: target.scope.baseUrl, url, body }));
}

export const execute = forEachItem({ check, send });
