// n8n in queue mode on one machine: Postgres and Redis (services.js), one main instance
// (editor, webhooks, triggers) and workers that take executions from the Redis queue, all
// sharing one user folder with the packed package, the encryption key and the database.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { startEditor } = require('./demo');
const runtime = require('./runtime');
const services = require('./services');

// Bull's defaults (a lock of 60 s, a stalled check every 30 s) would keep a killed worker's
// job waiting a minute and more; the suite shortens them (docs/scaling.md says so). Not below
// 20 s: a worker whose event loop stalls past its lock (a busy 2-core machine) loses the job.
const BULL_TIMING = { QUEUE_WORKER_LOCK_DURATION: '20000', QUEUE_WORKER_LOCK_RENEW_TIME: '5000', QUEUE_WORKER_STALLED_INTERVAL: '5000' };

/** Shared by the main instance and the workers (and the suite, which reads the credential saves). */
const ENCRYPTION_KEY = 'secmaster-queue-encryption-key';

function queueEnv(postgres, redis) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		// n8n's default pool of 2 connections starves a worker running 10 executions at once
		// ("timeout exceeded when trying to connect"): n8n's own setting, sized to the concurrency.
		DB_POSTGRESDB_POOL_SIZE: '20',
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LOG_LEVEL: 'info',
		...BULL_TIMING,
	};
}

const taken = new Set();

function canListen(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * A free port and its successor (n8n's task broker), distinct from those handed out to this
 * cluster, below Linux's ephemeral range (32768 and up): thousands of outgoing connections
 * take ports there, and one could hold the successor by the time n8n binds it.
 */
async function portPair() {
	for (;;) {
		const port = 20000 + 2 * Math.floor(Math.random() * 6000);
		if (taken.has(port) || !(await canListen(port)) || !(await canListen(port + 1))) continue;
		taken.add(port);
		return port;
	}
}

/**
 * Each worker gets a user folder of its own (n8n keeps a crash journal and its runners'
 * settings there), with the same community package the main instance has.
 */
function workerFolder(userFolder, index) {
	const folder = `${userFolder}-worker-${index}`;
	if (!fs.existsSync(folder)) fs.cpSync(path.join(userFolder, '.n8n', 'nodes'), path.join(folder, '.n8n', 'nodes'), { recursive: true });
	return folder;
}

async function waitReady(url, child, what, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Postgres, Redis and the n8n runtime; nothing of n8n running yet. */
async function startQueueServices(baseDir) {
	services.ensureServices();
	const postgres = await services.startPostgres(baseDir);
	const redis = await services.startRedis(baseDir);
	const userFolder = path.join(baseDir, 'n8n');
	fs.mkdirSync(userFolder);
	const n8n = runtime.ensureN8n();
	runtime.installPackage(userFolder);
	const env = queueEnv(postgres, redis);
	const cluster = {
		n8n,
		userFolder,
		env,
		postgres,
		redis,
		/** @type {any} */
		main: undefined,
		/** @type {any[]} */
		workers: [],
		/** Runs an n8n CLI command against the cluster's database. */
		async cli(...args) {
			const result = await runtime.n8nCommand(n8n, userFolder, args, env);
			if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout.slice(-3000)}`);
			return result;
		},
		/** The main instance: editor, REST API, webhooks and triggers; the owner is created on the first start. */
		async startMain() {
			const port = await portPair();
			const first = !cluster.everStarted;
			const started = startEditor(
				{ n8n, userFolder },
				{ port, env, createOwner: first, logName: `main-${Date.now()}.log` },
			);
			cluster.main = await started;
			services.track(cluster.main.child);
			cluster.everStarted = true;
			return cluster.main;
		},
		async stopMain() {
			if (cluster.main) await runtime.stopProcessGroup(cluster.main.child);
		},
		/** Worker `index` (0, 1, …): `n8n worker`, its log kept in memory for the executions it ran. */
		async startWorker(index, concurrency = 5) {
			const port = await portPair();
			const child = services.track(runtime.startN8n(
				n8n,
				workerFolder(userFolder, index),
				{ ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(port + 1) },
				['worker', `--concurrency=${concurrency}`],
			));
			const chunks = [];
			child.stdout.on('data', (chunk) => chunks.push(chunk));
			child.stderr.on('data', (chunk) => chunks.push(chunk));
			const previous = cluster.workers[index];
			const worker = { index, child, log: () => (previous ? previous.log() : '') + Buffer.concat(chunks).toString('utf8') };
			cluster.workers[index] = worker;
			await waitReady(`http://127.0.0.1:${port}/healthz/readiness`, child, `worker ${index}`);
			return worker;
		},
		/** The IDs of the executions worker `index` started, from its log ("Worker started execution 12 (job 7)"). */
		executionsOf(index) {
			return [...cluster.workers[index].log().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
		},
		/** Publishes workflows through the main instance's REST API, as the editor's Publish button does. */
		async activate(ids) {
			const { url, login } = cluster.main;
			const answer = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: login.email, password: login.password }),
			});
			if (!answer.ok) throw new Error(`n8n login failed: ${answer.status}`);
			const headers = { cookie: answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'Content-Type': 'application/json' };
			for (const id of ids) {
				const { data } = await (await fetch(`${url}/rest/workflows/${id}`, { headers })).json();
				const published = await fetch(`${url}/rest/workflows/${id}/activate`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ versionId: data.versionId }),
				});
				if (!published.ok) throw new Error(`publishing ${id} failed: ${published.status} ${await published.text()}`);
			}
		},
		/** Stops everything; the n8n logs stay in `logDir` when given (a failed run is read there). */
		async stop(logDir) {
			if (logDir) {
				fs.mkdirSync(logDir, { recursive: true });
				for (const worker of cluster.workers) if (worker) fs.writeFileSync(path.join(logDir, `worker-${worker.index}.log`), worker.log());
				for (const file of fs.readdirSync(userFolder).filter((name) => name.endsWith('.log'))) {
					fs.copyFileSync(path.join(userFolder, file), path.join(logDir, file));
				}
			}
			await Promise.all([
				...cluster.workers.map((worker) => worker && runtime.stopProcessGroup(worker.child)),
				cluster.main && runtime.stopProcessGroup(cluster.main.child),
			]);
			await Promise.all([redis.stop(), postgres.stop()]);
		},
	};
	return cluster;
}

module.exports = { startQueueServices, BULL_TIMING, ENCRYPTION_KEY };
