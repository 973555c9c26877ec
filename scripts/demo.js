#!/usr/bin/env node
// npm run demo               the n8n editor with the node, a credential and example
//                            workflows, against the SecMaster simulator; Ctrl-C stops all
// npm run demo -- --headless runs every example workflow once and prints what happened
const { prepareDemo, startEditor, exampleWorkflows } = require('./lib/demo');
const { PACKAGE_NAME, n8nCommand, parseExecuteOutput, stopProcessGroup, until } = require('./lib/runtime');
const triggers = require('./lib/triggers');

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

/**
 * The trigger workflows start on their own, so they run published in n8n: one busy minute
 * of failed runs and alerts, and the maintenance window moved to the coming minute.
 */
async function headlessTriggers(demo, port) {
	const workflows = exampleWorkflows().filter(triggers.isTriggered);
	await triggers.publish(demo.n8n, demo.userFolder, workflows.map((w) => (w.id === triggers.MAINTENANCE ? triggers.withSchedulesSoon(w) : w)));
	demo.simulator.reset();
	console.log(`\n${workflows.map((w) => w.name).join('\n')}\n  (published in n8n; the triggers poll every minute)`);
	const editor = await startEditor(demo, { port });
	try {
		await until(() => triggers.allPolled(demo.simulator, workflows), { what: 'the triggers\' first polls' });
		const incident = triggers.injectIncident(demo.simulator);
		const { alerts } = incident;
		console.log(`  • SecMaster: ${incident.failed.length} playbook runs failed; alerts "${alerts.high.data_object.title}" (High), "${alerts.fatal.data_object.title}" (Fatal), "${alerts.low.data_object.title}" (Low), "${alerts.noisy.data_object.title}" (Low, Legacy IDS), "${alerts.production.data_object.title}" (High, production, ${incident.production.failed.length} runs failed 40 minutes ago)`);
		const operated = (id) => demo.simulator.state.appliedOperations.filter((op) => op.instanceId === id).map((op) => op.operation);
		const cron = () => demo.simulator.requests.filter((r) => r.route === 'updateRule').map((r) => r.json.rule.cron);
		// The window opens (quiet schedule), then closes (normal schedule again).
		const windowPassed = () => {
			const opened = cron().findIndex((c) => c !== '0 0 2 * * ?');
			return opened >= 0 && cron().slice(opened + 1).includes('0 0 2 * * ?') ? [cron()[opened], '0 0 2 * * ?'] : null;
		};
		const { noisy, production, high } = incident.alerts;
		const notes = (id) => triggers.notesOn(demo.simulator, id ?? '-').map((note) => note.data.content);
		const escalated = () => triggers.incidentOf(demo.simulator, production.id);
		await until(
			() =>
				incident.failed.every((f) => operated(f.id).length) &&
				operated(incident.running.runaway.id).length &&
				windowPassed() &&
				demo.simulator.state.alerts[noisy.id].data_object.handle_status === 'Closed' &&
				notes(escalated()?.id).length &&
				notes(high.id).length,
			{ what: 'the trigger workflows to act', timeoutMs: 180_000 },
		);
		for (const f of incident.failed) console.log(`  ✓ auto-retry: "${f.name}" → ${operated(f.id).join(', ')}`);
		console.log(`  ✓ triage: the playbook running for 2 h on "${incident.alerts.high.data_object.title}" → ${operated(incident.running.runaway.id).join(', ')}`);
		console.log(`  ✓ triage left alone: the fresh run on the Fatal alert (${operated(incident.running.fresh.id).length} operations) and the one on the Low alert (${operated(incident.running.lowRunaway.id).length})`);
		console.log(`  ✓ triage note on "${high.data_object.title}": ${notes(high.id).join(' | ')}`);
		const [quiet, normal] = windowPassed();
		console.log(`  ✓ maintenance window: timer rule set to "${quiet}", then back to "${normal}"`);
		const closed = demo.simulator.state.alerts[noisy.id].data_object;
		console.log(`  ✓ close false positives: "${noisy.data_object.title}" (Low, Legacy IDS) → ${closed.handle_status}, ${closed.close_reason}: "${closed.close_comment}"`);
		console.log(`  ✓ close false positives left alone: "${incident.alerts.low.data_object.title}" (Low, another source) → ${demo.simulator.state.alerts[incident.alerts.low.id].data_object.handle_status}`);
		const made = escalated();
		const indicator = Object.values(demo.simulator.state.soc.indicators).find((i) => i.data_object.value === '203.0.113.77');
		console.log(`  ✓ escalate: "${production.data_object.title}" → incident "${made.data_object.title}" (alerts: ${made.data_object.alert_list.join(', ')})`);
		console.log(`  ✓ escalate: indicator "${indicator?.data_object.name}" (${indicator?.data_object.verdict})`);
		for (const run of incident.production.failed) console.log(`  ✓ escalate: failed run "${run.name}" → ${operated(run.id).join(', ')}`);
		console.log(`  ✓ escalate: comment on the incident: ${notes(made.id).join(' | ').replace(/\n/g, ' / ')}`);
		return 0;
	} catch (error) {
		console.log(`  ✗ ${error.message}; n8n's log: ${editor.logFile}`);
		return 1;
	} finally {
		await stopProcessGroup(editor.child);
	}
}

async function headless(demo) {
	let failures = 0;
	for (const workflow of exampleWorkflows().filter((w) => !triggers.isTriggered(w))) {
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
	failures += await headlessTriggers(demo, option('--port', 5678));
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

	// The trigger workflows run as users run them: published, with SecMaster (the simulator)
	// producing a new alert and a failing playbook run every minute.
	await triggers.publish(demo.n8n, demo.userFolder, exampleWorkflows().filter(triggers.isTriggered));
	demo.simulator.setFeed({ everyMs: option('--feed-every-ms', 60_000) });
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
"Huawei SecMaster (simulator)" points at the simulator. The trigger workflows are
published: every minute the simulator adds an alert and a failing playbook run, and
"Executions" shows the auto-retry, triage, close-false-positives and escalate workflows reacting. n8n's log: ${editor.logFile}
Press Ctrl-C to stop n8n and the simulator.`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
