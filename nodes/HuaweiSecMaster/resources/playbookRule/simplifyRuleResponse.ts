import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { ruleOutput } from '../../shared/ruleOutput';

/** Turns `{code, message, data}` into one item holding the rule, parsed. */
export async function simplifyRuleResponse(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [{ json: ruleOutput(response.body as IDataObject, response.headers) }];
}
