// Part 4: where the time goes. Reads V8 .cpuprofile files (from the worker's inspector session
// or from `--cpu-prof`) and sums sampled time by package (self time) and under chosen functions
// (inclusive time: samples whose synchronous stack contains the function).
const fs = require('node:fs');

const OWNERS = {
	'n8n-workflow': 'n8n-workflow (parameters, expressions)',
	luxon: 'n8n-workflow (parameters, expressions)',
	'@n8n/tournament': 'n8n-workflow (parameters, expressions)',
	'@n8n/expression-runtime': 'n8n-workflow (parameters, expressions)',
	'isolated-vm': 'n8n-workflow (parameters, expressions)',
	'esprima-next': 'n8n-workflow (parameters, expressions)',
	recast: 'n8n-workflow (parameters, expressions)',
	jmespath: 'n8n-workflow (parameters, expressions)',
	'n8n-core': 'n8n-core (engine, RoutingNode, request helpers)',
	'@n8n/di': 'n8n-core (engine, RoutingNode, request helpers)',
	'@n8n/backend-common': 'n8n-core (engine, RoutingNode, request helpers)',
	'@n8n/utils': 'n8n-core (engine, RoutingNode, request helpers)',
	lodash: 'lodash (used by n8n-core and n8n-workflow)',
	axios: "n8n's HTTP client (axios, follow-redirects, @n8n/backend-network)",
	'follow-redirects': "n8n's HTTP client (axios, follow-redirects, @n8n/backend-network)",
	'proxy-from-env': "n8n's HTTP client (axios, follow-redirects, @n8n/backend-network)",
	'form-data': "n8n's HTTP client (axios, follow-redirects, @n8n/backend-network)",
	'@n8n/backend-network': "n8n's HTTP client (axios, follow-redirects, @n8n/backend-network)",
};

const SPECIAL = {
	'(garbage collector)': 'garbage collector',
	'(idle)': 'idle (waiting for the network)',
	'(program)': 'V8 (compiler, runtime)',
	'(root)': 'V8 (compiler, runtime)',
};

/** The package a sample belongs to; native frames (no URL) belong to the JavaScript that called them. */
function group(frame, caller) {
	const { url, functionName } = frame;
	if (SPECIAL[functionName]) return SPECIAL[functionName];
	if (!url) return caller ? group(caller.frame, caller.next()) : 'Node.js core (http, net, streams, timers)';
	if (/\/dist\/(nodes|credentials)\//.test(url)) return 'ours (dist/nodes, dist/credentials)';
	if (/\/(test\/helpers|bench)\//.test(url)) return 'bench harness (engine.ts, worker)';
	const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
	if (packages.length) {
		const name = packages[packages.length - 1][1];
		return OWNERS[name] ?? name;
	}
	if (url.startsWith('node:') || !url.includes('/')) return 'Node.js core (http, net, streams, timers)';
	return url;
}

const label = (frame) => `${frame.functionName || '(anonymous)'} (${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1})`;

function load(file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const selfUs = new Map();
	let totalUs = 0;
	profile.samples.forEach((id, index) => {
		// The inspector session's own Profiler.stop (serializing the profile) is not the run's time.
		if (nodes.get(id).callFrame.url === 'node:inspector') return;
		const delta = profile.timeDeltas[index] ?? 0;
		selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
		totalUs += delta;
	});
	return { nodes, parent, selfUs, totalUs };
}

/** Self time by package group and the top functions by self time. */
function summarize(file, top = 15) {
	const { nodes, parent, selfUs, totalUs } = load(file);
	const groups = new Map();
	const functions = new Map();
	const callerOf = (id) => {
		const parentId = parent.get(id);
		return parentId === undefined ? undefined : { frame: nodes.get(parentId).callFrame, next: () => callerOf(parentId) };
	};
	for (const [id, us] of selfUs) {
		const frame = nodes.get(id).callFrame;
		const name = group(frame, callerOf(id));
		groups.set(name, (groups.get(name) ?? 0) + us);
		const key = label(frame);
		const entry = functions.get(key) ?? { name: key, group: name, us: 0 };
		entry.us += us;
		functions.set(key, entry);
	}
	const rows = (map) => [...map].map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs })).sort((a, b) => b.ms - a.ms);
	return {
		totalMs: totalUs / 1000,
		groups: rows(groups),
		top: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ ...f, ms: f.us / 1000, share: f.us / totalUs })),
	};
}

/** Inclusive time of each {label: RegExp over "functionName url"}: samples with a matching frame on the stack. */
function inclusive(file, matchers) {
	const { nodes, parent, selfUs, totalUs } = load(file);
	const result = Object.fromEntries(Object.keys(matchers).map((key) => [key, 0]));
	for (const [id, us] of selfUs) {
		const stack = [];
		for (let current = id; current !== undefined; current = parent.get(current)) {
			const { functionName, url } = nodes.get(current).callFrame;
			stack.push(`${functionName} ${url}`);
		}
		for (const [key, pattern] of Object.entries(matchers)) if (stack.some((frame) => pattern.test(frame))) result[key] += us;
	}
	return { totalMs: totalUs / 1000, ms: Object.fromEntries(Object.entries(result).map(([key, us]) => [key, us / 1000])) };
}

module.exports = { summarize, inclusive };
