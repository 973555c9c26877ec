// The ready-made trigger workflows running the way users run them: published (active) in
// a real n8n, polling the simulator. Used by the e2e suite and `npm run demo`.
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('./runtime');

const TRIGGER_TYPES = new Set([`${runtime.PACKAGE_NAME}.huaweiSecMasterTrigger`, 'n8n-nodes-base.scheduleTrigger']);
const AUTO_RETRY = 'hwsmAutoRetry001';
const TRIAGE = 'hwsmAlertTriage1';
const MAINTENANCE = 'hwsmMaintWindow1';

/** Workflows that start on their own (a poll or schedule trigger), not by hand. */
function isTriggered(workflow) {
	return workflow.nodes.some((node) => TRIGGER_TYPES.has(node.type));
}

/**
 * A copy whose Schedule Triggers fire within the next minute, `gapSeconds` apart, in node
 * order: the maintenance window opens and closes while someone watches, not at 22:00.
 */
function withSchedulesSoon(workflow, now = new Date(), gapSeconds = 20) {
	const copy = structuredClone(workflow);
	let second = (now.getSeconds() + 15) % 60;
	for (const node of copy.nodes.filter((n) => n.type === 'n8n-nodes-base.scheduleTrigger')) {
		node.parameters.rule = { interval: [{ field: 'cronExpression', expression: `${second} * * * * *` }] };
		second = (second + gapSeconds) % 60;
	}
	return copy;
}

/** Imports the workflows and publishes them, so that `n8n start` activates them. */
async function publish(n8n, userFolder, workflows) {
	const dir = fs.mkdtempSync(path.join(userFolder, 'active-'));
	for (const workflow of workflows) {
		fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
	}
	const steps = [['import:workflow', '--separate', `--input=${dir}`], ...workflows.map((w) => ['publish:workflow', `--id=${w.id}`])];
	for (const args of steps) {
		const result = await runtime.n8nCommand(n8n, userFolder, args);
		if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
	}
}

const MINUTE = 60_000;
const BLOCK_IPS = '3650884c-90cd-4532-a740-5b6f750a7469';

/**
 * What a SOC sees on a busy minute: three playbook runs fail, two High/Fatal alerts and a
 * Low one arrive, each with a playbook running on it; one of those has run for two hours.
 */
function injectIncident(simulator) {
	const now = simulator.now();
	const failed = simulator.addInstances(
		[1, 2, 3].map((n) => ({ name: `Auto-block malicious IPs-incident-${n}`, playbook: BLOCK_IPS, status: 'FAILED' })),
	).instances;
	const [high, fatal, low] = simulator.addAlerts([
		{ data_object: { title: 'Beaconing to 203.0.113.99 from ecs-app-02', severity: 'High', handle_status: 'Open' } },
		{ data_object: { title: 'Ransom note on ecs-file-02', severity: 'Fatal', handle_status: 'Open' } },
		{ data_object: { title: 'Port scan from 198.51.100.23', severity: 'Low', handle_status: 'Open' } },
	]).alerts;
	const [runaway, fresh, lowRunaway] = simulator.addInstances([
		{ alertId: high.id, playbook: BLOCK_IPS, status: 'RUNNING', start_time: new Date(now - 120 * MINUTE).toISOString() },
		{ alertId: fatal.id, playbook: BLOCK_IPS, status: 'RUNNING', start_time: new Date(now - MINUTE).toISOString() },
		{ alertId: low.id, playbook: BLOCK_IPS, status: 'RUNNING', start_time: new Date(now - 120 * MINUTE).toISOString() },
	]).instances;
	return { failed, alerts: { high, fatal, low }, running: { runaway, fresh, lowRunaway } };
}

/** A logged-in REST client for the running n8n: the executions the triggers started. */
async function restClient(editor) {
	const response = await fetch(`${editor.url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: editor.login.email, password: editor.login.password }),
	});
	if (!response.ok) throw new Error(`n8n login failed: ${response.status}`);
	const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	return {
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const answer = await fetch(`${editor.url}/rest/executions?filter=${filter}&limit=100`, { headers: { cookie } });
			if (!answer.ok) throw new Error(`listing executions failed: ${answer.status}`);
			const body = await answer.json();
			return body.data?.results ?? body.data ?? [];
		},
	};
}

module.exports = { AUTO_RETRY, TRIAGE, MAINTENANCE, isTriggered, withSchedulesSoon, publish, injectIncident, restClient };
