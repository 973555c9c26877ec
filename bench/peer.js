// Part 2: the peer users would otherwise pick. In the real n8n of the e2e suite, one workflow
// feeds N items to our node (Operate Instance, RETRY, or Close Alert; token mode) and its twin feeds
// them to n8n's HTTP Request node making the very same calls (hand-built URL, headers and JSON body).
// Both run with `n8n execute`, alternating; the time is the node's own executionTime from the
// execution data, not the process's wall time (n8n boots for several seconds each run).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, freePortPair, installPackage, n8nCommand, parseExecuteOutput, PACKAGE_NAME } = require('../scripts/lib/runtime');
const common = require('./common');

const CREDENTIAL = { id: 'benchSecMaster01', name: 'SecMaster bench (simulator)' };
const TIMED = 'Timed';

// Where the item's ID goes in the path; the HTTP Request node's URL expression puts $json.id there.
const ID = '{id}';

/** The timed node: ours, or the HTTP Request node sending what ours sends for `op` (common.rawRequest). */
function timedNode(op, client, batch, url) {
	const batching = batch ? { batch: { batchSize: batch.size, batchInterval: batch.interval } } : undefined;
	if (client === 'ours') {
		return {
			type: `${PACKAGE_NAME}.huaweiSecMaster`,
			typeVersion: 2,
			parameters: common.nodeParameters(op, batch),
			credentials: { huaweiSecMasterApi: CREDENTIAL },
		};
	}
	const { method, path, body } = common.rawRequest(op, ID);
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5, // what a new HTTP Request node gets in n8n 2.41
		parameters: {
			method,
			url: `={{ ${JSON.stringify(`${url}${path}`).replace(ID, '" + $json.id + "').replace(/ \+ ""$/, '')} }}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'X-Auth-Token', value: common.TOKEN },
					{ name: 'Accept', value: 'application/json' },
					{ name: 'Content-Type', value: 'application/json;charset=UTF-8' },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options: batching ? { batching } : {},
		},
	};
}

function workflow(id, op, client, ids, batch, url) {
	const timed = timedNode(op, client, batch, url);
	const position = (x) => [x, 0];
	return {
		id,
		name: `Bench ${id}`,
		nodes: [
			{ id: `${id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: position(0), parameters: {} },
			{
				id: `${id}-2`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: position(200),
				parameters: { jsCode: `return ${JSON.stringify(ids)}.map((id) => ({ json: { id } }));` },
			},
			{ id: `${id}-3`, name: TIMED, position: position(400), ...timed },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: TIMED, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

async function ok(result, what) {
	if (result.status !== 0) throw new Error(`n8n ${what} failed (${result.status}):\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
	return result;
}

/**
 * Sets up n8n once; returns run(client, n, batch) → {executionTime, items, ok}. `op`: 'operate'
 * (Operate Instance on FAILED instances) or 'close' (Close Alert on open alerts).
 */
async function preparePeer(simulator, sizes, batches, { packageDir, op = 'operate' } = {}) {
	const runtime = ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'secmaster-bench-'));
	const idOf = (client, n, batch) => `bench${op}${client}${n}${batch ? `b${batch.size}i${batch.interval}` : 'off'}`.slice(0, 36);
	const prepare = (n) => (op === 'close' ? simulator.prepareAlerts(n) : simulator.prepare(n));
	try {
		if (!packageDir) installPackage(userFolder);
		// A/B experiments: an unpacked package directory (package.json + dist) instead of the packed tarball.
		else fs.cpSync(packageDir, path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME), { recursive: true });
		const credentialFile = path.join(userFolder, 'credential.json');
		const data = common.credentials('token', simulator.url);
		fs.writeFileSync(credentialFile, JSON.stringify([{ ...CREDENTIAL, type: 'huaweiSecMasterApi', data }]));
		await ok(await n8nCommand(runtime, userFolder, ['import:credentials', `--input=${credentialFile}`]), 'import:credentials');

		// The generated records are the same after every reset, so the IDs can be written into the workflows.
		const ids = await prepare(Math.max(...sizes));
		const dir = path.join(userFolder, 'workflows');
		fs.mkdirSync(dir);
		for (const n of sizes)
			for (const batch of batches)
				for (const client of ['ours', 'http']) {
					const id = idOf(client, n, batch);
					fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(workflow(id, op, client, ids.slice(0, n), batch, simulator.url)));
				}
		await ok(await n8nCommand(runtime, userFolder, ['import:workflow', '--separate', `--input=${dir}`]), 'import:workflow');
	} catch (error) {
		fs.rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}

	return {
		/** One execution; one more if n8n ended without printing the whole execution (seen once in 10,000-item runs). */
		async run(client, n, batch, extraEnv = {}, attempt = 1) {
			await prepare(n);
			const started = Date.now();
			// n8n's CLI prints the execution at its default log level (info); a lower level hides it.
			const result = await n8nCommand(runtime, userFolder, ['execute', `--id=${idOf(client, n, batch)}`, '--rawOutput'], {
				N8N_RUNNERS_BROKER_PORT: String(await freePortPair()), // the default 5679 may be taken by another n8n
				...extraEnv,
			});
			const wallMs = Date.now() - started;
			const task = parseExecuteOutput(result.stdout)?.data?.resultData?.runData?.[TIMED]?.[0];
			if (result.status !== 0 || !task) {
				const what = `execute ${client} ${n} (exit ${result.status}, ${result.stdout.length} bytes of output)`;
				if (attempt === 1) {
					process.stderr.write(`[bench] ${what} gave no execution data; running it once more\n`);
					return await this.run(client, n, batch, extraEnv, 2);
				}
				throw new Error(`n8n ${what} failed:\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
			}
			const items = task.data?.main?.[0] ?? [];
			return {
				executionTime: task.executionTime,
				wallMs,
				items: items.length,
				ok: items.filter((item) => common.succeeded(op, item.json)).length,
				attempts: attempt,
			};
		},
		cleanup() {
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

module.exports = { preparePeer };
