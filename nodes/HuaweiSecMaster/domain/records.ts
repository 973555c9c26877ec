import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';

import { ruleOutput } from './ruleOutput';

function simplify(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('simplify', true) !== false;
}

/** One item per record of a list response (`instances`, `audit_logs`, `workspaces` or `data`). */
export function recordsFrom(key: string, simplifyRecord?: (record: IDataObject) => IDataObject): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const list = (response.body as IDataObject)[key];
		const records = Array.isArray(list) ? (list as IDataObject[]) : [];
		const shape = simplifyRecord && simplify(this) ? simplifyRecord : (record: IDataObject) => record;
		return records.map((record) => ({ json: shape(record) }));
	};
}

/** `{code, message, data}` → `data` (or the whole response when Simplify is off). */
export async function unwrapData(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (!simplify(this)) return items;
	const data = (response.body as IDataObject).data;
	return [{ json: data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {} }];
}

/** A rule response, with its rule parsed (or the whole response when Simplify is off). */
export async function ruleResponse(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (!simplify(this)) return items;
	return [{ json: ruleOutput(response.body as IDataObject, response.headers) }];
}

/** An alert or incident record (AlertDetail, IncidentDetail): the object itself (`data_object`) with the record's id and times. */
export function simplifyDataObject(record: IDataObject): IDataObject {
	const alert = (record.data_object ?? {}) as IDataObject;
	return { ...alert, id: record.id ?? alert.id, create_time: alert.create_time ?? record.create_time, update_time: alert.update_time ?? record.update_time };
}

/** `{code, message, data: IncidentDetail}` → the incident itself (or the whole response when Simplify is off). */
export async function dataObjectResponse(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (!simplify(this)) return items;
	const data = (response.body as IDataObject).data;
	return [{ json: data && typeof data === 'object' && !Array.isArray(data) ? simplifyDataObject(data as IDataObject) : {} }];
}

/** A note (NotesDetail): its text, kept in `data.content`, as `content`. */
export function simplifyNote(note: IDataObject): IDataObject {
	const { data, ...rest } = note;
	const content = (data as IDataObject | undefined)?.content;
	return typeof content === 'string' ? { ...rest, content } : rest;
}
