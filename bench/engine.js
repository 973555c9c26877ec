// Part 1: Operate Instance and Update Rule through n8n-core's real engine, in token and AK/SK
// modes, against the same requests from a raw got client and from n8n's two floors (bench/floor.js).
// Every run is a fresh process; the order of the clients rotates from one repetition to the next.
const { runWorker } = require('./processes');

const OPS = ['operate', 'update'];
const MODES = ['token', 'aksk'];
const CLIENTS = ['raw', 'node', 'custom', 'floor'];
const WARM = 100;

async function engineBench(simulator, { sizes, reps, log }) {
	const runs = [];
	for (const op of OPS)
		for (const mode of MODES)
			for (const n of sizes)
				for (let rep = 0; rep < reps; rep++) {
					const order = CLIENTS.map((_, index) => CLIENTS[(index + rep) % CLIENTS.length]);
					for (const client of order) {
						const ids = op === 'operate' ? await simulator.prepare(n + WARM) : (await simulator.prepare(0), []);
						const result = await runWorker({ client, op, mode, n, warm: WARM, url: simulator.url, ids, batch: null });
						if (result.ok !== n) throw new Error(`${client} ${op} ${mode} ${n}: only ${result.ok} of ${n} items succeeded`);
						runs.push({ op, mode, n, rep, client, ...result });
						log(`engine ${op} ${mode} ${String(n).padStart(5)} ${client.padEnd(5)} rep ${rep + 1}: ${Math.round((n / result.elapsedMs) * 1000)} items/s`);
					}
				}
	return runs;
}

module.exports = { engineBench, OPS, MODES, CLIENTS };
