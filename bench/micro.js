// Part 3: micro-benchmarks, run as `node bench/micro.js` (prints JSON). The signer against the
// official @huaweicloud/huaweicloud-sdk-core signer on the same requests, the rule body builder,
// the module load time of the built node and credential, and the packed tarball.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const { signRequest, canonicalQuery } = require('../dist/nodes/HuaweiSecMaster/transport/signer.js');
const ruleBody = require('../dist/nodes/HuaweiSecMaster/domain/ruleBody.js');
const common = require('./common');

const ROOT = path.resolve(__dirname, '..');
const BASE = 'https://secmaster.cn-north-4.myhuaweicloud.com';
const DATE = new Date('2026-11-23T08:00:00Z');

/** µs per call: the median of `rounds` rounds of `iterations` calls, after a warm-up round. */
function timeIt(fn, iterations = 20000, rounds = 7) {
	const results = [];
	for (let round = -1; round < rounds; round++) {
		const start = process.hrtime.bigint();
		for (let i = 0; i < iterations; i++) fn(i);
		if (round >= 0) results.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
	}
	return common.median(results);
}

const REQUESTS = {
	'Operate Instance (POST, JSON body)': { ...common.rawRequest('operate', '2a1f3a5e-4b1c-4c5e-9e0f-6d7a8b9c0d1e'), query: {} },
	'Update Rule (PUT, rule body)': { ...common.rawRequest('update'), query: {} },
	'List Instances (GET, 4 query parameters)': {
		method: 'GET',
		path: `${common.WS_PATH}/soc/playbooks/instances`,
		body: '',
		query: { limit: '100', offset: '0', status: 'FAILED', from_date: '2026-11-16T00:00:00.000Z+0800' },
	},
};

function signers(request) {
	const url = `${BASE}${request.path}`;
	const body = request.body ? Buffer.from(request.body, 'utf8') : undefined;
	const ours = () =>
		signRequest({ method: request.method, url, query: request.query, body, accessKeyId: common.KEY.ak, secretAccessKey: common.KEY.sk, projectId: common.PROJECT_ID, date: DATE });
	// The official signer gets the same date, host and project header the node signs.
	const signed = ours();
	const credential = { getAk: () => common.KEY.ak, getSk: () => common.KEY.sk };
	const official = () =>
		AKSKSigner.sign(
			{
				method: request.method,
				endpoint: url,
				headers: { 'X-Sdk-Date': signed['X-Sdk-Date'], 'x-project-id': common.PROJECT_ID },
				queryParams: request.query,
				data: request.body ? JSON.parse(request.body) : undefined,
			},
			credential,
		);
	const signature = (authorization) => /Signature=([0-9a-f]+)/.exec(authorization)[1];
	return { ours, official, same: signature(ours().Authorization) === signature(official().Authorization) };
}

function signerBench() {
	return Object.entries(REQUESTS).map(([name, request]) => {
		const { ours, official, same } = signers(request);
		return { name, oursUs: timeIt(ours), officialUs: timeIt(official), sameSignature: same, query: canonicalQuery(request.query) };
	});
}

function ruleBodyBench() {
	const event = () =>
		ruleBody.ruleRequestBody(
			ruleBody.buildEventRule({
				expressionType: 'common',
				conditions: [{ name: 'condition_0', detail: '123', data: ['handle_status, ==, Open'] }],
				logics: 'condition_0',
			}),
			false,
		);
	const timer = () =>
		ruleBody.ruleRequestBody(
			ruleBody.buildTimerRule({
				cron: '0 0 3 * * ?',
				scheduleType: 'day',
				startType: 'CUSTOM',
				startTime: '2026-12-01T03:00:00Z',
				endType: 'CUSTOM',
				endTime: '2027-12-01T03:00:00Z',
				repeatRange: '2026-12-01T03:00:00Z+0800',
				onlyOnce: false,
				executionType: 'SERIAL_WAIT',
			}),
			false,
		);
	const json = () => ruleBody.ruleRequestBody(ruleBody.parseRuleJson(common.SEED_RULE_BODY.slice(8, -1)), true);
	return [
		{ name: 'event rule (the seed example)', us: timeIt(event), bytes: JSON.stringify(event()).length },
		{ name: 'timer rule (custom start and end)', us: timeIt(timer), bytes: JSON.stringify(timer()).length },
		{ name: 'rule given as JSON, sent as a string', us: timeIt(json), bytes: JSON.stringify(json()).length },
	];
}

/** ms to require the built node and credential in a fresh process, median of `runs`. */
function loadTime(runs = 11) {
	const pkg = require('../package.json');
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(ROOT, file));
	const script = (preload) => `
		${preload ? "require('n8n-workflow');" : ''}
		const start = process.hrtime.bigint();
		for (const file of ${JSON.stringify(files)}) require(file);
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		const ours = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(path.join(ROOT, 'dist'))})).length;
		console.log(JSON.stringify({ ms, ours }));`;
	const measure = (preload) => {
		const samples = [];
		let modules = 0;
		for (let i = 0; i < runs; i++) {
			const out = JSON.parse(execFileSync(process.execPath, ['-e', script(preload)], { cwd: ROOT, encoding: 'utf8' }));
			samples.push(out.ms);
			modules = out.ours;
		}
		return { ms: common.median(samples), modules };
	};
	return { files: files.map((file) => path.relative(ROOT, file)), cold: measure(false), withN8nWorkflow: measure(true) };
}

function tarball() {
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
	return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

if (require.main === module) {
	console.log(JSON.stringify({ signer: signerBench(), ruleBody: ruleBodyBench(), load: loadTime(), tarball: tarball() }));
}
