import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyBytes, signedBodyProblem } from '../../transport/credentialAuth';
import { parameterError, InputError } from '../../parameters/inputErrors';
import type { ItemContext } from '../../parameters/itemContext';
import { notEvaluated } from '../../parameters/validators';
import { buildEventRule, buildTimerRule, checkRuleJson, parseRuleJson, ruleRequestBody } from '../../domain/ruleBody';
import { requireChoice } from '../../parameters/readParameters';

function readRule(context: ItemContext, triggerType: string): IDataObject {
	const get = (name: string, fallback: unknown = undefined) => context.getNodeParameter(name, fallback);
	if (triggerType === 'event') {
		return buildEventRule({
			expressionType: get('expressionType', 'common'),
			conditions: get('conditions.condition', []) as IDataObject[],
			logics: get('logics', ''),
		});
	}
	if (triggerType === 'timer') {
		const startType = get('startType');
		const endType = get('endType');
		return buildTimerRule({
			cron: get('cron'),
			scheduleType: get('scheduleType'),
			startType,
			startTime: startType === 'CUSTOM' ? get('startTime') : undefined,
			endType,
			endTime: endType === 'CUSTOM' ? get('endTime') : undefined,
			repeatRange: get('repeatRange'),
			onlyOnce: get('onlyOnce'),
			executionType: get('executionType'),
		});
	}
	if (triggerType === 'json') {
		const rule = parseRuleJson(get('ruleJson'));
		checkRuleJson(rule);
		return rule;
	}
	const problem = `Trigger Type must be event, timer or json; got "${triggerType}"${notEvaluated(String(triggerType))}`;
	throw new InputError('Trigger Type', problem);
}

/** The field a rule's bulk comes from, for an error about the body's size. */
function bulkField(triggerType: string, rule: IDataObject): string {
	if (triggerType === 'json') return 'Rule (JSON)';
	if (triggerType === 'event') return 'Conditions';
	return String(rule.cron).length >= String(rule.repeat_range).length ? 'Cron' : 'Repeat Range';
}

/**
 * The request body `{"rule": …}` from one item's form, checked before anything
 * is sent: each problem names its field. `authType` is the credential's, for
 * the gateway's limit on signed bodies.
 */
export function ruleBodyFor(context: ItemContext, authType: unknown): IDataObject {
	const triggerType = context.getNodeParameter('triggerType', 'event') as string;
	let rule: IDataObject;
	try {
		rule = readRule(context, triggerType);
	} catch (error) {
		if (error instanceof InputError) throw parameterError(context, error.field, error.message);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
	}
	const sendAs = context.getNodeParameter('options.sendRuleAs', '')
		? requireChoice(context, 'options.sendRuleAs', 'Send Rule As', ['object', 'string'])
		: 'object';
	const body = ruleRequestBody(rule, sendAs === 'string');

	// The gateway's limit on signed bodies, checked on the bytes signAkSk would sign.
	if (authType === 'aksk') {
		const problem = signedBodyProblem(bodyBytes(body)?.length ?? 0);
		if (problem) throw parameterError(context, bulkField(triggerType, rule), problem);
	}
	return body;
}
