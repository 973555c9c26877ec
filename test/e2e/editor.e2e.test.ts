/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
/// <reference lib="dom" /> -- the page callbacks run in the browser
// The node as a user meets it: the n8n editor in Debian's Chromium (driven by
// puppeteer-core, which downloads no browser), the demo's example workflows,
// our node's panel opened, its fields checked and the step run against the
// simulator. Screenshots go to a temp folder, or to docs/screenshots with
// SCREENSHOT_DIR=docs/screenshots (npm run screenshots).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

import { exampleWorkflows, prepareDemo, startEditor } from '../../scripts/lib/demo';
import { freePortPair, ROOT, stopProcessGroup, until } from '../../scripts/lib/runtime';
import type { Simulator } from '../helpers/simulator';
import { socPanelNodes, socPanelsWorkflow } from './socPanels';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SCREENSHOT_DIR
	? path.resolve(ROOT, process.env.SCREENSHOT_DIR)
	: mkdtempSync(path.join(tmpdir(), 'secmaster-screens-'));

let demo: Omit<Awaited<ReturnType<typeof prepareDemo>>, 'simulator'> & { simulator: Simulator };
let editor: Awaited<ReturnType<typeof startEditor>>;
let browser: Browser;
let page: Page;

/** Opens a workflow and double-clicks one of its nodes; returns the names of the parameters shown. */
async function openNode(workflowId: string, nodeName: string): Promise<string[]> {
	await page.goto(`${editor.url}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
	const selector = `[data-test-id="canvas-node"][data-node-name="${nodeName}"]`;
	const node = await page.waitForSelector(selector, { timeout: 30000 });
	const box = (await node!.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { count: 2 });
	await page.waitForSelector('[data-test-id="node-execute-button"]', { timeout: 15000 });
	await new Promise((resolve) => setTimeout(resolve, 500));
	return await page.$$eval('[data-test-id^="parameter-input-"]', (elements) =>
		elements.map((element) => element.getAttribute('data-test-id')!.replace('parameter-input-', '')),
	);
}

async function runStep(): Promise<void> {
	const before = demo.simulator.requests.length;
	await page.click('[data-test-id="node-execute-button"]');
	await until(() => demo.simulator.requests.some((request, index) => index >= before && request.route !== 'listPlaybooks'), {
		what: 'the request',
		timeoutMs: 20000,
		everyMs: 200,
	});
	await page.waitForSelector('[data-test-id="ndv-items-count"], [data-test-id="run-data-item-count"]', { timeout: 20000 });
	await new Promise((resolve) => setTimeout(resolve, 800));
}

async function screenshot(name: string) {
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

function lastNodeRequest() {
	return demo.simulator.requests.filter((request) => request.route !== 'listPlaybooks').at(-1)!;
}

beforeAll(async () => {
	if (!existsSync(CHROMIUM)) {
		throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
	}
	mkdirSync(SCREENSHOTS, { recursive: true });
	const userFolder = mkdtempSync(path.join(tmpdir(), 'secmaster-editor-'));
	demo = (await prepareDemo({ simulatorPort: 0, userFolder })) as unknown as typeof demo;
	editor = await startEditor(demo, { port: await freePortPair() });
	browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		defaultViewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	page = await browser.newPage();
	await page.goto(`${editor.url}/signin`, { waitUntil: 'networkidle2' });
	const status = await page.evaluate(async (login) => {
		const response = await fetch('/rest/login', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: login.email, password: login.password }),
		});
		return response.status;
	}, editor.login);
	if (status !== 200) throw new Error(`login failed: ${status}`);
}, 20 * 60 * 1000);

afterAll(async () => {
	await browser?.close();
	if (editor) await stopProcessGroup(editor.child);
	await demo?.simulator.stop();
	if (demo && !demo.userFolder.startsWith(path.join(ROOT, '.cache'))) rmSync(demo.userFolder, { recursive: true, force: true });
	if (!process.env.SCREENSHOT_DIR) rmSync(SCREENSHOTS, { recursive: true, force: true });
});

beforeEach(() => demo.simulator.reset());

async function credentialTest(data: Record<string, unknown>): Promise<{ status: string; message: string }> {
	const credentials = { id: 'hwSecMasterDemo1', name: 'Huawei SecMaster (simulator)', type: 'huaweiSecMasterApi', data };
	const body = await page.evaluate(async (payload) => {
		const response = await fetch('/rest/credentials/test', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ credentials: payload }),
		});
		return await response.json();
	}, credentials);
	return (body as { data: { status: string; message: string } }).data;
}

describe('the credential test in n8n, for each authentication type', () => {
	const fixture = () => demo.simulator.fixture as unknown as {
		projectId: string;
		workspaces: Array<{ id: string }>;
		tokens: Array<{ value: string; expiresAt?: string }>;
		accessKeys: Array<{ ak: string; sk: string; securityToken?: string }>;
		iamUsers: Array<{ domainName: string; userName: string; password: string }>;
	};
	const scope = () => ({
		projectId: fixture().projectId,
		workspaceId: fixture().workspaces[0].id,
		region: 'cn-north-4',
		endpoint: demo.simulator.url,
	});

	it('IAM token', async () => {
		const token = fixture().tokens.find((candidate) => !candidate.expiresAt)!.value;
		expect(await credentialTest({ ...scope(), authType: 'token', token })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect((await credentialTest({ ...scope(), authType: 'token', token: 'nope' })).message).toMatch(/APIG\.0301/);
	});

	it('AK/SK', async () => {
		const key = fixture().accessKeys.find((candidate) => !candidate.securityToken)!;
		const good = { ...scope(), authType: 'aksk', accessKeyId: key.ak, secretAccessKey: key.sk };
		expect(await credentialTest(good)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(demo.simulator.requests.at(-1)!.auth).toBe('aksk');
		expect((await credentialTest({ ...good, workspaceId: 'nope' })).message).toMatch(/SecMaster\.20010001/);
	});

	it('IAM user and password', async () => {
		const user = fixture().iamUsers[0];
		const good = { ...scope(), authType: 'password', ...user, iamEndpoint: demo.simulator.url };
		expect(await credentialTest(good)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const refused = await credentialTest({ ...good, userName: 'nobody' });
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/username or password is wrong/);
		expect(refused.message).not.toContain(user.password);
	});
});

describe('in the n8n editor', () => {
	it('shows Operate Instance with its fields and runs the step', async () => {
		const fields = await openNode('hwsmRetryFailed1', 'Retry failed run');
		expect(fields).toEqual(expect.arrayContaining(['resource', 'operation', 'instanceId', 'operationType']));
		expect(await page.$eval('[data-test-id="parameter-input-instanceId"] input', (input) => (input as HTMLInputElement).value)).toBe(
			'b1417526-848d-49e9-b69c-7cc2c27be5d7',
		);
		await screenshot('operate-instance-panel');

		await runStep();
		expect(lastNodeRequest()).toMatchObject({ method: 'POST', body: '{"operation":"RETRY"}', route: 'operateInstance' });
		await screenshot('operate-instance-output');
	});

	it('shows Update Rule\'s event form with two conditions and runs the step', async () => {
		const fields = await openNode('hwsmEventRule002', 'Update event rule');
		expect(fields).toEqual(
			expect.arrayContaining(['versionId', 'ruleId', 'triggerType', 'expressionType', 'name', 'detail', 'logics']),
		);
		expect(fields.filter((field) => field === 'name')).toHaveLength(2);
		expect(fields).not.toContain('cron');
		await screenshot('update-rule-event-panel');

		await runStep();
		const request = lastNodeRequest();
		expect(request).toMatchObject({ method: 'PUT', route: 'updateRule' });
		expect((request.json!.rule as { conditions: unknown[] }).conditions).toHaveLength(2);
		await screenshot('update-rule-event-output');
	});

	it('shows Update Rule\'s timer form and runs the step', async () => {
		const fields = await openNode('hwsmTimerRule001', 'Update timer rule');
		expect(fields).toEqual(
			expect.arrayContaining(['cron', 'scheduleType', 'startType', 'endType', 'repeatRange', 'onlyOnce', 'executionType']),
		);
		expect(fields).not.toContain('startTime');
		expect(fields).not.toContain('logics');
		await screenshot('update-rule-timer-panel');

		await runStep();
		expect(lastNodeRequest().json!.rule).toMatchObject({ cron: '0 0 3 * * ?', execution_type: 'SERIAL_WAIT' });
	});
});

describe('the trigger and the ready-made workflows in the editor', () => {
	it('shows the SecMaster Trigger\'s New Alert event and fetches the newest matching alert', async () => {
		const fields = await openNode('hwsmAlertTriage1', 'New High or Fatal alert');
		expect(fields).toEqual(expect.arrayContaining(['event', 'simplify']));
		await page.click('[data-test-id="node-execute-button"]');
		await until(() => demo.simulator.requests.some((request) => request.route === 'searchAlerts'), {
			what: 'the test event',
			timeoutMs: 20000,
			everyMs: 200,
		});
		const search = demo.simulator.requests.find((request) => request.route === 'searchAlerts')!;
		expect(search.json).toMatchObject({ order: 'DESC', limit: 1, offset: 0 });
		await page.waitForSelector('[data-test-id="ndv-items-count"], [data-test-id="run-data-item-count"]', { timeout: 20000 });
		await new Promise((resolve) => setTimeout(resolve, 800));
		await screenshot('trigger-new-alert-panel');
	});

	it.each([
		['hwsmAutoRetry001', 'workflow-auto-retry'],
		['hwsmAlertTriage1', 'workflow-alert-triage'],
		['hwsmMaintWindow1', 'workflow-maintenance-window'],
	])('draws %s on the canvas', async (workflowId, picture) => {
		await page.goto(`${editor.url}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const drawn = await page.$$eval('[data-test-id="canvas-node"]', (nodes) => nodes.map((node) => node.getAttribute('data-node-name')));
		const workflow = exampleWorkflows().find((w: { id: string }) => w.id === workflowId) as { nodes: Array<{ name: string }> };
		expect(drawn.sort()).toEqual(workflow.nodes.map((node) => node.name).sort());
		await screenshot(picture);
	});
});

describe('the SOC operations\' panels in the editor', () => {
	const alerts = () => (demo.simulator.fixture as unknown as { alerts: Parameters<typeof socPanelNodes>[0] }).alerts;
	const panels = () => socPanelNodes(alerts());
	let workflowId: string;

	beforeAll(async () => {
		// Saved through n8n's REST API, as the editor saves a workflow (the examples are the demo's).
		workflowId = await page.evaluate(async (workflow) => {
			const response = await fetch('/rest/workflows', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(workflow),
			});
			if (!response.ok) throw new Error(`saving the workflow failed: ${response.status} ${await response.text()}`);
			return ((await response.json()) as { data: { id: string } }).data.id;
		}, socPanelsWorkflow(alerts()));
	});

	const inputValue = async (name: string) =>
		await page.$eval(`[data-test-id="parameter-input-${name}"] input, [data-test-id="parameter-input-${name}"] textarea`, (input) =>
			(input as HTMLInputElement).value,
		);

	it.each([
		['alert-close-panel', ['alertId', 'closeReason', 'closeComment', 'alertsPerRequest', 'simplify']],
		['alert-convert-panel', ['alertIds', 'incidentTitle', 'incidentCategory', 'incidentType', 'simplify']],
		['incident-create-panel', ['title', 'severity', 'category', 'incidentType', 'owner', 'labels', 'simplify']],
		['indicator-create-panel', ['name', 'type', 'typeId', 'value', 'verdict', 'granularity', 'firstSeen', 'productName']],
		['comment-add-panel', ['targetType', 'incidentId', 'comment', 'simplify']],
	] as const)('shows %s with its fields', async (picture, expected) => {
		const { name, parameters } = panels()[picture];
		const fields = await openNode(workflowId, name);
		expect(fields).toEqual(expect.arrayContaining([...expected]));
		const text = Object.entries(parameters).find(([, value]) => typeof value === 'string' && value.length > 20 && !value.startsWith('='));
		if (text) expect(await inputValue(text[0])).toBe(text[1]);
		await screenshot(picture);
	});

	it('lists alerts by title, newest first, in the Alert ID locator', async () => {
		await openNode(workflowId, panels()['alert-close-panel'].name);
		const before = demo.simulator.requests.length;
		await page.click('[data-test-id="resource-locator-alertId"] [data-test-id="rlc-input"]');
		await page.waitForSelector('[data-test-id="rlc-item"]', { visible: true, timeout: 20000 });
		const workspace = (demo.simulator.fixture as unknown as { workspaces: Array<{ id: string }> }).workspaces[0].id;
		const newestFirst = alerts().filter((alert) => alert.workspace_id === workspace).sort((a, b) => Date.parse(b.create_time.slice(0, 23)) - Date.parse(a.create_time.slice(0, 23)));
		// Each entry: the title, then severity and handle status; n8n lists the selected alert first.
		const selected = panels()['alert-close-panel'].parameters.alertId as { value: string };
		const titles = (list: string[]) => list.filter((title) => title !== alerts().find((alert) => alert.id === selected.value)!.data_object.title);
		const expected = titles(newestFirst.map((alert) => alert.data_object.title)).slice(0, 3);
		const listed = async () =>
			titles((await page.$$eval('[data-test-id="rlc-item"]', (items) => items.map((item) => item.textContent!.trim()))).map((entry) => entry.split(' · ')[0])).slice(0, 3);
		// The selected alert is listed at once, the search's results once they came back (once later than 500 ms on a busy machine).
		await until(async () => (await listed()).length >= expected.length, { what: 'the Alert ID list', timeoutMs: 20000, everyMs: 200 }).catch(() => undefined);
		expect(await listed()).toEqual(expected);
		const search = demo.simulator.requests.slice(before).find((request) => request.route === 'searchAlerts')!;
		expect(search.json).toMatchObject({ order: 'DESC', offset: 0 });
		await screenshot('alert-locator-list');
	});
});
