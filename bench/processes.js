// The child processes of the bench: the simulator (bench/simulator.js) and one worker per
// measured run (bench/worker.js), all on the Node that runs the bench (Node 24).
const { fork } = require('node:child_process');
const path = require('node:path');

function reply(child) {
	return new Promise((resolve, reject) => {
		const onExit = (code) => reject(new Error(`${path.basename(child.spawnargs[1] ?? 'child')} exited with ${code}`));
		child.once('exit', onExit);
		child.once('message', (message) => {
			child.off('exit', onExit);
			resolve(message);
		});
	});
}

/**
 * The simulator with `instances` generated instances and as many alerts; prepare(n) resets it and
 * marks n instances FAILED, prepareAlerts(n) resets it and opens n alerts.
 */
async function startSimulator(instances) {
	const child = fork(path.join(__dirname, 'simulator.js'), [String(instances)], { stdio: 'inherit' });
	const { url } = await reply(child);
	return {
		url,
		async prepare(failed) {
			child.send({ cmd: 'prepare', failed });
			return (await reply(child)).ids;
		},
		async prepareAlerts(open) {
			child.send({ cmd: 'prepareAlerts', open });
			return (await reply(child)).ids;
		},
		async stop() {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.send({ cmd: 'stop' });
			await exited;
		},
	};
}

/** One measured run in a fresh process; the result the worker sends back. */
async function runWorker(config) {
	const child = fork(path.join(__dirname, 'worker.js'), [], {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
	});
	const answer = reply(child);
	child.send(config);
	const result = await answer;
	if (result.error) throw new Error(`worker (${config.client} ${config.op} ${config.mode} ${config.n}): ${result.error}`);
	return result;
}

module.exports = { startSimulator, runWorker };
