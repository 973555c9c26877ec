import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import {
	buildEventRule,
	buildTimerRule,
	parseRuleJson,
	RuleInputError,
	ruleRequestBody,
} from '../../shared/ruleBody';

function readRule(context: IExecuteSingleFunctions): IDataObject {
	const triggerType = context.getNodeParameter('triggerType', 'event') as string;
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
	if (triggerType === 'json') return parseRuleJson(get('ruleJson'));
	throw new RuleInputError('Trigger Type', `Trigger Type must be event, timer or json; got "${triggerType}"`);
}

/** Builds `{"rule": …}` from the form before anything is sent. */
export async function buildRuleBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	let rule: IDataObject;
	try {
		rule = readRule(this);
	} catch (error) {
		if (error instanceof RuleInputError) throw parameterError(this, error.field, error.message);
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: this.getItemIndex() });
	}
	const sendAsString = this.getNodeParameter('options.sendRuleAs', 'object') === 'string';
	requestOptions.body = { ...(requestOptions.body as IDataObject), ...ruleRequestBody(rule, sendAsString) };
	return requestOptions;
}
