// One measured run in a fresh process (forked by bench/processes.js): the node through
// n8n-core's real engine (test/helpers/engine.ts), or the same requests with a raw got
// client. A warm-up run of the same kind goes first; then n items are timed.
// Per-request latency comes from Node's http diagnostics channels, the same for both
// clients: from the creation of the ClientRequest to the end of its response.
require('./ts');
const dc = require('node:diagnostics_channel');
const http = require('node:http');
const inspector = require('node:inspector/promises');
const fs = require('node:fs');
const common = require('./common');

const latencies = [];
let sockets = 0;
let measuring = false;
const started = new WeakMap();
dc.subscribe('http.client.request.created', ({ request }) => measuring && started.set(request, performance.now()));
dc.subscribe('http.client.response.finish', ({ request }) => {
	const start = started.get(request);
	if (start !== undefined) latencies.push(performance.now() - start);
});
dc.subscribe('net.client.socket', () => measuring && sockets++);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rawAgents = [];

/**
 * Lets the run's connections close before the heap is measured (the raw client's idle keep-alive
 * sockets are closed first): a socket on its way out still holds its buffers. At most 10 s.
 */
async function settle() {
	for (const agent of rawAgents) agent.destroy();
	const open = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
	const start = performance.now();
	while (open() > 0 && performance.now() - start < 10_000) await sleep(50);
	return { settleMs: performance.now() - start, openSockets: open() };
}

/** n8n's batching, as RoutingNode does it: after every `size` items, wait `interval` ms (0 = no wait). */
async function startAll(count, batch, start) {
	const promises = [];
	for (let index = 0; index < count; index++) {
		if (batch && index > 0 && batch.interval > 0 && index % batch.size === 0) await sleep(batch.interval);
		promises.push(start(index));
	}
	return await Promise.all(promises);
}

function rawClient(config) {
	const got = require('got');
	const { signRequest } = require('../dist/nodes/HuaweiSecMaster/transport/signer.js');
	const agent = new http.Agent({ keepAlive: true });
	rawAgents.push(agent);
	const client = got.extend({
		agent: { http: agent },
		retry: 0,
		throwHttpErrors: false,
		responseType: 'json',
		timeout: 300_000,
	});
	const credentials = common.credentials(config.mode, config.url);
	return async (ids, batch) =>
		await startAll(ids.length, batch, async (index) => {
			const { method, path, body } = common.rawRequest(config.op, ids[index]);
			const url = `${config.url}${path}`;
			const headers = { Accept: 'application/json', 'Content-Type': 'application/json;charset=UTF-8' };
			if (config.mode === 'token') headers['X-Auth-Token'] = credentials.token;
			else {
				// The same signing work as the node: the project's own signer, over the bytes sent.
				const bytes = Buffer.from(body, 'utf8');
				Object.assign(headers, signRequest({ method, url, body: bytes, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, projectId: credentials.projectId, date: new Date() }));
			}
			const response = await client(url, { method, headers, body });
			return response.statusCode < 300 ? { json: response.body } : { json: { error: response.statusCode } };
		});
}

/**
 * The node as the tests run it. `floor` and `custom` swap in bench/floor.js's two floors; `distRoot` loads the node and
 * the credential from another build (A/B of a change on a scratch copy), as engine.ts loads ours.
 */
function nodeClient(config) {
	const { runNode, loaded, NODE_TYPE, CREDENTIAL_TYPE } = require('../test/helpers/engine.ts');
	const { DirectoryLoader } = require('n8n-core');
	const swap = (node) => {
		DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
		loaded.nodes[NODE_TYPE] = node;
	};
	if (config.client === 'floor' || config.client === 'custom') {
		const { floorNode, floorCustomNode, floorCredential } = require('./floor');
		swap((config.client === 'floor' ? floorNode : floorCustomNode)(config.op, config.url));
		loaded.credentials[CREDENTIAL_TYPE] = floorCredential;
	} else if (config.distRoot) {
		const { HuaweiSecMaster } = require(`${config.distRoot}/nodes/HuaweiSecMaster/HuaweiSecMaster.node.js`);
		const { HuaweiSecMasterApi } = require(`${config.distRoot}/credentials/HuaweiSecMasterApi.credentials.js`);
		swap(new HuaweiSecMaster());
		loaded.credentials[CREDENTIAL_TYPE] = new HuaweiSecMasterApi();
	}
	const credentials = common.credentials(config.mode, config.url);
	return async (ids, batch) => {
		const { items, error } = await runNode({
			typeVersion: 2,
			parameters: common.nodeParameters(config.op, batch),
			items: ids.map((id) => ({ id })),
			credentials,
		});
		if (error) throw error;
		return items;
	};
}

/** Counts the expressions n8n evaluates and the credential reads during the run, by who asked. */
function countExpressions() {
	const { Expression } = require('n8n-workflow');
	const { TestCredentialsHelper } = require('../test/helpers/credentialsHelper.ts');
	const counts = {};
	const getDecrypted = TestCredentialsHelper.prototype.getDecrypted;
	TestCredentialsHelper.prototype.getDecrypted = function (...args) {
		if (measuring) {
			const stack = new Error().stack;
			const site = stack.includes('httpRequestWithAuthentication')
				? 'credential read: n8n, to authenticate the request'
				: /\/dist\/(nodes|credentials)\//.test(stack)
					? 'credential read: our code'
					: "credential read: n8n's RoutingNode (once per run)";
			counts[site] = (counts[site] ?? 0) + 1;
		}
		return getDecrypted.apply(this, args);
	};
	const original = Expression.prototype.resolveSimpleParameterValue;
	Expression.prototype.resolveSimpleParameterValue = function (value, ...rest) {
		if (measuring && typeof value === 'string' && value.startsWith('=')) {
			const stack = new Error().stack;
			const site = /\/dist\/(nodes|credentials)\//.test(stack)
				? 'expression: our code (getNodeParameter)'
				: stack.includes('resolveBaseUrl')
					? "expression: n8n's RoutingNode, base-URL check pass"
					: stack.includes('RoutingNode.runNode')
						? "expression: n8n's RoutingNode, request pass"
						: 'expression: other';
			counts[site] = (counts[site] ?? 0) + 1;
		}
		return original.call(this, value, ...rest);
	};
	return counts;
}

async function main(config) {
	// n8n's logger: warnings and errors only, to the console (the engine logs per node, not per item).
	process.env.N8N_LOG_LEVEL ??= 'warn';
	const expressions = config.countExpressions ? countExpressions() : undefined;
	const run = config.client === 'raw' ? rawClient(config) : nodeClient(config);
	const ids = config.op === 'operate' ? config.ids : Array.from({ length: config.n + config.warm }, () => 'rule');
	await run(ids.slice(config.n, config.n + config.warm), config.batch);

	const measured = ids.slice(0, config.n);
	await settle(); // every client starts without open connections
	global.gc();
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.memoryUsage().rss;
	let session;
	if (config.profile) {
		session = new inspector.Session();
		session.connect();
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: 200 });
		await session.post('Profiler.start');
	}
	latencies.length = 0;
	measuring = true;
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	const items = await run(measured, config.batch);
	const elapsedMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuBefore);
	measuring = false;
	if (session) {
		const { profile } = await session.post('Profiler.stop');
		fs.writeFileSync(config.profile, JSON.stringify(profile));
		session.disconnect();
	}
	const settled = await settle();
	global.gc();
	const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
	const ok = items.filter((item) => (config.client === 'node' ? common.succeeded(config.op, item.json) : !item.json.error)).length;
	latencies.sort((a, b) => a - b);
	return {
		elapsedMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		items: items.length,
		ok,
		requests: latencies.length,
		sockets,
		p50: common.percentile(latencies, 50),
		p95: common.percentile(latencies, 95),
		heapGrowth,
		rssBefore,
		maxRss: process.resourceUsage().maxRSS * 1024,
		expressions,
		...settled,
		keep: items.length, // the output stays referenced until here, so heapGrowth counts it
	};
}

process.once('message', (config) => {
	main(config).then(
		(result) => process.send(result, () => process.exit(0)),
		(error) => process.send({ error: String(error?.stack ?? error) }, () => process.exit(1)),
	);
});
