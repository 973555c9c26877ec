#!/usr/bin/env node
// npm run demo               the n8n editor with the node, a credential and example
//                            workflows, against the SecMaster simulator; Ctrl-C stops all
// npm run demo -- --headless runs every example workflow once and prints what happened
const { prepareDemo, startEditor, exampleWorkflows } = require('./lib/demo');
const { PACKAGE_NAME, n8nCommand, parseExecuteOutput, stopProcessGroup } = require('./lib/runtime');

const NODE_TYPE = `${PACKAGE_NAME}.huaweiSecMaster`;

function option(name, fallback) {
	const index = process.argv.indexOf(name);
	return index > 0 && process.argv[index + 1] ? Number(process.argv[index + 1]) : fallback;
}

function describeRule(rule) {
	if (!rule || typeof rule !== 'object') return String(rule);
	if (rule.cron) {
		const start = rule.start_type === 'CUSTOM' ? `from ${rule.start_time}` : 'starting now';
		const end = rule.end_type === 'CUSTOM' ? `until ${rule.end_time}` : 'forever';
		return `timer "${rule.cron}" (${rule.schedule_type}), ${start}, ${end}, ${rule.execution_type}${rule.only_once ? ', once' : ''}`;
	}
	const conditions = (rule.conditions ?? []).map((c) => `${c.name} = [${c.data.join(' | ')}]`).join('; ');
	return `event: ${(rule.logics ?? []).join(' ')} where ${conditions}`;
}

function describeItem(node, item, before, state) {
	const json = item.json;
	if (json.error) return `  ✗ ${node.name}: ${json.error}`;
	if (node.parameters.resource === 'playbookInstance') {
		const verb = json.status === 'RETRYING' ? 'retried' : 'terminated';
		return `  ✓ ${verb} "${json.name}" (${json.playbook?.name} ${json.playbook?.version}): ${before[json.id] ?? '?'} → ${json.status}`;
	}
	const version = Object.values(state.versions).find((v) => v.rule_id === json.id);
	const playbook = state.playbooks[version?.playbook_id];
	return `  ✓ rule of "${playbook?.name ?? '?'}" ${version?.version ?? ''} is now ${describeRule(json.rule)}`;
}

async function headless(demo) {
	let failures = 0;
	for (const workflow of exampleWorkflows()) {
		demo.simulator.reset();
		const before = Object.fromEntries(Object.values(demo.simulator.state.instances).map((i) => [i.id, i.status]));
		const result = await n8nCommand(demo.n8n, demo.userFolder, ['execute', `--id=${workflow.id}`, '--rawOutput']);
		const runData = parseExecuteOutput(result.stdout)?.data?.resultData?.runData ?? {};
		console.log(`\n${workflow.name}`);
		if (result.status !== 0) {
			failures++;
			console.log(`  ✗ failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`);
			continue;
		}
		const state = demo.simulator.state;
		for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
			const items = runData[node.name]?.[0]?.data?.main?.[0] ?? [];
			const { resource, operation } = node.parameters;
			if (!(operation === 'operate' || (resource === 'playbookRule' && operation !== 'get'))) {
				console.log(`  • ${node.name}: ${items.length} ${items.length === 1 ? 'record' : 'records'}`);
				continue;
			}
			for (const item of items) {
				if (item.json.error) failures++;
				console.log(describeItem(node, item, before, state));
			}
		}
		console.log(`  (${demo.simulator.requests.length} request(s) reached SecMaster)`);
	}
	console.log(failures ? `\n${failures} example(s) failed.` : '\nAll example workflows ran.');
	return failures ? 1 : 0;
}

async function main() {
	const isHeadless = process.argv.includes('--headless');
	const demo = await prepareDemo({ simulatorPort: option('--simulator-port', 8787) });
	console.log(`SecMaster simulator: ${demo.simulator.url}`);

	if (isHeadless) {
		const code = await headless(demo);
		await demo.simulator.stop();
		process.exit(code);
	}

	let editor;
	try {
		editor = await startEditor(demo, { port: option('--port', 5678) });
	} catch (error) {
		await demo.simulator.stop();
		throw error;
	}
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the simulator…');
		await stopProcessGroup(editor.child);
		await demo.simulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	editor.child.on('exit', (code) => {
		if (!stopping) {
			console.error(`n8n stopped unexpectedly (exit ${code}); its log: ${editor.logFile}`);
			demo.simulator.stop().then(() => process.exit(1));
		}
	});

	console.log(`
n8n is ready: ${editor.url}
  login:    ${editor.login.email}
  password: ${editor.login.password}

Open "Overview" to find the example workflows (SecMaster: …); the credential
"Huawei SecMaster (simulator)" points at the simulator. n8n's log: ${editor.logFile}
Press Ctrl-C to stop n8n and the simulator.`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
