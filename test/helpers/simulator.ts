/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// Starts the SecMaster simulator (a real HTTP server) on an ephemeral port for a test file.
import type { IDataObject } from 'n8n-workflow';

import { createRequire } from 'node:module';
import path from 'node:path';

import { createSimulator } from '../../simulator/server';
import fixture from '../../simulator/fixtures/default.json';

export interface RecordedRequest {
	method: string;
	path: string;
	pathname: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: string;
	json?: IDataObject;
	route: string | null;
	/** The X-request-id the simulator answered with. */
	requestId: string;
	/** How the gateway authenticated the request, if it did. */
	auth: 'token' | 'aksk' | null;
}

export interface Simulator {
	url: string;
	requests: RecordedRequest[];
	state: IDataObject & {
		instances: Record<string, IDataObject>;
		rules: Record<string, IDataObject>;
		appliedOperations: IDataObject[];
	};
	fixture: Fixture;
	start(port?: number): Promise<{ url: string }>;
	stop(): Promise<void>;
	reset(): void;
	clearRequests(): void;
	injectFault(fault: IDataObject): void;
	clearFaults(): void;
	/** Alerts visible from now, or from `when` on (create_time defaults to that time). */
	addAlerts(alerts: SimulatorAlertInput | SimulatorAlertInput[], when?: SimulatorWhen): { at: number; alerts: SimulatorAlert[] };
	/** Playbook instances (with their audit logs) visible from now, or from `when` on. */
	addInstances(
		instances: SimulatorInstanceInput | SimulatorInstanceInput[],
		when?: SimulatorWhen,
	): { at: number; instances: SimulatorInstance[] };
	/** Status change now or at `when`; a terminal status sets end_time to that time, RUNNING/RETRYING clear it. */
	setInstanceStatus(
		id: string,
		status: string,
		when?: SimulatorWhen,
	): { at: number; id: string; status: string; end_time: string | null };
	/** Starts the demo feed (ticks counted from now) or stops it with null. */
	setFeed(feed: { everyMs: number; runMs?: number; max?: number } | null): IDataObject | null;
}

/** `at`: simulator epoch ms or a time like 2026-11-23T12:00:00.000Z+0800; `afterMs`: from now. */
export interface SimulatorWhen {
	at?: number | string;
	afterMs?: number;
}

export interface SimulatorAlertInput extends IDataObject {
	id?: string;
	workspace_id?: string;
	create_time?: string | number;
	update_time?: string | number;
	data_object?: IDataObject;
}

export interface SimulatorAlert extends IDataObject {
	id: string;
	create_time: string;
	update_time: string;
	workspace_id: string;
	data_object: IDataObject;
}

export interface SimulatorInstanceInput extends IDataObject {
	id?: string;
	name?: string;
	workspace_id?: string;
	/** A playbook id or name, or a {id, name, version_id, version} object. */
	playbook?: string | IDataObject;
	/** The instance's dataobject becomes {id: alert id, name: alert title}. */
	alertId?: string;
	status?: string;
	/** What a RETRY ends in (FINISHED by default). */
	retryOutcome?: string;
	start_time?: string | number;
	end_time?: string | number;
	dataobject?: { id: string; name: string };
	trigger_type?: string;
}

export interface SimulatorInstance extends IDataObject {
	id: string;
	name: string;
	status: string;
	start_time: string;
	end_time: string | null;
	playbook: IDataObject;
	dataobject: { id: string; name: string };
}

export interface Fixture extends IDataObject {
	projectId: string;
	tokens: Array<{ value: string; projectId: string; expiresAt?: string }>;
	workspaces: Array<{ id: string; name: string }>;
	instances: Array<IDataObject & { id: string; status: string; workspace_id: string }>;
	versions: Array<IDataObject & { id: string; rule_id: string; trigger_type: string }>;
}

export const FIXTURE = fixture as unknown as Fixture;
export const TOKEN = FIXTURE.tokens.find((token) => !token.expiresAt)!.value;
export const EXPIRED_TOKEN = FIXTURE.tokens.find((token) => token.expiresAt)!.value;
export const PROJECT_ID = FIXTURE.projectId;
export const WORKSPACE_ID = FIXTURE.workspaces[0].id;
export const OTHER_WORKSPACE_ID = FIXTURE.workspaces[1].id;
export const WS_PATH = `/v1/${PROJECT_ID}/workspaces/${WORKSPACE_ID}`;

export function instanceWith(status: string, workspaceId = WORKSPACE_ID) {
	const instance = FIXTURE.instances.find(
		(candidate) => candidate.status.toUpperCase() === status && candidate.workspace_id === workspaceId,
	);
	if (!instance) throw new Error(`The fixture has no ${status} instance in ${workspaceId}`);
	return instance;
}

export function versionWith(triggerType: 'EVENT' | 'TIMER') {
	return FIXTURE.versions.find((version) => version.trigger_type === triggerType)!;
}

const fromDist = createRequire(__filename);

/** Starts a simulator before the file's tests and resets it before each test. */
export function useSimulator(): Simulator {
	const simulator = createSimulator({}) as unknown as Simulator;
	beforeAll(async () => {
		await simulator.start(0);
	});
	beforeEach(() => {
		simulator.reset();
		// The node's memory of this IAM (tokens it obtained, stored credentials it read) goes with it:
		// in the modules the engine runs, those of dist/.
		const transport = path.join(__dirname, '..', '..', 'dist', 'nodes', 'HuaweiSecMaster', 'transport');
		fromDist(path.join(transport, 'iamToken.js')).forgetIamTokens();
		fromDist(path.join(transport, 'authenticatedRequest.js')).forgetStoredReads();
	});
	afterAll(async () => {
		await simulator.stop();
	});
	return simulator;
}

export function credentialsFor(simulator: Simulator, overrides: IDataObject = {}): IDataObject {
	return {
		token: TOKEN,
		projectId: PROJECT_ID,
		workspaceId: WORKSPACE_ID,
		region: 'cn-north-4',
		endpoint: simulator.url,
		...overrides,
	};
}
