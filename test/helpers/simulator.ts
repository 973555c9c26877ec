// Starts the SecMaster simulator (a real HTTP server) on an ephemeral port for a test file.
import type { IDataObject } from 'n8n-workflow';

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

/** Starts a simulator before the file's tests and resets it before each test. */
export function useSimulator(): Simulator {
	const simulator = createSimulator({}) as unknown as Simulator;
	beforeAll(async () => {
		await simulator.start(0);
	});
	beforeEach(() => simulator.reset());
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
