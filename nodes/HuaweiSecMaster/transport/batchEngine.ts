import {
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import { asNodeError, checkAll, type OperationRun } from './checkedEngine';
import type { ItemContext } from '../parameters/itemContext';
import { pausesBefore } from './requestOptions';

// forEachItem for APIs that take many objects in one request (SecMaster's batch_ids): the items
// are checked first as there, then grouped, `size` at most per request, and each item still gets
// its own output item, paired with it. An item whose object the answer reports as failed gets an
// error of its own; a request that fails fails every item in it.

export interface BatchMember<Plan> {
	item: ItemContext;
	plan: Plan;
}

export interface BatchOperation<Plan> {
	/** The item's parameters checked and its part of a request planned, nothing sent; a problem throws, naming the field. */
	check(item: ItemContext, run: OperationRun): Plan;
	/** How many items one request may take, for the whole run (read from the first item). */
	size(first: ItemContext): number;
	/** Items may share a request only when their keys are equal (same workspace, same change). */
	key(plan: Plan): string;
	/** One request for `members`; one result per member, in order: its output JSON, or its own error. */
	send(members: Array<BatchMember<Plan>>, run: OperationRun): Promise<Array<IDataObject | Error>>;
}

/** Consecutive groups of at most `size` entries with equal keys, in the order of their first item. */
export function groupsOf<T>(entries: T[], size: number, key: (entry: T) => string): T[][] {
	const groups: T[][] = [];
	const open = new Map<string, T[]>();
	for (const entry of entries) {
		const name = key(entry);
		let group = open.get(name);
		if (!group) {
			group = [];
			groups.push(group);
			open.set(name, group);
		}
		group.push(entry);
		if (group.length >= size) open.delete(name);
	}
	return groups;
}

/**
 * The error for one item of a batch. The request's error is shared by every item in it, and n8n
 * reads the item from the error's context: each item gets its own copy.
 */
function errorFor(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as typeof error;
		copy.context = { ...error.context, itemIndex };
		return copy;
	}
	return asNodeError(node, error, itemIndex);
}

/** In stop mode the first failed item stops the node; its error names the others that failed too. */
function stopError(failures: Array<NodeApiError | NodeOperationError>): NodeApiError | NodeOperationError {
	const [first, ...others] = failures;
	if (others.length) {
		const also = others.map((error) => `item ${String(error.context.itemIndex)}: ${error.message}`).join('; ');
		first.description = [first.description, `Failed too: ${also}`].filter(Boolean).join('\n');
	}
	return first;
}

export function forEachBatch<Plan>(operation: BatchOperation<Plan>) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { node, run, batching, continueOnFail, checked } = await checkAll(this, operation.check);
		const results: Array<IDataObject | Error | undefined> = checked.map((entry) => ('error' in entry ? entry.error : undefined));
		const planned = checked.flatMap((entry, itemIndex) => ('plan' in entry ? [{ itemIndex, member: entry }] : []));
		const size = checked.length ? Math.max(1, Math.floor(operation.size(checked[0].item))) : 1;
		const groups = groupsOf(planned, size, ({ member }) => operation.key(member.plan));

		const pending: Array<Promise<void>> = [];
		for (const [groupIndex, group] of groups.entries()) {
			// Request Options → Batching counts requests here, as n8n counts them.
			if (pausesBefore(groupIndex, batching)) await sleep(batching.intervalMs);
			const sent = operation.send(
				group.map(({ member }) => member),
				run,
			);
			pending.push(
				sent.then(
					(answers) => group.forEach(({ itemIndex }, index) => (results[itemIndex] = answers[index])),
					(error: unknown) => group.forEach(({ itemIndex }) => (results[itemIndex] = errorFor(node, error, itemIndex))),
				),
			);
		}
		await Promise.all(pending);

		const output: INodeExecutionData[] = [];
		const failures: Array<NodeApiError | NodeOperationError> = [];
		for (const [itemIndex, result] of results.entries()) {
			const pairedItem = { item: itemIndex };
			if (result instanceof Error || result === undefined) {
				const error = errorFor(node, result ?? new Error('No answer for this item'), itemIndex);
				failures.push(error);
				output.push({ json: {}, error, pairedItem });
			} else output.push({ json: result, pairedItem });
		}
		if (failures.length && !continueOnFail) throw stopError(failures);
		return [output];
	};
}
