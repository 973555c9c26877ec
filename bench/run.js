#!/usr/bin/env node
// npm run bench [-- --quick] [-- --part close [--append]]: what the node costs on top of the HTTP round trip (issue 8).
//   1. Operate Instance and Update Rule, 100 / 1,000 / 10,000 items, through n8n-core's engine
//      (test/helpers/engine.ts), in token and AK/SK modes, beside a raw got client and n8n's floor
//   2. the same workflow in the real n8n of the e2e suite, against the HTTP Request node; and Close
//      Alert there against the HTTP Request node (--part close: only that, into its section of
//      docs/benchmarks.md, the rest of the report kept)
//   3. micro-benchmarks: signer, rule body builder, module load, tarball
//   4. a CPU profile of the 10,000-item run, and one of each node in real n8n
// Writes docs/benchmarks.md (--quick: .cache/bench/benchmarks.quick.md) and the raw numbers
// and profiles under .cache/bench/ (--report-only: the report again from those numbers).
// Runs on Node 24 (installed into .cache/ if need be).
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureNode24, ROOT } = require('../scripts/lib/runtime');

if (Number(process.versions.node.split('.')[0]) < 24) {
	const result = spawnSync(ensureNode24(), [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

const { startSimulator, runWorker } = require('./processes');
const { engineBench } = require('./engine');
const { preparePeer } = require('./peer');
const { summarize, inclusive } = require('./profile');
const { writeReport, spliceCloseSection } = require('./report');

const QUICK = process.argv.includes('--quick');
const CLOSE_ONLY = process.argv.includes('--part') && process.argv[process.argv.indexOf('--part') + 1] === 'close';
const OUT = path.join(ROOT, '.cache', 'bench');
const PLAN = QUICK
	? { sizes: [100, 1000], reps: 1, peerSizes: [1000], peerReps: { 1000: 1 }, profileItems: 1000 }
	: { sizes: [100, 1000, 10000], reps: 3, peerSizes: [1000, 10000], peerReps: { 1000: 3, 10000: 2 }, profileItems: 10000 };
const PEER_BATCH = { size: 100, interval: 10 };

const started = Date.now();
const log = (message) => process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}\n`);

function machine() {
	const versions = (name) => require(path.join(ROOT, 'node_modules', name, 'package.json')).version;
	return {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		n8nCore: versions('n8n-core'),
		n8nWorkflow: versions('n8n-workflow'),
		got: versions('got'),
		n8n: require('../scripts/lib/runtime').N8N_VERSION,
		date: new Date().toISOString(),
		loadBefore: os.loadavg(),
	};
}

/** CPU time under the parts of one real-n8n profile (the same functions for both nodes). */
function peerProfile(file) {
	return {
		file: path.relative(ROOT, file),
		...inclusive(file, {
			// Where n8n runs a node: our custom operation, the HTTP Request node's execute.
			node: /^executeNode .*workflow-execute\.js/,
			expressions: /^renderExpression .*n8n-workflow/,
			credentials: /^getDecrypted .*credentials-helper\.js/,
			routingNode: /^runNode .*routing-node\.js/,
			ours: /\/n8n-nodes-huawei-secmaster\/dist\//,
		}),
	};
}

async function peerPart(simulator) {
	const peer = await preparePeer(simulator, PLAN.peerSizes, [null, PEER_BATCH]);
	const runs = [];
	try {
		for (const n of PLAN.peerSizes)
			for (const batch of [null, PEER_BATCH])
				for (let rep = 0; rep < PLAN.peerReps[n]; rep++)
					for (const client of rep % 2 ? ['http', 'ours'] : ['ours', 'http']) {
						const result = await peer.run(client, n, batch);
						if (result.ok !== n) throw new Error(`real n8n, ${client}, ${n} items: only ${result.ok} succeeded`);
						runs.push({ n, batch, rep, client, ...result });
						log(`real n8n ${client.padEnd(4)} ${n} items, batching ${batch ? 'on' : 'off'}, rep ${rep + 1}: ${result.executionTime} ms`);
					}
		// One more run of each with V8's profiler on (whole process; the node's share is read from it).
		const profiles = {};
		for (const client of ['ours', 'http']) {
			const dir = path.join(OUT, `n8n-${client}`);
			fs.rmSync(dir, { recursive: true, force: true });
			const n = PLAN.peerSizes[0];
			const result = await peer.run(client, n, null, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=500` });
			const file = fs.readdirSync(dir).map((name) => path.join(dir, name)).find((name) => name.endsWith('.cpuprofile'));
			profiles[client] = { n, executionTime: result.executionTime, ...peerProfile(file) };
			log(`real n8n profile of ${client}: ${file}`);
		}
		return { runs, batch: PEER_BATCH, profiles };
	} finally {
		peer.cleanup();
	}
}

/** Close Alert in real n8n, ours against the HTTP Request node, batching off, alternating. */
async function closePart(simulator) {
	const peer = await preparePeer(simulator, PLAN.peerSizes, [null], { op: 'close' });
	const runs = [];
	try {
		for (const n of PLAN.peerSizes)
			for (let rep = 0; rep < PLAN.peerReps[n]; rep++)
				for (const client of rep % 2 ? ['http', 'ours'] : ['ours', 'http']) {
					const result = await peer.run(client, n, null);
					if (result.ok !== n) throw new Error(`real n8n, Close Alert, ${client}, ${n} items: only ${result.ok} closed`);
					runs.push({ n, rep, client, ...result });
					log(`real n8n close ${client.padEnd(4)} ${n} items, rep ${rep + 1}: ${result.executionTime} ms`);
				}
		return { runs };
	} finally {
		peer.cleanup();
	}
}

/** --part close: Close Alert alone, its section of the report replaced. */
async function closeOnly() {
	const info = machine();
	log(`Close Alert (${QUICK ? 'quick' : 'full'}) on ${info.cpu} (${info.cores} cores), load ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
	const simulator = await startSimulator(10100);
	try {
		const close = await closePart(simulator);
		info.loadAfter = os.loadavg();
		info.durationS = Math.round((Date.now() - started) / 1000);
		const file = path.join(OUT, QUICK ? 'close.quick.json' : 'close.json');
		// --append: this measurement's runs pooled with the last ones (a loaded machine varies more than one run shows).
		const before = process.argv.includes('--append') && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
		const measurements = [...(before ? (before.measurements ?? [before.machine]) : []), info];
		const runs = [...(before?.runs ?? []), ...close.runs.map((run) => ({ ...run, measurement: measurements.length - 1 }))];
		const results = { quick: QUICK, plan: PLAN, machine: info, measurements, runs };
		fs.writeFileSync(file, JSON.stringify(results, null, 1));
		const target = QUICK ? path.join(OUT, 'benchmarks.quick.md') : path.join(ROOT, 'docs', 'benchmarks.md');
		spliceCloseSection(results, target);
		log(`wrote the Close Alert section of ${path.relative(ROOT, target)} in ${info.durationS} s`);
	} finally {
		await simulator.stop();
	}
}

/** CPU time under the parts of the engine profile that the report names. */
function engineUnder(file) {
	return inclusive(file, {
		'our code and the credential (synchronous part)': /\/dist\/(nodes|credentials)\//,
		"n8n's RoutingNode (runNode)": /^runNode .*routing-node\.js/,
		'expression evaluation (n8n-workflow)': /^resolveSimpleParameterValue .*\/expression\.js/,
		"n8n's HTTP client (axios dispatch)": /^dispatchHttpRequest /,
	}).ms;
}

async function profilePart(simulator) {
	const n = PLAN.profileItems;
	const file = path.join(OUT, `node-operate-token-${n}.cpuprofile`);
	const ids = await simulator.prepare(n + 100);
	const run = await runWorker({ client: 'node', op: 'operate', mode: 'token', n, warm: 100, url: simulator.url, ids, batch: null, profile: file });
	log(`profile of ${n} items: ${file}`);
	// Who asks n8n to evaluate expressions, per item (a short run of its own: counting slows it down).
	const counts = {};
	for (const op of ['operate', 'update']) {
		const countIds = await simulator.prepare(200);
		const counted = await runWorker({ client: 'node', op, mode: 'token', n: 100, warm: 100, url: simulator.url, ids: countIds, batch: null, countExpressions: true });
		counts[op] = Object.fromEntries(Object.entries(counted.expressions).map(([site, count]) => [site, count / 100]));
	}
	const { HuaweiSecMaster } = require('../dist/nodes/HuaweiSecMaster/HuaweiSecMaster.node.js');
	const { description } = new HuaweiSecMaster();
	return {
		n,
		file: path.relative(ROOT, file),
		elapsedMs: run.elapsedMs,
		summary: summarize(file),
		under: engineUnder(file),
		counts,
		instanceIdProperties: description.properties.filter((property) => property.name === 'instanceId').length,
		properties: description.properties.length,
	};
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	if (process.argv.includes('--report-only')) {
		// Rewrites the report from the last run's numbers (after a change to bench/report.js).
		const results = JSON.parse(fs.readFileSync(path.join(OUT, QUICK ? 'results.quick.json' : 'results.json'), 'utf8'));
		// The real-n8n profiles read again, for a change to what is measured in them.
		for (const [client, profile] of Object.entries(results.peer.profiles)) {
			const dir = path.join(OUT, `n8n-${client}`);
			const file = profile.file ? path.join(ROOT, profile.file) : fs.readdirSync(dir).map((name) => path.join(dir, name)).find((name) => name.endsWith('.cpuprofile'));
			if (file && fs.existsSync(file)) Object.assign(profile, peerProfile(file));
		}
		const engineProfile = path.join(ROOT, results.profile.file);
		if (fs.existsSync(engineProfile)) results.profile.under = engineUnder(engineProfile);
		writeReport(results, QUICK ? path.join(OUT, 'benchmarks.quick.md') : path.join(ROOT, 'docs', 'benchmarks.md'));
		return;
	}
	if (CLOSE_ONLY) return await closeOnly();
	const info = machine();
	log(`${QUICK ? 'quick' : 'full'} run on ${info.cpu} (${info.cores} cores), load ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
	const simulator = await startSimulator(10100);
	try {
		log('micro-benchmarks');
		const micro = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'micro.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		const engine = await engineBench(simulator, { sizes: PLAN.sizes, reps: PLAN.reps, log });
		const profile = await profilePart(simulator);
		const peer = await peerPart(simulator);
		const close = await closePart(simulator);
		info.loadAfter = os.loadavg();
		info.durationS = Math.round((Date.now() - started) / 1000);
		const results = { quick: QUICK, plan: PLAN, machine: info, micro, engine, profile, peer, close: { quick: QUICK, plan: PLAN, machine: info, ...close } };
		fs.writeFileSync(path.join(OUT, QUICK ? 'results.quick.json' : 'results.json'), JSON.stringify(results, null, 1));
		const target = QUICK ? path.join(OUT, 'benchmarks.quick.md') : path.join(ROOT, 'docs', 'benchmarks.md');
		writeReport(results, target);
		log(`wrote ${path.relative(ROOT, target)} in ${info.durationS} s`);
	} finally {
		await simulator.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
