// Runs the trigger's poll the way n8n does for an active workflow: n8n-core's real
// PollContext and TriggersAndPollers, the workflow's real (observable) static data.
// A "restart" is a new Workflow built from the static data n8n would have saved.
import * as core from 'n8n-core';
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import packageJson from '../../package.json';

import { TestCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_TYPE, loaded, makeAdditionalData, nodeTypes } from './engine';

export const TRIGGER_TYPE = `${(packageJson as { name: string }).name}.huaweiSecMasterTrigger`;

type RunPoll = (workflow: Workflow, node: INode, context: PollContext) => Promise<INodeExecutionData[][] | null>;

/**
 * n8n-core's own poll runner: 2.x exports TriggersAndPollers with runPollFunction; 1.x has the
 * same class (method runPoll) but does not export it from its index.
 */
function pollRunner(): RunPoll {
	const exported = (core as { TriggersAndPollers?: new () => { runPollFunction: RunPoll } }).TriggersAndPollers;
	if (exported) {
		const pollers = new exported();
		return async (...args) => await pollers.runPollFunction(...args);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n-core 1.x's unexported module
	const { TriggersAndPollers } = require('n8n-core/dist/execution-engine/triggers-and-pollers') as {
		TriggersAndPollers: new () => { runPoll: RunPoll };
	};
	const pollers = new TriggersAndPollers();
	return async (...args) => await pollers.runPoll(...args);
}

export interface PollerOptions {
	parameters: IDataObject;
	credentials: IDataObject;
	/** Static data saved by an earlier run: the restart case. */
	staticData?: IDataObject;
	/** What n8n's getPollBudgetMs answers (its default is 5 minutes). */
	pollBudgetMs?: number;
}

export class Poller {
	private workflow: Workflow;
	private readonly node: INode;
	private readonly runPoll = pollRunner();
	private readonly credentialsHelper: TestCredentialsHelper;
	private readonly pollBudgetMs?: number;

	constructor(options: PollerOptions) {
		this.node = {
			id: 'trigger-node',
			name: 'SecMaster Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'SecMaster account' } },
		};
		this.credentialsHelper = new TestCredentialsHelper(loaded.credentials, { [CREDENTIAL_TYPE]: options.credentials });
		this.workflow = this.build(options.staticData);
		this.pollBudgetMs = options.pollBudgetMs;
	}

	private build(staticData?: IDataObject): Workflow {
		return new Workflow({
			id: 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: nodeTypes({}),
			staticData,
		});
	}

	/** One poll in the given mode: the items it emits, or null. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<IDataObject[] | null> {
		const additionalData = makeAdditionalData(this.credentialsHelper);
		const budget = this.pollBudgetMs;
		const context = new PollContext(
			this.workflow, this.node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate',
			undefined, undefined, undefined, undefined, undefined,
			budget === undefined ? undefined : () => budget,
		);
		const result = (await this.runPoll(this.workflow, this.node, context)) as INodeExecutionData[][] | null;
		return result === null ? null : result[0].map((item) => item.json);
	}

	/** The static data as n8n would save it (JSON, without the change marker). */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** n8n restarted: the workflow comes back from its saved static data. */
	restart(): void {
		this.workflow = this.build(this.savedStaticData());
	}
}
