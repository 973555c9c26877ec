import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import type { ItemContext } from '../parameters/itemContext';

/**
 * The output of a rule operation: the response's `data`, with `rule` (a JSON
 * string on the wire) parsed and its raw text kept in `rule_raw`, plus the
 * response's `code` and `message` (a number or a string, as SecMaster sends it).
 */
export function ruleOutput(body: IDataObject, headers: IDataObject = {}): IDataObject {
	const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as IDataObject) : {};
	const output: IDataObject = { ...data };
	if (typeof data.rule === 'string') {
		output.rule_raw = data.rule;
		try {
			output.rule = JSON.parse(data.rule) as IDataObject;
		} catch {
			// Not JSON: the text itself is the rule as SecMaster stored it.
		}
	}
	if (body.code !== undefined) output.code = body.code;
	if (body.message !== undefined) output.message = body.message;

	// Huawei marks the rule APIs as deprecating through these headers: pass the notice on.
	const info = headers['x-api-deprecation-info'];
	const date = headers['x-api-deprecation-date'];
	if (info !== undefined || date !== undefined) {
		output.api_deprecation = { info: info ?? null, date: date ?? null };
	}
	return output;
}

/** A rule operation's output item: the rule as above, or SecMaster's whole answer with Simplify off. */
export function ruleResult(item: ItemContext, response: IN8nHttpFullResponse): IDataObject {
	if (item.getNodeParameter('simplify', true) === false) return response.body as IDataObject;
	return ruleOutput(response.body as IDataObject, response.headers);
}
