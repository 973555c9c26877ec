// Postgres and Redis for the queue-mode suite, from Debian's packages (installed with
// apt-get when missing, as .ci/run does for Chromium), each on a free loopback port with
// its data in a temporary folder, in its own process group so that it can be stopped
// with everything it spawned — at the end, and on a signal or an exit mid-run.
const { execFile, execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { log, stopProcessGroup } = require('./runtime');

const running = new Set();
let watchdog;

// Under jest a signal handler of the test may never run; a watchdog process outside it
// kills the services' process groups as soon as this process is gone, however it ended.
const WATCHDOG = `
const fs = require('node:fs');
const [parent, file] = process.argv.slice(1);
setInterval(() => {
	try { process.kill(Number(parent), 0); return; } catch {}
	for (const pgid of fs.readFileSync(file, 'utf8').split('\\n').filter(Boolean)) {
		try { process.kill(-Number(pgid), 'SIGKILL'); } catch {}
	}
	fs.rmSync(require('node:path').dirname(file), { recursive: true, force: true });
	process.exit(0);
}, 500);`;

function groupsFile() {
	if (!watchdog) {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secmaster-watchdog-')), 'groups');
		fs.writeFileSync(file, '');
		const child = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), file], { detached: true, stdio: 'ignore' });
		child.unref();
		watchdog = { file, child };
	}
	return watchdog.file;
}

function killAll() {
	for (const child of running) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	running.clear();
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		killAll();
		process.exit(128 + os.constants.signals[signal]);
	});
}

function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const [newest] = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return newest && path.join(root, newest, 'bin');
}

const hasRedis = () => spawnSync('redis-server', ['--version']).status === 0;

/** Installs Debian's postgresql and redis-server when they are missing. */
function ensureServices() {
	const missing = [];
	if (!postgresBinDir() || !fs.existsSync('/usr/bin/psql')) missing.push('postgresql');
	if (!hasRedis()) missing.push('redis-server');
	if (missing.length === 0) return;
	log(`installing Debian's ${missing.join(' and ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'ignore', env });
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Postgres refuses to run as root: then it runs as the `postgres` user Debian's package creates. */
function serviceUser() {
	if (process.getuid?.() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
	return { uid, gid };
}

/** Kills `child`'s process group if this process ends (a signal, an exit) before stopping it. */
function track(child) {
	running.add(child);
	fs.appendFileSync(groupsFile(), `${child.pid}\n`);
	child.once('exit', () => running.delete(child));
	return child;
}

function startDetached(command, args, options) {
	const child = track(spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options }));
	const output = [];
	child.stdout.on('data', (chunk) => output.push(chunk));
	child.stderr.on('data', (chunk) => output.push(chunk));
	child.output = () => Buffer.concat(output).toString('utf8');
	return child;
}

async function waitUntil(check, child, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${child.output()}`);
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${child.output()}`);
}

/** A Postgres cluster of its own: trust auth on 127.0.0.1 for the `postgres` role, database `n8n`. */
async function startPostgres(baseDir) {
	const bin = postgresBinDir();
	const user = serviceUser();
	const dir = path.join(baseDir, 'postgres');
	fs.mkdirSync(dir, { mode: 0o700 });
	if (user.uid !== undefined) {
		fs.chownSync(dir, user.uid, user.gid);
		fs.chmodSync(baseDir, 0o755);
	}
	const asUser = { ...user, cwd: dir };
	execFileSync(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], {
		...asUser,
		stdio: 'ignore',
	});
	const port = await freePort();
	const child = startDetached(
		path.join(bin, 'postgres'),
		['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
		asUser,
	);
	const psqlArgs = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-At'];
	const ready = () => spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0;
	await waitUntil(ready, child, 'postgres');
	execFileSync('psql', [...psqlArgs, '-c', 'CREATE DATABASE n8n'], { stdio: 'ignore' });
	return {
		port,
		child,
		/**
		 * Rows of a query on n8n's database, as arrays of column texts. Asynchronous on purpose:
		 * a simulator in the calling process must keep answering meanwhile.
		 */
		query(sql) {
			return new Promise((resolve, reject) => {
				execFile('psql', [...psqlArgs, '-d', 'n8n', '-F', '\t', '-c', sql], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, out) => {
					if (error) return reject(error);
					resolve(
						out
							.split('\n')
							.filter((line) => line !== '')
							.map((line) => line.split('\t')),
					);
				});
			});
		},
		stop: () => stopProcessGroup(child),
	};
}

/** A Redis without persistence on 127.0.0.1. */
async function startRedis(baseDir) {
	const dir = path.join(baseDir, 'redis');
	fs.mkdirSync(dir);
	const port = await freePort();
	const child = startDetached(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
		{},
	);
	await waitUntil(() => child.output().includes('Ready to accept connections'), child, 'redis-server');
	return { port, child, stop: () => stopProcessGroup(child) };
}

module.exports = { ensureServices, startPostgres, startRedis, track };
