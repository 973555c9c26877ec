/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it: the rules for shipped node code do not apply */
// Runs the built package through n8n-core's real WorkflowExecute → RoutingNode,
// with real HTTP. Only what n8n's CLI would supply around the engine (node type
// registry, credentials store) is written here; nothing inside n8n is mocked.
import { DirectoryLoader, ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { createRequire } from 'node:module';
import path from 'node:path';

import packageJson from '../../package.json';

import { TestCredentialsHelper } from './credentialsHelper';
import { ON_N8N_1 } from './n8nVersion';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = packageJson as { name: string; n8n: { nodes: string[]; credentials: string[] } };
const loadModule = createRequire(__filename);

export const NODE_TYPE = `${PACKAGE.name}.huaweiSecMaster`;
export const CREDENTIAL_TYPE = 'huaweiSecMasterApi';
const SOURCE_TYPE = 'test.itemSource';
const OTHER_TYPE = 'test.otherNode';

/** Loads node and credential classes exactly as n8n does: through package.json's n8n block into dist/. */
function loadPackage() {
	const nodes: Record<string, INodeType | IVersionedNodeType> = {};
	const credentials: Record<string, ICredentialType> = {};
	for (const file of PACKAGE.n8n.nodes) {
		for (const Class of Object.values(loadModule(path.join(ROOT, file)) as Record<string, new () => INodeType>)) {
			const node = new Class();
			// As n8n's loader does: declarative nodes get the Request Options (batching, timeout, …).
			DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
			nodes[`${PACKAGE.name}.${node.description.name}`] = node;
		}
	}
	for (const file of PACKAGE.n8n.credentials) {
		for (const Class of Object.values(loadModule(path.join(ROOT, file)) as Record<string, new () => ICredentialType>)) {
			const credential = new Class();
			credentials[credential.name] = credential;
		}
	}
	return { nodes, credentials };
}

export const loaded = loadPackage();

/** The upstream node of every test workflow: emits the items the test gives it. */
function itemSource(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Item Source',
			name: 'itemSource',
			group: ['input'],
			version: 1,
			description: 'Emits test items',
			defaults: { name: 'Item Source' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json }))];
		},
	};
}

export function nodeTypes(extra: Record<string, INodeType>): INodeTypes {
	const all: Record<string, INodeType | IVersionedNodeType> = { ...loaded.nodes, ...extra };
	return {
		getByName: (name) => all[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(all[name], version),
		getKnownTypes: () => ({}),
	};
}

/** The plain additionalData n8n's CLI would build, with absolute URLs (empty ones fail). */
export function makeAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		userId: 'test-user',
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	// Plain objects: the tests build them from typed fixtures and records, which n8n's IDataObject does not take as they are.
	parameters: object;
	items?: object[];
	credentials?: object;
	continueOnFail?: boolean;
	typeVersion?: number;
	/** Runs this node type in the node's place, with the same credential (e.g. a stand-in for n8n's HTTP Request node). */
	nodeType?: INodeType;
	/** Given n8n's own way to stop the running execution (the editor's Stop button cancels this same promise). */
	control?: (stop: () => void) => void;
	/** Awaited before each read of the stored credential (1 for the first), as a slow database would be. */
	beforeCredentialRead?: (read: number) => Promise<void>;
}

export interface RunResult {
	/** The finished run; absent when n8n refused to start the workflow. */
	run?: IRun;
	/** Our node's output items (main output 0), or undefined when it failed. */
	items?: INodeExecutionData[];
	/** The error the workflow stopped with, if any. */
	error?: Error & IDataObject;
	/** When n8n refused to start: what it tells the user about the node's issues (see refusalText). */
	refusal?: string;
	credentialsHelper: TestCredentialsHelper;
}

/**
 * n8n 2.x names every issue in the refusal's message. n8n 1.x refuses with a fixed text and shows
 * the issues on the node in the editor instead; they come from the same check the engine ran
 * (WorkflowExecute.checkReadyForExecution), so the 1.x text is its message and those issues.
 */
function refusalText(error: Error, workflowExecute: WorkflowExecute, workflow: Workflow, start: INode): string {
	if (!ON_N8N_1) return error.message;
	const issues = workflowExecute.checkReadyForExecution(workflow, { startNode: start.name }) ?? {};
	const texts = Object.values(issues).flatMap((nodeIssues) => Object.values(nodeIssues.parameters ?? {}).flat());
	return [error.message, ...texts].join('\n');
}

export const NODE_NAME = 'SecMaster';

export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'secmaster-node',
		name: NODE_NAME,
		type: options.nodeType ? OTHER_TYPE : NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [200, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'SecMaster account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const source: INode = {
		id: 'source-node',
		name: 'Source',
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [source, node],
		connections: { Source: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes: nodeTypes({
			[SOURCE_TYPE]: itemSource((options.items ?? [{}]) as IDataObject[]),
			...(options.nodeType ? { [OTHER_TYPE]: options.nodeType } : {}),
		}),
	});

	const credentialsHelper = new TestCredentialsHelper(loaded.credentials, {
		[CREDENTIAL_TYPE]: (options.credentials ?? {}) as IDataObject,
	});
	credentialsHelper.beforeRead = options.beforeCredentialRead;
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: [source, node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = makeAdditionalData(credentialsHelper, hooks);

	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	try {
		const execution = workflowExecute.processRunExecutionData(workflow);
		options.control?.(() => execution.cancel());
		// A stopped execution settles once the node running at the time has returned.
		await execution;
	} catch (error) {
		// n8n refuses to start a workflow whose nodes have issues (e.g. an empty required parameter).
		const refusal = error as Error & IDataObject;
		return { error: refusal, refusal: refusalText(refusal, workflowExecute, workflow, source), credentialsHelper };
	}
	const run = await finished;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run,
		items: taskData?.data?.main?.[0] ?? undefined,
		error: (taskData?.error ?? run.data.resultData.error) as (Error & IDataObject) | undefined,
		credentialsHelper,
	};
}

/** Runs one of the node's list-search methods the way n8n's editor does: through a real LoadOptionsContext. */
export async function listSearch(
	method: string,
	options: { parameters: IDataObject; credentials: IDataObject; filter?: string; paginationToken?: string; typeVersion?: number },
) {
	const node: INode = {
		id: 'secmaster-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: options.typeVersion ?? 2,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'SecMaster account' } },
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes({}) });
	const credentialsHelper = new TestCredentialsHelper(loaded.credentials, { [CREDENTIAL_TYPE]: options.credentials });
	const additionalData = makeAdditionalData(credentialsHelper);
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const nodeType = loaded.nodes[NODE_TYPE] as INodeType;
	const search = nodeType.methods!.listSearch![method];
	return await search.call(context, options.filter, options.paginationToken);
}
