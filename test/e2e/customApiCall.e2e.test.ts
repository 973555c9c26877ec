/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node beside n8n, not inside it */
// "Custom API call": n8n's own HTTP Request node with the huaweiSecMasterApi credential
// (Predefined Credential Type) on SecMaster APIs the node has no operation for (playbook
// version reviews), in every authentication mode. The simulator checks the AK/SK signatures
// and tokens as the gateway does and records what arrived.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ensureN8n, installPackage, n8nCommand, parseExecuteOutput, ROOT } from '../../scripts/lib/runtime';
import { createSimulator } from '../../simulator/server';
import type { RecordedRequest, Simulator } from '../helpers/simulator';
import { FIXTURE, PROJECT_ID, TOKEN, WORKSPACE_ID } from '../helpers/simulator';

const WS = `/v1/${PROJECT_ID}/workspaces/${WORKSPACE_ID}`;
const DEMO_BASE = `http://127.0.0.1:8787${WS}/soc`;
const SCOPE = { projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4' };
const KEY = (FIXTURE as unknown as { accessKeys: Array<{ ak: string; sk: string; securityToken?: string }> }).accessKeys.find((key) => !key.securityToken)!;
const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];
const AWAITING = '20f5c754-3c43-46c0-a09a-9fc4a3fcbdf2';
const PUBLISHED = '3e498530-55d2-4435-9241-8afa064ceda7';
const REVIEWS = `${WS}/soc/playbooks/versions/approval`;

type Item = { json: Record<string, unknown> };
type RunData = Record<string, Array<{ data?: { main: Item[][] }; error?: { message: string } }>>;

const simulator = createSimulator({}) as unknown as Simulator;
let runtime: ReturnType<typeof ensureN8n>;
let userFolder: string;

/** A workflow of the repository with the demo's simulator address replaced by this run's (and `swap` applied). */
function workflowFile(file: string, swap: Record<string, string> = {}): string {
	let text = readFileSync(path.join(ROOT, file), 'utf8').split(DEMO_BASE).join(`${simulator.url}${WS}/soc`);
	for (const [from, to] of Object.entries(swap)) text = text.split(from).join(to);
	const target = path.join(userFolder, path.basename(file));
	writeFileSync(target, text);
	return target;
}

async function n8n(...args: string[]) {
	const result = await n8nCommand(runtime, userFolder, args);
	if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout.slice(-3000)}`);
	return result;
}

async function execute(id: string) {
	simulator.clearRequests();
	const result = await n8nCommand(runtime, userFolder, ['execute', `--id=${id}`, '--rawOutput']);
	const parsed = parseExecuteOutput(result.stdout) as { data?: { resultData?: { runData?: RunData } } } | undefined;
	const runData = parsed?.data?.resultData?.runData ?? {};
	const json = (node: string) => {
		const items = runData[node]?.[0]?.data?.main?.[0];
		if (!items) throw new Error(`No output for "${node}".\nstdout: ${result.stdout.slice(-3000)}\nstderr: ${result.stderr.slice(-2000)}`);
		return items.map((item) => item.json);
	};
	return { ...result, json };
}

const summary = (requests: RecordedRequest[]) =>
	requests.map((request) => ({ route: request.route, auth: request.auth, token: request.headers['x-auth-token'] ?? null }));

beforeAll(async () => {
	await simulator.start(0);
	runtime = ensureN8n();
	userFolder = mkdtempSync(path.join(tmpdir(), 'secmaster-customapi-'));
	installPackage(userFolder);
	const iamUser = { ...SCOPE, authType: 'password', domainName: USER.domainName, userName: USER.userName, password: USER.password, iamEndpoint: simulator.url, endpoint: simulator.url };
	const credentials = [
		['hwSecMasterAkSk1', { ...SCOPE, authType: 'aksk', accessKeyId: KEY.ak, secretAccessKey: KEY.sk, endpoint: simulator.url }],
		['hwSecMasterDemo1', { ...SCOPE, token: TOKEN, endpoint: simulator.url }],
		['hwSecMasterPass1', iamUser],
		// A token n8n still has but whose renewal time has passed, and one IAM revoked early.
		['hwSecMasterDue1', { ...iamUser, sessionToken: TOKEN, sessionTokenRenewAt: '2020-01-01T00:00:00.000Z' }],
		['hwSecMasterGone1', { ...iamUser, sessionToken: 'revoked-by-iam', sessionTokenRenewAt: '2099-01-01T00:00:00.000Z' }],
	] as const;
	const credentialFile = path.join(userFolder, 'credentials.json');
	writeFileSync(credentialFile, JSON.stringify(credentials.map(([id, data]) => ({ id, name: id, type: 'huaweiSecMasterApi', data }))));
	await n8n('import:credentials', `--input=${credentialFile}`);
	await n8n('import:workflow', `--input=${workflowFile('examples/workflows/custom-api-call.json', { hwSecMasterDemo1: 'hwSecMasterAkSk1' })}`);
	await n8n('import:workflow', `--input=${workflowFile('test/e2e/workflows/custom-api-auth.json')}`);
}, 20 * 60 * 1000);

afterAll(async () => {
	await simulator.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

it('AK/SK: the example approves a version and reads its reviews, each request signed as sent', async () => {
	simulator.reset();
	const run = await execute('hwsmCustomApi001');
	expect(run.status).toBe(0);
	const [approve, reviews] = simulator.requests;
	expect(simulator.requests).toHaveLength(2);
	// Accepted by the gateway's signature check: recorded as AK/SK-authenticated, then answered by SecMaster.
	expect(approve).toMatchObject({
		auth: 'aksk',
		route: 'approveVersion',
		method: 'POST',
		pathname: `${WS}/soc/playbooks/versions/${AWAITING}/approval`,
		body: '{"result":"PASS","content":"Reviewed in n8n"}',
	});
	expect(approve.headers['content-type']).toBe('application/json');
	expect(reviews).toMatchObject({ auth: 'aksk', route: 'listApprovals', method: 'GET', pathname: REVIEWS, query: { approve_type: 'PLAYBOOK', resource_id: AWAITING }, body: '' });
	for (const request of simulator.requests) {
		expect(request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=\w+, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
		expect(request.headers['x-auth-token']).toBeUndefined();
	}
	expect(run.json('Approve the playbook version')).toEqual([{ code: '00000000', message: '', data: { result: 'PASS', content: 'Reviewed in n8n' } }]);
	expect(run.json('Read its reviews')).toEqual([{ code: '00000000', message: '', data: [{ result: 'PASS', content: 'Reviewed in n8n' }] }]);
	expect(`${run.stdout}${run.stderr}`).not.toContain(KEY.sk);
});

it('IAM token and IAM user: logged in, renewed when due or revoked, and a refused request not sent twice', async () => {
	simulator.reset();
	const run = await execute('hwsmE2eCustomApi');
	expect(run.status).toBe(0);
	const issued = (simulator.state.issuedTokens as Array<{ token: string }>).map((login) => login.token);
	expect(issued).toHaveLength(3);
	expect(summary(simulator.requests)).toEqual([
		{ route: 'listApprovals', auth: 'token', token: TOKEN },
		// IAM user, no token yet: n8n logs in first.
		{ route: 'iamTokens', auth: null, token: null },
		{ route: 'listApprovals', auth: 'token', token: issued[0] },
		// Token due: renewed before anything is sent with it.
		{ route: 'iamTokens', auth: null, token: null },
		{ route: 'listApprovals', auth: 'token', token: issued[1] },
		// Token revoked: the gateway's 401, IAM confirms, a new token, the request once more.
		{ route: 'listApprovals', auth: null, token: 'revoked-by-iam' },
		{ route: 'iamValidateToken', auth: null, token: 'revoked-by-iam' },
		{ route: 'iamTokens', auth: null, token: null },
		{ route: 'listApprovals', auth: 'token', token: issued[2] },
		// SecMaster refuses the review: n8n asks for a new token, IAM still vouches for this one, nothing re-sent.
		{ route: 'approveVersion', auth: 'token', token: issued[0] },
		{ route: 'iamValidateToken', auth: null, token: issued[0] },
	]);
	expect(simulator.requests.find((request) => request.route === 'listApprovals')!.query).toEqual({ approve_type: 'PLAYBOOK', resource_id: AWAITING });
	for (const node of ['Token', 'IAM user', 'IAM user, token due', 'IAM user, token revoked']) {
		expect(run.json(node)).toEqual([{ code: '00000000', message: '', data: [] }]);
	}
	const [refused] = run.json('IAM user, refused');
	expect(JSON.stringify(refused)).toContain('SecMaster.20040409');
	expect(JSON.stringify(refused)).toContain(PUBLISHED);
	expect(`${run.stdout}${run.stderr}`).not.toContain(USER.password);
});
