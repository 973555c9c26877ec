// The ready-made trigger workflows running the way users run them: published (active) in
// a real n8n, polling the simulator. Used by the e2e suite and `npm run demo`.
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('./runtime');

const TRIGGER_TYPES = new Set([`${runtime.PACKAGE_NAME}.huaweiSecMasterTrigger`, 'n8n-nodes-base.scheduleTrigger']);
const AUTO_RETRY = 'hwsmAutoRetry001';
const TRIAGE = 'hwsmAlertTriage1';
const MAINTENANCE = 'hwsmMaintWindow1';
const CLOSE_FALSE_POSITIVES = 'hwsmCloseFalse01';
const ESCALATE = 'hwsmEscalate0001';

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

/**
 * Whether every trigger of `workflows` has polled once: each New Alert trigger its own search (its
 * filters differ), each Playbook Instance Status trigger its FAILED list. Records that arrive
 * before a trigger's first poll are history to it, never emitted.
 */
function allPolled(simulator, workflows) {
	const triggers = workflows.flatMap((w) => w.nodes).filter((n) => n.type === `${runtime.PACKAGE_NAME}.huaweiSecMasterTrigger`);
	const searches = new Set(
		simulator.requests.filter((r) => r.route === 'searchAlerts').map((r) => JSON.stringify(r.json?.condition ?? null)),
	);
	const alertTriggers = triggers.filter((n) => (n.parameters.event ?? 'newAlert') === 'newAlert').length;
	const instanceTriggers = triggers.some((n) => n.parameters.event === 'instanceStatus');
	const listed = simulator.requests.some((r) => r.route === 'listInstances' && r.query.status === 'FAILED');
	return searches.size >= alertTriggers && (!instanceTriggers || listed);
}

const MINUTE = 60_000;
const BLOCK_IPS = '3650884c-90cd-4532-a740-5b6f750a7469';

/**
 * What a SOC sees on a busy minute: three playbook runs fail, two High/Fatal alerts and a
 * Low one arrive, each with a playbook running on it; one of those has run for two hours.
 * Besides: a Low alert from the noisy detector (a false positive to close), and a High alert
 * on a production host whose playbook runs failed before it came in (to escalate; they ended
 * 40 minutes ago, so the auto-retry trigger, which looks back 10 minutes, leaves them alone).
 */
function injectIncident(simulator) {
	const now = simulator.now();
	const failed = simulator.addInstances(
		[1, 2, 3].map((n) => ({ name: `Auto-block malicious IPs-incident-${n}`, playbook: BLOCK_IPS, status: 'FAILED' })),
	).instances;
	const [high, fatal, low, noisy, production] = simulator.addAlerts([
		{ data_object: { title: 'Beaconing to 203.0.113.99 from ecs-app-02', severity: 'High', handle_status: 'Open' } },
		{ data_object: { title: 'Ransom note on ecs-file-02', severity: 'Fatal', handle_status: 'Open' } },
		{ data_object: { title: 'Port scan from 198.51.100.23', severity: 'Low', handle_status: 'Open' } },
		{
			data_object: {
				title: 'Suspicious user agent from 10.0.8.15',
				severity: 'Low',
				handle_status: 'Open',
				data_source: { product_name: 'Legacy IDS', product_feature: 'legacy-ids', source_type: 3 },
			},
		},
		{
			data_object: {
				title: 'SSH brute force on ecs-prod-db-01 from 203.0.113.77',
				severity: 'High',
				handle_status: 'Open',
				labels: 'production,database',
				alert_type: { category: 'Brute force', alert_type: 'SSH brute force' },
				network_list: [{ src_ip: '203.0.113.77', dest_ip: '192.168.10.5', dest_port: 22, protocol: 'TCP' }],
			},
		},
	]).alerts;
	const [runaway, fresh, lowRunaway] = simulator.addInstances([
		{ alertId: high.id, playbook: BLOCK_IPS, status: 'RUNNING', start_time: new Date(now - 120 * MINUTE).toISOString() },
		{ alertId: fatal.id, playbook: BLOCK_IPS, status: 'RUNNING', start_time: new Date(now - MINUTE).toISOString() },
		{ alertId: low.id, playbook: BLOCK_IPS, status: 'RUNNING', start_time: new Date(now - 120 * MINUTE).toISOString() },
	]).instances;
	const earlier = (minutes) => new Date(now - minutes * MINUTE).toISOString();
	const productionRuns = simulator.addInstances([
		{ alertId: production.id, playbook: BLOCK_IPS, status: 'FAILED', start_time: earlier(42), end_time: earlier(41) },
		{ alertId: production.id, playbook: BLOCK_IPS, status: 'FAILED', start_time: earlier(41), end_time: earlier(40) },
		{ alertId: production.id, playbook: BLOCK_IPS, status: 'FINISHED', start_time: earlier(45), end_time: earlier(44) },
	]).instances;
	return {
		failed,
		alerts: { high, fatal, low, noisy, production },
		running: { runaway, fresh, lowRunaway },
		production: { failed: productionRuns.slice(0, 2), finished: productionRuns[2] },
	};
}

/** The incident SecMaster made of an alert (its incident_list), or undefined. */
function incidentOf(simulator, alertId) {
	const [id] = simulator.state.alerts[alertId]?.data_object.incident_list ?? [];
	return id ? simulator.state.soc.incidents[id] : undefined;
}

/** The comments (notes) on an alert or incident, oldest first. */
function notesOn(simulator, warRoomId) {
	return Object.values(simulator.state.soc.notes).filter((note) => note.war_room_id === warRoomId);
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

module.exports = {
	AUTO_RETRY,
	TRIAGE,
	MAINTENANCE,
	CLOSE_FALSE_POSITIVES,
	ESCALATE,
	isTriggered,
	allPolled,
	withSchedulesSoon,
	publish,
	injectIncident,
	incidentOf,
	notesOn,
	restClient,
};
