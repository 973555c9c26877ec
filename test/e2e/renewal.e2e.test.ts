/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node beside n8n, not inside it */
// IAM token renewal through n8n's own credential code: the CLI's preAuthentication,
// its database and its encryption, not the test helper that copies them. The
// token lives 4 s; the run of 360 items in batches lasts several lifetimes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ensureN8n, installPackage, n8nCommand, parseExecuteOutput, ROOT } from '../../scripts/lib/runtime';
import { createSimulator } from '../../simulator/server';
import type { Simulator } from '../helpers/simulator';
import { FIXTURE, PROJECT_ID, WORKSPACE_ID } from '../helpers/simulator';

const USER = (FIXTURE as unknown as { iamUsers: Array<{ domainName: string; userName: string; password: string }> }).iamUsers[0];
const WORKFLOW = path.join(ROOT, 'test', 'e2e', 'workflows', 'password-renewal.json');
const CREDENTIAL_ID = 'hwSecMasterPass1';
const NODE = 'Update each rule';
const ITEMS = 360;
// The node renews half the lifetime (2,000 ms) before expires_at. The simulator counts
// requests arriving in the last 150 ms: the rest covers the time a request takes to arrive,
// and the batches (every 100 ms) are denser than the counted margin, so a node that renews
// later than it should is seen.
const LIFETIME_MS = 4000;
const COUNTED_MARGIN_MS = 150;

interface IamInfo {
	tokenUse: { fresh: number; nearExpiry: number; expired: number };
	issuedTokens: Array<{ token: string; issuedAt: string; expiresAt: string; previousTokenLeftMs: number | null }>;
}
type Item = { json: Record<string, unknown>; pairedItem?: unknown };
type RunData = Record<string, Array<{ data?: { main: Item[][] } }>>;

const simulator = createSimulator({ tokenTtlMs: LIFETIME_MS, tokenMarginMs: COUNTED_MARGIN_MS }) as unknown as Simulator;
let runtime: ReturnType<typeof ensureN8n>;
let userFolder: string;
let run: { status: number | null; stdout: string; stderr: string; items: Item[] };
let iam: IamInfo;

async function n8n(...args: string[]) {
	const result = await n8nCommand(runtime, userFolder, args);
	if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout.slice(-3000)}`);
	return result;
}

/** The credential as n8n has it in its database, decrypted by n8n's own export. */
async function storedCredential(): Promise<Record<string, unknown>> {
	const file = path.join(userFolder, 'exported.json');
	await n8n('export:credentials', `--id=${CREDENTIAL_ID}`, '--decrypted', `--output=${file}`);
	const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{ data: Record<string, unknown> }>;
	return credential.data;
}

beforeAll(async () => {
	await simulator.start(0);
	runtime = ensureN8n();
	userFolder = mkdtempSync(path.join(tmpdir(), 'secmaster-renewal-'));
	installPackage(userFolder);
	const credentialFile = path.join(userFolder, 'credential.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				id: CREDENTIAL_ID,
				name: 'Huawei SecMaster (simulator, IAM user)',
				type: 'huaweiSecMasterApi',
				data: {
					authType: 'password',
					domainName: USER.domainName,
					userName: USER.userName,
					password: USER.password,
					iamEndpoint: simulator.url,
					projectId: PROJECT_ID,
					workspaceId: WORKSPACE_ID,
					region: 'cn-north-4',
					endpoint: simulator.url,
				},
			},
		]),
	);
	await n8n('import:credentials', `--input=${credentialFile}`);
	await n8n('import:workflow', `--input=${WORKFLOW}`);

	const result = await n8nCommand(runtime, userFolder, ['execute', `--id=hwsmE2eRenewal01`, '--rawOutput']);
	const output = parseExecuteOutput(result.stdout) as { data?: { resultData?: { runData?: RunData } } } | undefined;
	run = { ...result, items: output?.data?.resultData?.runData?.[NODE]?.[0]?.data?.main?.[0] ?? [] };
	iam = (await (await fetch(`${simulator.url}/__sim/iam`)).json()) as IamInfo;
}, 20 * 60 * 1000);

afterAll(async () => {
	await simulator.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

const crons = Array.from({ length: ITEMS }, (_, i) => `${i % 60} ${Math.floor(i / 60)} 3 * * ?`);

describe('IAM user and password in real n8n: a token that lives 4 s, a run of several lifetimes', () => {
	it('processes every item exactly once: one request each, accepted, one output item each', () => {
		expect(run.status).toBe(0);
		expect(run.items.map((item) => (item.json.rule as { cron: string }).cron)).toEqual(crons);
		expect(run.items.map((item) => item.pairedItem)).toEqual(crons.map((_, item) => ({ item })));
		const sent = simulator.requests.filter((request) => request.route === 'updateRule');
		expect(sent.map((request) => String((request.json!.rule as { cron: string }).cron)).sort()).toEqual([...crons].sort());
	});

	it('never sends a token in its last moments or past expires_at: the node renews before n8n would see a 401', () => {
		expect(iam.tokenUse).toEqual({ fresh: ITEMS, nearExpiry: 0, expired: 0 });
	});

	it('asks IAM once per renewal, not once per item in flight', () => {
		const logins = iam.issuedTokens;
		expect(simulator.requests.filter((request) => request.route === 'iamTokens')).toHaveLength(logins.length);
		expect(logins.length).toBeGreaterThanOrEqual(4);
		expect(logins[0].previousTokenLeftMs).toBeNull();
		// Each login replaced a token that was due; a second item logging in beside the first
		// would replace a token just issued, with nearly its whole lifetime left.
		for (const login of logins.slice(1)) expect(login.previousTokenLeftMs).toBeLessThanOrEqual(LIFETIME_MS / 2);
	});

	it('leaves the last renewed token in n8n\'s database, encrypted there, with its renewal time', async () => {
		const last = iam.issuedTokens.at(-1)!;
		const stored = await storedCredential();
		expect(stored.sessionToken).toBe(last.token);
		expect(stored.sessionTokenRenewAt).toBe(new Date(Date.parse(last.expiresAt) - LIFETIME_MS / 2).toISOString());
		expect(stored.password).toBe(USER.password);
		for (const file of readdirSync(path.join(userFolder, '.n8n')).filter((name) => name.startsWith('database.sqlite'))) {
			expect(readFileSync(path.join(userFolder, '.n8n', file)).includes(Buffer.from(last.token))).toBe(false);
		}
	});

	it('shows neither the password nor a token in n8n\'s output', () => {
		const text = `${run.stdout}\n${run.stderr}`;
		expect(text).not.toContain(USER.password);
		for (const { token } of iam.issuedTokens) expect(text).not.toContain(token);
	});
});
