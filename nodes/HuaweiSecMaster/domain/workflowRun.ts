import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../parameters/inputErrors';

// Pure rules of Run Workflow: the data object it runs on, and what an instance's status means.

/** A workflow instance's statuses (AopworkflowInstanceDetail); only these three are final. */
export const FINAL_STATUSES = ['FINISHED', 'FAILED', 'TERMINATED'];

/** playbook_context.data_object of CreateWorkflowInstance (DataObjectRefInfo: content, dataclass {id, name*}). */
export interface DataObjectRef {
	content: IDataObject;
	dataclass: { id?: string; name: string };
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const NOT_JSON = Symbol('not JSON');

function parsed(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	let result: unknown = NOT_JSON;
	try {
		result = JSON.parse(value) as unknown;
	} catch {
		// Named below, outside the catch: the field, not the parser's words.
	}
	if (result === NOT_JSON) throw new InputError(field, `${field} is not valid JSON`);
	return result;
}

/**
 * An alert or incident as the node's other operations output it: Simplify on (the data object
 * itself, with its id) or off (a record {id, data_object, dataclass_ref}). The record's own data
 * class wins over `dataclassName`.
 */
export function dataObjectFromRecord(value: unknown, dataclassName: string, field: string): DataObjectRef {
	const record = parsed(value, field);
	if (!isObject(record)) throw new InputError(field, `${field} must be an ${dataclassName.toLowerCase()} (an object)`);
	const inner = isObject(record.data_object) ? record.data_object : record;
	const id = record.id ?? inner.id;
	if (typeof id !== 'string' || !id.trim()) {
		throw new InputError(field, `${field} has no id: it must be an ${dataclassName.toLowerCase()} as SecMaster returns it`);
	}
	const ref = isObject(record.dataclass_ref) ? record.dataclass_ref : {};
	const dataclass: DataObjectRef['dataclass'] = { name: typeof ref.name === 'string' && ref.name ? ref.name : dataclassName };
	if (typeof ref.id === 'string' && ref.id) dataclass.id = ref.id;
	return { content: { ...inner, id }, dataclass };
}

/** A data object given whole: {content, dataclass: {id?, name}}. */
export function dataObjectFromJson(value: unknown, field: string): DataObjectRef {
	const given = parsed(value, field);
	if (!isObject(given)) throw new InputError(field, `${field} must be an object like {"content": {…}, "dataclass": {"name": "Alert"}}`);
	const { content = {}, dataclass } = given;
	if (!isObject(content)) throw new InputError(field, `${field}: content must be an object`);
	if (!isObject(dataclass) || typeof dataclass.name !== 'string' || !dataclass.name.trim()) {
		throw new InputError(field, `${field}: dataclass.name is required (for example "Alert")`);
	}
	const ref: DataObjectRef['dataclass'] = { name: dataclass.name };
	if (dataclass.id !== undefined) {
		if (typeof dataclass.id !== 'string') throw new InputError(field, `${field}: dataclass.id must be text`);
		ref.id = dataclass.id;
	}
	return { content, dataclass: ref };
}

export function isFinal(status: unknown): boolean {
	return FINAL_STATUSES.includes(String(status ?? '').toUpperCase());
}

/** SecMaster's own words for a run that did not finish: the failed actions of its topology. */
export function failureText(instance: IDataObject): string {
	const topology = isObject(instance.topology) ? instance.topology : {};
	const logs = Array.isArray(topology.audit_logs) ? (topology.audit_logs as IDataObject[]) : [];
	const texts = logs
		.filter((log) => String(log.status ?? '').toUpperCase() === 'FAILED' || (typeof log.error_msg === 'string' && log.error_msg))
		.map((log) => [log.action_name, log.error_msg].filter((part) => typeof part === 'string' && part).join(': '))
		.filter(Boolean);
	return texts.length ? texts.join('; ') : 'SecMaster gave no error text';
}
