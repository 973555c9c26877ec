// What Run Workflow's Wait for Completion costs in real n8n (issue 15, item 5): 100 items, each
// running a workflow that takes `RUN_MS` and waiting for it (poll interval 10 s, the default),
// batching off, against a run of the same 100 items whose workflow ends at once. The packed
// package in the e2e suite's n8n (scripts/lib/runtime.js), `n8n execute` under /usr/bin/time -v.
// Usage: node bench/waiting.js [items=100] [runMs=30000] [intervalSeconds=10]
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const { ensureN8n, installPackage, n8nCommand, n8nEnv } = require('../scripts/lib/runtime');
const { createSimulator } = require('../simulator/server');
const fixture = require('../simulator/fixtures/default.json');

const [ITEMS = 100, RUN_MS = 30000, INTERVAL = 10] = process.argv.slice(2).map(Number);
const BLOCK_IP = 'a1b2c3d4-0001-4000-8000-00000000f001';
const TOKEN = fixture.tokens.find((token) => !token.expiresAt).value;

function workflow() {
	const items = Array.from({ length: ITEMS }, (_, i) => ({ id: `bench-alert-${i}`, title: `Alert ${i}` }));
	const secmaster = { huaweiSecMasterApi: { id: 'hwSecMasterBench1', name: 'SecMaster (bench)' } };
	return {
		id: 'hwsmBenchWait001',
		name: 'Bench: Run Workflow and wait',
		nodes: [
			{ parameters: {}, id: 'b1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{ parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} }, id: 'b2', name: 'Alerts', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0] },
			{ parameters: { fieldToSplitOut: 'items', options: {} }, id: 'b3', name: 'One per alert', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0] },
			{
				parameters: {
					resource: 'workflow', operation: 'run', workflowId: BLOCK_IP, dataObjectSource: 'alert', dataObject: '={{ $json }}',
					waitForCompletion: true, waitOptions: { pollInterval: INTERVAL, timeout: 900 },
				},
				id: 'b4', name: 'Run and wait', type: 'n8n-nodes-huawei-secmaster.huaweiSecMaster', typeVersion: 1, position: [600, 0], credentials: secmaster,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Alerts', type: 'main', index: 0 }]] },
			Alerts: { main: [[{ node: 'One per alert', type: 'main', index: 0 }]] },
			'One per alert': { main: [[{ node: 'Run and wait', type: 'main', index: 0 }]] },
		},
		active: false, settings: { executionOrder: 'v1' }, pinData: {}, tags: [],
	};
}

/** `n8n execute` under GNU time: wall, CPU (user + system, n8n and its children) and peak RSS. */
function timedExecute(runtime, userFolder) {
	return new Promise((resolve, reject) => {
		const child = spawn('/usr/bin/time', ['-v', runtime.nodeBin, runtime.cli, 'execute', '--id=hwsmBenchWait001', '--rawOutput'], {
			env: n8nEnv(runtime, userFolder),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status) => {
			const field = (label) => stderr.match(new RegExp(`${label}: (.+)`))?.[1]?.trim();
			const clock = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number);
			resolve({
				status,
				wallS: clock.reduce((total, part) => total * 60 + part, 0),
				cpuS: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')),
				maxRssMb: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024,
				finished: (stdout.match(/"status": ?"FINISHED"/g) ?? []).length,
				tail: stdout.slice(-400),
			});
		});
	});
}

async function measure(runtime, userFolder, simulator, runMs) {
	simulator.reset();
	simulator.queueWorkflowOutcome(BLOCK_IP, { result: 'FINISHED', afterMs: runMs, runs: ITEMS });
	const result = await timedExecute(runtime, userFolder);
	const routes = simulator.requests.map((request) => request.route);
	return { runMs, ...result, posts: routes.filter((r) => r === 'runWorkflow').length, reads: routes.filter((r) => r === 'getWorkflowInstance').length };
}

async function main() {
	const simulator = createSimulator({});
	await simulator.start(0);
	const runtime = ensureN8n();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'secmaster-bench-wait-'));
	try {
		installPackage(userFolder);
		const credentials = path.join(userFolder, 'credentials.json');
		writeFileSync(credentials, JSON.stringify([{ id: 'hwSecMasterBench1', name: 'SecMaster (bench)', type: 'huaweiSecMasterApi',
			data: { token: TOKEN, projectId: fixture.projectId, workspaceId: fixture.workspaces[0].id, region: 'cn-north-4', endpoint: simulator.url } }]));
		const workflowFile = path.join(userFolder, 'workflow.json');
		writeFileSync(workflowFile, JSON.stringify(workflow()));
		for (const args of [['import:credentials', `--input=${credentials}`], ['import:workflow', `--input=${workflowFile}`]]) {
			const result = await n8nCommand(runtime, userFolder, args);
			if (result.status !== 0) throw new Error(`n8n ${args[0]} failed: ${result.stderr}`);
		}
		const rows = [];
		for (const runMs of [0, RUN_MS]) rows.push(await measure(runtime, userFolder, simulator, runMs));
		console.log(JSON.stringify({ items: ITEMS, intervalS: INTERVAL, rows }, null, 2));
	} finally {
		await simulator.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
