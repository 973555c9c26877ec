// The demo environment: the simulator with its seeded workspace, and a real n8n
// with the packed package, a credential pointing at the simulator and the
// example workflows. Used by `npm run demo` and the editor (browser) tests.
const fs = require('node:fs');
const path = require('node:path');

const { createSimulator } = require('../../simulator/server');
const runtime = require('./runtime');

const EXAMPLES = path.join(runtime.ROOT, 'examples', 'workflows');
const OWNER = {
	email: 'demo@secmaster.example',
	firstName: 'SOC',
	lastName: 'Engineer',
	password: 'SecMaster-demo-2026',
};
const CREDENTIAL = { id: 'hwSecMasterDemo1', name: 'Huawei SecMaster (simulator)' };

async function startSimulator(port) {
	const simulator = createSimulator({});
	try {
		await simulator.start(port);
	} catch (error) {
		if (error.code !== 'EADDRINUSE') throw error;
		runtime.log(`port ${port} is taken; the simulator takes a free port`);
		await simulator.start(0);
	}
	return simulator;
}

async function must(n8n, userFolder, args) {
	const result = await runtime.n8nCommand(n8n, userFolder, args);
	if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
	return result;
}

/** Simulator + a fresh n8n user folder with the package, the credential and the examples. */
async function prepareDemo({ simulatorPort = 8787, userFolder = path.join(runtime.CACHE, 'demo') } = {}) {
	const n8n = runtime.ensureN8n();
	const simulator = await startSimulator(simulatorPort);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	runtime.installPackage(userFolder);

	const fixture = simulator.fixture;
	const credentialFile = path.join(userFolder, 'credential.json');
	fs.writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				...CREDENTIAL,
				type: 'huaweiSecMasterApi',
				data: {
					token: fixture.tokens.find((token) => !token.expiresAt).value,
					projectId: fixture.projectId,
					workspaceId: fixture.workspaces[0].id,
					region: 'cn-north-4',
					endpoint: simulator.url,
				},
			},
		]),
	);
	await must(n8n, userFolder, ['import:credentials', `--input=${credentialFile}`]);
	await must(n8n, userFolder, ['import:workflow', '--separate', `--input=${EXAMPLES}`]);
	return { n8n, simulator, userFolder };
}

async function waitFor(endpoint, child, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} while starting`);
		try {
			const response = await fetch(endpoint);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer ${endpoint} within ${timeoutMs / 1000} s`);
}

/** Starts the n8n editor on 127.0.0.1 and creates the owner account (unless a restart finds it). */
async function startEditor(demo, { port = 5678, env = {}, createOwner = true, logName = 'n8n.log' } = {}) {
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(demo.userFolder, logName);
	const child = runtime.startN8n(demo.n8n, demo.userFolder, {
		...env,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_SECURE_COOKIE: 'false',
	});
	const log = fs.createWriteStream(logFile);
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	const editor = { child, url, logFile, login: { email: OWNER.email, password: OWNER.password } };
	try {
		// /healthz answers before the REST API is mounted; readiness waits for it.
		await waitFor(`${url}/healthz/readiness`, child);
		await waitFor(`${url}/rest/settings`, child);
		if (!createOwner) return editor;
		const response = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!response.ok) throw new Error(`creating the owner failed: ${response.status} ${await response.text()}`);
	} catch (error) {
		await runtime.stopProcessGroup(child);
		throw error;
	}
	return editor;
}

function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')));
}

module.exports = { prepareDemo, startEditor, exampleWorkflows, OWNER, CREDENTIAL };
