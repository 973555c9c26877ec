// The bad-input table of docs/reliability.md (issue 7, item 4). Every row runs
// the built node through n8n's real engine against the simulator, with three
// items of which only the middle one (item 1) is bad, in continue-on-fail mode
// and in stop mode. Each row must fail before its request, naming the field and
// the item. With continue-on-fail the two good items' requests go out, so the
// simulator sees exactly 2 requests: none for item 1. In stop mode it depends on
// who runs the operation (docs/reliability.md): the writes (Operate Instance and
// Create, Update and Delete Rule), custom operations, check every item first and
// send nothing; for the reads n8n's RoutingNode has started every item's request
// before any check fails.
import type { IDataObject, INodeType } from 'n8n-workflow';

import { loaded, NODE_TYPE, runNode } from '../helpers/engine';
import { TIMER_FORM } from '../helpers/forms';
import { credentialsFor, FIXTURE, useSimulator, WORKSPACE_ID } from '../helpers/simulator';
import socFixture from '../../simulator/fixtures/soc.json';

const simulator = useSimulator();

// ---- fixture records the good items act on ---------------------------------------------------

const FAILED = FIXTURE.instances.filter((i) => i.status === 'FAILED' && i.workspace_id === WORKSPACE_ID);
const PLAYBOOKS = (FIXTURE.playbooks as Array<{ id: string; workspace_id: string }>).filter(
	(p) => p.workspace_id === WORKSPACE_ID,
);
const VERSIONS = FIXTURE.versions.filter((v) => v.rule_id && PLAYBOOKS.some((p) => p.id === v.playbook_id));
const TIMER = VERSIONS.find((v) => v.trigger_type === 'TIMER')!;
const EVENTS = VERSIONS.filter((v) => v.trigger_type === 'EVENT');
const ALERTS = (FIXTURE.alerts as Array<{ id: string; workspace_id: string }>).filter(
	(a) => a.workspace_id === WORKSPACE_ID,
);

const KEY = (FIXTURE as unknown as { accessKeys: Array<{ ak: string; sk: string; securityToken?: string }> }).accessKeys.find(
	(key) => !key.securityToken,
)!;
const akskCredentials = () =>
	credentialsFor(simulator, { authType: 'aksk', accessKeyId: KEY.ak, secretAccessKey: KEY.sk, securityToken: '' });

const SEED_RULE = {
	expression_type: 'common',
	conditions: [{ name: 'condition_0', detail: '123', data: ['handle_status, ==, Open'] }],
	logics: ['condition_0'],
};
const TIMER_RULE = {
	cron: '0 0 3 * * ?',
	schedule_type: 'day',
	start_type: 'IMMEDIATELY',
	end_type: 'FOREVER',
	repeat_range: '2026-12-01T03:00:00Z+0800',
	only_once: false,
	execution_type: 'SERIAL_WAIT',
};

// ---- families: node parameters reading $json, and the two good items ---------------------------

interface Family {
	parameters: IDataObject;
	good: [IDataObject, IDataObject];
	typeVersion?: number;
	/** Requests a good item makes (Run Workflow starts the run, then reads the new instance). */
	requestsPerItem?: number;
}

const operate: Family = {
	parameters: { resource: 'playbookInstance', operation: 'operate', instanceId: '={{ $json.id }}', operationType: '={{ $json.op }}' },
	good: [
		{ id: FAILED[0].id, op: 'RETRY' },
		{ id: FAILED[1].id, op: 'RETRY' },
	],
};

const operateV2: Family = {
	...operate,
	typeVersion: 2,
	parameters: { ...operate.parameters, instanceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
};

const operateElsewhere: Family = {
	parameters: { ...operate.parameters, options: { workspaceId: '={{ $json.ws }}' } },
	good: [
		{ ...operate.good[0], ws: WORKSPACE_ID },
		{ ...operate.good[1], ws: WORKSPACE_ID },
	],
};

// n8n keeps an expression in a noDataExpression field as text: every item gets '{{ "RESTART" }}'.
const operateByExpression: Family = { ...operate, parameters: { ...operate.parameters, operation: '={{ "RESTART" }}' } };

const auditLogs: Family = {
	parameters: { resource: 'playbookInstance', operation: 'getAuditLogs', instanceId: '={{ $json.id }}', returnAll: false, limit: 1 },
	good: [{ id: FAILED[0].id }, { id: FAILED[1].id }],
};

const auditLogSort: Family = {
	parameters: { ...auditLogs.parameters, sort: { sortKey: '={{ $json.sortKey }}', sortDir: '={{ $json.sortDir }}' } },
	good: [
		{ id: FAILED[0].id, sortKey: 'end_time', sortDir: 'asc' },
		{ id: FAILED[1].id, sortKey: 'start_time', sortDir: 'desc' },
	],
};

const getVersion: Family = {
	parameters: { resource: 'playbookVersion', operation: 'get', versionId: '={{ $json.id }}' },
	good: [{ id: EVENTS[0].id }, { id: EVENTS[1].id }],
};

const listVersions: Family = {
	parameters: {
		resource: 'playbookVersion',
		operation: 'getAll',
		playbookId: '={{ $json.id }}',
		returnAll: false,
		limit: 1,
		filters: { status: '={{ $json.status }}', versionType: '={{ $json.versionType }}' },
	},
	good: [
		{ id: PLAYBOOKS[0].id, status: 'PUBLISHED', versionType: 1 },
		{ id: PLAYBOOKS[1].id, status: 'PUBLISHED', versionType: 1 },
	],
};

const getAlert: Family = {
	parameters: { resource: 'alert', operation: 'get', alertId: '={{ $json.id }}' },
	good: [{ id: ALERTS[0].id }, { id: ALERTS[1].id }],
};

const searchAlerts: Family = {
	parameters: {
		resource: 'alert',
		operation: 'search',
		returnAll: false,
		limit: 1,
		filters: { fromDate: '={{ $json.from }}', toDate: '={{ $json.to }}' },
	},
	good: [
		{ from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' },
		{ from: '2026-11-02T00:00:00Z', to: '2026-11-30T00:00:00Z' },
	],
};

const alertChoices: Family = {
	parameters: {
		resource: 'alert',
		operation: 'search',
		returnAll: false,
		limit: 1,
		filters: {
			severity: '={{ $json.severity }}',
			conditions: { condition: [{ field: 'title', operator: '={{ $json.operator }}', value: 'x' }] },
		},
	},
	good: [
		{ severity: ['High'], operator: 'contains' },
		{ severity: 'Fatal', operator: '!=' },
	],
};

const listInstances: Family = {
	parameters: {
		resource: 'playbookInstance',
		operation: 'getAll',
		returnAll: false,
		limit: 1,
		filters: {
			status: '={{ $json.status }}',
			fromDate: '={{ $json.from }}',
			toDate: '={{ $json.to }}',
			dateType: '={{ $json.dateType }}',
		},
	},
	good: [
		{ status: 'FAILED', from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z', dateType: 'START' },
		{ status: 'RUNNING', from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z', dateType: 'END' },
	],
};

const BLOCK_WORKFLOW = 'a1b2c3d4-0001-4000-8000-00000000f001';
const runWorkflow: Family = {
	parameters: {
		resource: 'workflow',
		operation: 'run',
		workflowId: '={{ $json.wf }}',
		dataObjectSource: '={{ $json.source }}',
		dataObject: '={{ $json.alert }}',
		dataObjectJson: '={{ $json.json }}',
		waitForCompletion: '={{ $json.wait }}',
		waitOptions: { pollInterval: '={{ $json.interval }}' },
	},
	good: [
		{ wf: BLOCK_WORKFLOW, source: 'alert', alert: { id: ALERTS[0].id, title: 'a' }, wait: false },
		{ wf: BLOCK_WORKFLOW, source: 'json', json: { content: { id: 'x' }, dataclass: { name: 'Alert' } }, wait: false },
	],
	requestsPerItem: 2,
};

const listWorkflowInstances: Family = {
	parameters: {
		resource: 'workflowInstance',
		operation: 'getAll',
		limit: 1,
		filters: { status: '={{ $json.status }}', fromDate: '={{ $json.from }}', toDate: '={{ $json.to }}', workflowId: '={{ $json.wf }}' },
	},
	good: [
		{ status: 'FAILED', from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z', wf: BLOCK_WORKFLOW },
		{ status: 'RUNNING', from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z', wf: BLOCK_WORKFLOW },
	],
};

const ruleIds = (version: { id: string; rule_id: string }) => ({ versionId: version.id, ruleId: version.rule_id });

const timerRule: Family = {
	parameters: {
		resource: 'playbookRule',
		operation: 'update',
		versionId: '={{ $json.versionId }}',
		ruleId: '={{ $json.ruleId }}',
		triggerType: 'timer',
		...Object.fromEntries(Object.keys(TIMER_FORM).filter((key) => key !== 'triggerType').map((key) => [key, `={{ $json.${key} }}`])),
		startTime: '={{ $json.startTime }}',
		endTime: '={{ $json.endTime }}',
	},
	// The workspace has one timer version; updating its rule twice is what a PUT allows.
	good: [
		{ ...ruleIds(TIMER), ...TIMER_FORM },
		{ ...ruleIds(TIMER), ...TIMER_FORM, cron: '0 30 3 * * ?' },
	],
};

const eventRule: Family = {
	parameters: {
		resource: 'playbookRule',
		operation: 'update',
		versionId: '={{ $json.versionId }}',
		ruleId: '={{ $json.ruleId }}',
		triggerType: 'event',
		expressionType: '={{ $json.expressionType }}',
		conditions: { condition: [{ name: 'condition_0', detail: '123', data: '={{ $json.data }}' }] },
		logics: '={{ $json.logics }}',
	},
	good: [
		{ ...ruleIds(EVENTS[0]), expressionType: 'common', data: ['handle_status, ==, Open'], logics: 'condition_0' },
		{ ...ruleIds(EVENTS[1]), expressionType: 'common', data: ['severity, ==, High'], logics: 'condition_0' },
	],
};

const jsonRule: Family = {
	parameters: {
		resource: 'playbookRule',
		operation: 'update',
		versionId: '={{ $json.versionId }}',
		ruleId: '={{ $json.ruleId }}',
		triggerType: 'json',
		ruleJson: '={{ $json.rule }}',
		options: { sendRuleAs: '={{ $json.sendAs }}' },
	},
	good: [
		{ ...ruleIds(EVENTS[0]), rule: SEED_RULE, sendAs: 'object' },
		{ ...ruleIds(TIMER), rule: JSON.stringify(TIMER_RULE), sendAs: 'string' },
	],
};

const ruleByExpression: Family = { ...jsonRule, parameters: { ...jsonRule.parameters, triggerType: '={{ "cron" }}' } };

const createRule: Family = {
	parameters: {
		resource: 'playbookRule',
		operation: 'create',
		versionId: '={{ $json.versionId }}',
		triggerType: 'json',
		ruleJson: '={{ $json.rule }}',
	},
	good: [
		{ versionId: EVENTS[0].id, rule: SEED_RULE },
		{ versionId: EVENTS[1].id, rule: SEED_RULE },
	],
};

const deleteRule: Family = {
	parameters: { resource: 'playbookRule', operation: 'delete', versionId: '={{ $json.versionId }}', ruleId: '={{ $json.ruleId }}' },
	good: [ruleIds(EVENTS[0]), ruleIds(EVENTS[1])],
};

// ---- incidents and comments ------------------------------------------------------------------------

const INCIDENTS = ['9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d01', '9b1e2f5c-0a3d-4c7e-8f21-5d6a7b8c9d02'];
const byIdV2 = (value: string) => ({ __rl: true, mode: 'id', value });

const createIncident: Family = {
	parameters: {
		resource: 'incident',
		operation: 'create',
		title: '={{ $json.title }}',
		severity: '={{ $json.severity }}',
		additionalFields: {
			handleStatus: '={{ $json.status }}',
			category: '={{ $json.category }}',
			incidentType: '={{ $json.type }}',
			firstObservedTime: '={{ $json.first }}',
			lastObservedTime: '={{ $json.last }}',
			sourceType: '={{ $json.source }}',
		},
	},
	good: [
		{ title: 'A', severity: 'High', status: 'Open', category: 'Malware', type: 'Worm', first: '2026-11-01T00:00:00Z', last: '2026-11-02T00:00:00Z', source: 1 },
		{ title: 'B', severity: 'Low', status: 'Block', category: 'DDoS', type: 'ACK Flood', first: '2026-11-03T00:00:00Z', last: '2026-11-03T00:00:00Z', source: 2 },
	],
};

const updateIncident: Family = {
	typeVersion: 2,
	parameters: {
		resource: 'incident',
		operation: 'update',
		incidentId: byIdV2('={{ $json.id }}'),
		updateFields: { title: '={{ $json.title }}', verificationState: '={{ $json.verification }}' },
	},
	good: [
		{ id: INCIDENTS[0], title: 'Ransomware (contained)', verification: 'True_Positive' },
		{ id: INCIDENTS[1], title: 'Phishing (blocked)', verification: 'False_Positive' },
	],
};

const closeIncident: Family = {
	parameters: { resource: 'incident', operation: 'close', incidentId: '={{ $json.id }}', closeReason: '={{ $json.reason }}' },
	good: [
		{ id: INCIDENTS[0], reason: 'Resolved' },
		{ id: INCIDENTS[1], reason: 'Repeated' },
	],
};

const getIncident: Family = {
	parameters: { resource: 'incident', operation: 'get', incidentId: '={{ $json.id }}' },
	good: [{ id: INCIDENTS[0] }, { id: INCIDENTS[1] }],
};

const searchIncidents: Family = {
	parameters: {
		resource: 'incident',
		operation: 'search',
		returnAll: false,
		limit: 1,
		filters: { handleStatus: '={{ $json.status }}', fromDate: '={{ $json.from }}', toDate: '={{ $json.to }}' },
	},
	good: [
		{ status: ['Open'], from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' },
		{ status: 'Closed', from: '2026-11-02T00:00:00Z', to: '2026-11-30T00:00:00Z' },
	],
};

const addComment: Family = {
	parameters: {
		resource: 'comment',
		operation: 'add',
		targetType: 'alert',
		alertId: '={{ $json.id }}',
		comment: '={{ $json.text }}',
	},
	good: [
		{ id: ALERTS[0].id, text: 'Checked: benign' },
		{ id: ALERTS[1].id, text: 'Escalated' },
	],
};

const listComments: Family = {
	parameters: { resource: 'comment', operation: 'getAll', targetType: 'incident', incidentId: '={{ $json.id }}', returnAll: true },
	good: [{ id: INCIDENTS[0] }, { id: INCIDENTS[1] }],
};

const OPEN_ALERTS = ALERTS.filter((a) => (a as unknown as { data_object: IDataObject }).data_object.handle_status === 'Open');
const alertLocator = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

const createAlert: Family = {
	parameters: {
		resource: 'alert',
		operation: 'create',
		title: '={{ $json.title }}',
		severity: '={{ $json.severity }}',
		additionalFields: { firstObservedTime: '={{ $json.first }}', lastObservedTime: '={{ $json.last }}', otherFields: '={{ $json.other }}' },
	},
	good: [
		{ title: 'A', severity: 'Low', first: '2026-11-20T00:00:00Z', last: '2026-11-21T00:00:00Z', other: '{}' },
		{ title: 'B', severity: 'High', first: '2026-11-20T00:00:00Z', last: '', other: '{"confidence": 5}' },
	],
};

const updateAlert: Family = {
	typeVersion: 2,
	parameters: {
		resource: 'alert',
		operation: 'update',
		alertId: alertLocator,
		updateFields: { handleStatus: '={{ $json.status }}', verificationState: '={{ $json.state }}' },
	},
	good: [
		{ id: OPEN_ALERTS[0].id, status: 'Block', state: 'Unknown' },
		{ id: OPEN_ALERTS[1].id, status: 'Open', state: 'False_Positive' },
	],
};

const closeAlert: Family = {
	typeVersion: 2,
	parameters: { resource: 'alert', operation: 'close', alertId: alertLocator, closeReason: '={{ $json.reason }}' },
	good: [
		{ id: OPEN_ALERTS[0].id, reason: 'Resolved' },
		{ id: OPEN_ALERTS[1].id, reason: 'False detection' },
	],
};

const deleteAlert: Family = {
	typeVersion: 2,
	parameters: { resource: 'alert', operation: 'delete', alertId: alertLocator },
	good: [{ id: OPEN_ALERTS[0].id }, { id: OPEN_ALERTS[1].id }],
};

const convertAlerts: Family = {
	parameters: { resource: 'alert', operation: 'convert', alertIds: '={{ $json.ids }}', incidentTitle: 'x', incidentCategory: 'DDoS', incidentType: 'ACK Flood' },
	good: [{ ids: [OPEN_ALERTS[0].id] }, { ids: `${OPEN_ALERTS[1].id},${OPEN_ALERTS[2].id}` }],
};

const INDICATOR_TYPE = Object.fromEntries(socFixture.indicatorTypes.map((type) => [type.indicator_type, type.id]));
const INDICATORS = socFixture.indicators.filter((indicator) => indicator.workspace_id === WORKSPACE_ID);

const createIndicator: Family = {
	parameters: {
		resource: 'indicator',
		operation: 'create',
		name: 'IOC',
		type: '={{ $json.type }}',
		typeId: '={{ $json.typeId }}',
		value: '={{ $json.value }}',
		verdict: '={{ $json.verdict }}',
		granularity: '1',
		firstSeen: '={{ $json.firstSeen }}',
		productName: 'hss',
		productFeature: 'hss',
		additionalFields: { confidence: '={{ $json.confidence }}' },
	},
	good: [
		{ type: 'IPv4', typeId: INDICATOR_TYPE.IPv4, value: '198.51.100.1', verdict: 'Black', firstSeen: '2026-11-21T09:00:00Z', confidence: 80 },
		{ type: 'IPv4', typeId: INDICATOR_TYPE.IPv4, value: '198.51.100.2', verdict: 'Gray', firstSeen: '2026-11-21T09:00:00Z', confidence: 90 },
	],
};

const updateIndicator: Family = {
	parameters: {
		resource: 'indicator',
		operation: 'update',
		indicatorId: '={{ $json.id }}',
		updateFields: { value: '={{ $json.value }}', type: '={{ $json.type }}', typeId: '={{ $json.typeId }}' },
	},
	good: [
		{ id: INDICATORS[0].id, type: 'IPv4', typeId: INDICATOR_TYPE.IPv4, value: '198.51.100.1' },
		{ id: INDICATORS[1].id, type: 'Domain', typeId: INDICATOR_TYPE.Domain, value: 'phish.example.net' },
	],
};

const getIndicator: Family = {
	parameters: { resource: 'indicator', operation: 'get', indicatorId: '={{ $json.id }}' },
	good: [{ id: INDICATORS[0].id }, { id: INDICATORS[1].id }],
};

const searchIndicators: Family = {
	parameters: {
		resource: 'indicator',
		operation: 'search',
		returnAll: false,
		limit: 1,
		filters: { status: '={{ $json.status }}', fromDate: '={{ $json.from }}', toDate: '={{ $json.to }}' },
	},
	good: [
		{ status: ['Open'], from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' },
		{ status: 'Closed', from: '2026-11-02T00:00:00Z', to: '2026-11-30T00:00:00Z' },
	],
};

// ---- the table ---------------------------------------------------------------------------------

const MB12 = 12 * 1024 * 1024;
const tooLarge = /^The request body would be 1\d,\d{3},\d{3} bytes; the API gateway takes AK\/SK-signed bodies of at most 12 MB \(12,582,912 bytes\)$/;
const mustBeObject = 'Rule (JSON) must be a JSON object such as {"expression_type": "common", …}';
const notIso = (field: string, value: string) =>
	`${field} must be an ISO 8601 date-time such as 2026-01-30T23:00:00Z; got "${value}"`;

type Row = [
	name: string,
	family: Family,
	bad: IDataObject,
	field: string,
	message: string | RegExp,
	options?: { aksk?: boolean; everyItem?: boolean },
];

const ROWS: Row[] = [
	// IDs
	['an empty Instance ID', operate, { id: '' }, 'Instance ID', 'Instance ID is empty'],
	['a whitespace Instance ID', operate, { id: ' \t ' }, 'Instance ID', 'Instance ID is empty'],
	['an Instance ID from a missing field', operate, { id: undefined }, 'Instance ID', 'Instance ID is empty'],
	[
		'an Instance ID with a leading space',
		operate,
		{ id: ` ${FAILED[0].id}` },
		'Instance ID',
		`Instance ID " ${FAILED[0].id}" is not an ID: it starts or ends with whitespace`,
	],
	[
		'an Instance ID with a trailing newline',
		operate,
		{ id: `${FAILED[0].id}\n` },
		'Instance ID',
		`Instance ID "${FAILED[0].id}\\u000A" is not an ID: it starts or ends with whitespace`,
	],
	['an Instance ID with a space inside', operate, { id: 'a b' }, 'Instance ID', 'Instance ID "a b" is not an ID: it contains whitespace'],
	['an Instance ID with "/"', operate, { id: 'a/b' }, 'Instance ID', 'Instance ID "a/b" is not an ID: it contains "/"'],
	['an Instance ID "../x"', operate, { id: '../x' }, 'Instance ID', 'Instance ID "../x" is not an ID: it contains "/"'],
	['an Instance ID ".."', operate, { id: '..' }, 'Instance ID', 'Instance ID ".." is not an ID'],
	['an Instance ID with "\\"', operate, { id: 'a\\b' }, 'Instance ID', 'Instance ID "a\\b" is not an ID: it contains "\\"'],
	['an Instance ID with "?"', operate, { id: 'a?b=1' }, 'Instance ID', 'Instance ID "a?b=1" is not an ID: it contains "?"'],
	['an Instance ID with "#"', operate, { id: 'a#frag' }, 'Instance ID', 'Instance ID "a#frag" is not an ID: it contains "#"'],
	['an Instance ID "%2F"', operate, { id: '%2F' }, 'Instance ID', 'Instance ID "%2F" is not an ID: it contains "%"'],
	['an Instance ID "%2E%2E"', operate, { id: '%2E%2E' }, 'Instance ID', 'Instance ID "%2E%2E" is not an ID: it contains "%"'],
	[
		'an Instance ID with NUL',
		operate,
		{ id: 'a\u0000b' },
		'Instance ID',
		'Instance ID "a\\u0000b" is not an ID: it contains the control character U+0000',
	],
	[
		'an Instance ID with a newline inside',
		operate,
		{ id: 'a\nb' },
		'Instance ID',
		'Instance ID "a\\u000Ab" is not an ID: it contains the control character U+000A',
	],
	[
		'an Instance ID with DEL',
		operate,
		{ id: 'a\u007fb' },
		'Instance ID',
		'Instance ID "a\\u007Fb" is not an ID: it contains the control character U+007F',
	],
	[
		'an Instance ID with a C1 control',
		operate,
		{ id: 'a\u009bb' },
		'Instance ID',
		'Instance ID "a\\u009Bb" is not an ID: it contains the control character U+009B',
	],
	[
		'an Instance ID with a no-break space',
		operate,
		{ id: 'a\u00a0b' },
		'Instance ID',
		'Instance ID "a\\u00A0b" is not an ID: it contains whitespace',
	],
	[
		'an Instance ID with a lone surrogate',
		operate,
		{ id: 'a\ud800b' },
		'Instance ID',
		'Instance ID "a\ud800b" is not an ID: it is not valid Unicode text',
	],
	['an Instance ID that is an object', operate, { id: { a: 1 } }, 'Instance ID', 'Instance ID must be text, not object'],
	[
		'an Instance ID with "/" through a version-2 resource locator',
		operateV2,
		{ id: 'a/b' },
		'Instance ID',
		'Instance ID "a/b" is not an ID: it contains "/"',
	],
	[
		'an Instance ID with "/" for Get Audit Logs (sent in the body)',
		auditLogs,
		{ id: 'a/b' },
		'Instance ID',
		'Instance ID "a/b" is not an ID: it contains "/"',
	],
	['a Version ID with "/"', timerRule, { versionId: 'v/1' }, 'Version ID', 'Version ID "v/1" is not an ID: it contains "/"'],
	['a Version ID "%2F" (Get Version)', getVersion, { id: '%2F' }, 'Version ID', 'Version ID "%2F" is not an ID: it contains "%"'],
	['a Rule ID "."', timerRule, { ruleId: '.' }, 'Rule ID', 'Rule ID "." is not an ID'],
	['a Rule ID with "?"', timerRule, { ruleId: 'r?x=1' }, 'Rule ID', 'Rule ID "r?x=1" is not an ID: it contains "?"'],
	[
		'a Version ID with "/" (Create Rule)',
		createRule,
		{ versionId: 'v/1' },
		'Version ID',
		'Version ID "v/1" is not an ID: it contains "/"',
	],
	['a Version ID "%2F" (Delete Rule)', deleteRule, { versionId: '%2F' }, 'Version ID', 'Version ID "%2F" is not an ID: it contains "%"'],
	['a Rule ID with "?" (Delete Rule)', deleteRule, { ruleId: 'r?x=1' }, 'Rule ID', 'Rule ID "r?x=1" is not an ID: it contains "?"'],
	['a Playbook ID with "#"', listVersions, { id: 'p#1' }, 'Playbook ID', 'Playbook ID "p#1" is not an ID: it contains "#"'],
	['an Alert ID with "\\"', getAlert, { id: '..\\x' }, 'Alert ID', 'Alert ID "..\\x" is not an ID: it contains "\\"'],
	[
		'a Workspace ID option with "/"',
		operateElsewhere,
		{ ws: 'w/1' },
		'Workspace ID',
		'Workspace ID "w/1" is not an ID: it contains "/"',
	],

	['an Alert ID with "/" (Update Alert)', updateAlert, { id: 'a/b' }, 'Alert ID', 'Alert ID "a/b" is not an ID: it contains "/"'],
	['an Alert ID ".." (Close Alert)', closeAlert, { id: '..' }, 'Alert ID', 'Alert ID ".." is not an ID'],
	['an Alert ID with "?" (Delete Alert)', deleteAlert, { id: 'a?b' }, 'Alert ID', 'Alert ID "a?b" is not an ID: it contains "?"'],
	['an Alert IDs entry with "%" (Convert to Incident)', convertAlerts, { ids: ['ok', '%2F'] }, 'Alert IDs', 'Alert IDs: "%2F" is not an ID: it contains "%"'],
	['empty Alert IDs (Convert to Incident)', convertAlerts, { ids: ' , ' }, 'Alert IDs', 'Alert IDs is empty'],

	// Values outside an options list, through expressions
	[
		'an Operation Type outside the list',
		operate,
		{ op: 'RESTART' },
		'Operation Type',
		'Operation Type must be one of RETRY, TERMINATE; got "RESTART"',
	],
	[
		'an Operation set by an expression (every item)',
		operateByExpression,
		{},
		'Operation',
		'Operation must be one of get, getAuditLogs, getAll, operate; got "{{ "RESTART" }}" (n8n does not evaluate expressions in this field)',
		{ everyItem: true },
	],
	[
		'a Schedule Type outside the list',
		timerRule,
		{ scheduleType: 'month' },
		'Schedule Type',
		'Schedule Type must be one of second, hour, day, week; got "month"',
	],
	[
		'a Start Type outside the list',
		timerRule,
		{ startType: 'LATER' },
		'Start Type',
		'Start Type must be one of IMMEDIATELY, CUSTOM; got "LATER"',
	],
	[
		'an Execution Type outside the list',
		timerRule,
		{ executionType: 'SERIAL' },
		'Execution Type',
		'Execution Type must be one of PARALLEL, SERIAL_WAIT; got "SERIAL"',
	],
	['an Expression Type outside the list', eventRule, { expressionType: 'all' }, 'Expression Type', 'Expression Type must be "common"; got "all"'],
	[
		'a Trigger Type set by an expression (every item)',
		ruleByExpression,
		{},
		'Trigger Type',
		'Trigger Type must be event, timer or json; got "{{ "cron" }}" (n8n does not evaluate expressions in this field)',
		{ everyItem: true },
	],
	['a Send Rule As outside the list', jsonRule, { sendAs: 'yaml' }, 'Send Rule As', 'Send Rule As must be one of object, string; got "yaml"'],
	[
		'an instance Status filter outside the list',
		listInstances,
		{ status: 'BROKEN' },
		'Status',
		'Status must be one of FAILED, FINISHED, RETRYING, RUNNING, TERMINATED, TERMINATING; got "BROKEN"',
	],
	['a Date Type outside the list', listInstances, { dateType: 'MIDDLE' }, 'Date Type', 'Date Type must be one of START, END; got "MIDDLE"'],
	[
		'a version Status filter outside the list',
		listVersions,
		{ status: 'DONE' },
		'Status',
		'Status must be one of APPROVING, EDITING, PUBLISHED, UNPASSED; got "DONE"',
	],
	['a Version Type outside the list', listVersions, { versionType: 2 }, 'Version Type', 'Version Type must be one of 0, 1; got "2"'],
	[
		'an alert Severity outside the list',
		alertChoices,
		{ severity: ['High', 'Critical'], operator: 'contains' },
		'Severity',
		'Severity must be one of Tips, Low, Medium, High, Fatal; got "Critical"',
	],
	[
		'an alert condition Operator outside the list',
		alertChoices,
		{ severity: ['High'], operator: 'LIKE' },
		'Operator',
		'Operator must be one of equals, !=, >, >=, <, <=, contains, in; got "LIKE"',
	],
	[
		'an audit log Sort By outside the list',
		auditLogSort,
		{ sortKey: 'create_time' },
		'Sort By',
		'Sort By must be one of start_time, end_time; got "create_time"',
	],
	[
		'an audit log Sort Direction outside the list',
		auditLogSort,
		{ sortDir: 'DESC' },
		'Sort Direction',
		'Sort Direction must be one of asc, desc; got "DESC"',
	],

	['an alert Severity outside the list (Create Alert)', createAlert, { severity: 'Critical' }, 'Severity', 'Severity must be one of Tips, Low, Medium, High, Fatal; got "Critical"'],
	['a Handle Status outside the list (Update Alert)', updateAlert, { status: 'Done' }, 'Handle Status', 'Handle Status must be one of Open, Block, Closed; got "Done"'],
	[
		'a Verification State outside the list (Update Alert)',
		updateAlert,
		{ state: 'Maybe' },
		'Verification State',
		'Verification State must be one of Unknown, True_Positive, False_Positive; got "Maybe"',
	],
	[
		'a Close Reason outside the list (Close Alert)',
		closeAlert,
		{ reason: 'Fixed' },
		'Close Reason',
		'Close Reason must be one of False detection, Resolved, Repeated, Other; got "Fixed"',
	],
	[
		'Handle Status Closed without a Close Reason (Update Alert)',
		updateAlert,
		{ status: 'Closed' },
		'Close Reason',
		'Close Reason is required when Handle Status is Closed (or use the Close operation)',
	],
	['an Update Alert that changes nothing', updateAlert, { status: '', state: '' }, 'Update Fields', 'Update Fields: set at least one field to change'],
	['an empty alert Title (Create Alert)', createAlert, { title: '  ' }, 'Title', 'Title is empty'],
	['malformed Other Fields (JSON) (Create Alert)', createAlert, { other: '{"a":' }, 'Other Fields (JSON)', 'Other Fields (JSON) is not valid JSON'],

	// Rule JSON
	['malformed rule JSON', jsonRule, { rule: '{"logics": [' }, 'Rule (JSON)', /^Rule \(JSON\) is not valid JSON: .+$/],
	[
		'malformed rule JSON (Create Rule)',
		createRule,
		{ rule: '{"logics": [' },
		'Rule (JSON)',
		/^Rule \(JSON\) is not valid JSON: .+$/,
	],
	['an empty rule JSON', jsonRule, { rule: '  ' }, 'Rule (JSON)', 'Rule (JSON) is empty'],
	['a rule JSON array', jsonRule, { rule: '[1, 2]' }, 'Rule (JSON)', mustBeObject],
	['a rule that is an array from an expression', jsonRule, { rule: [SEED_RULE] }, 'Rule (JSON)', mustBeObject],
	['a rule that is a number', jsonRule, { rule: 42 }, 'Rule (JSON)', mustBeObject],
	['a rule JSON string', jsonRule, { rule: '"rule"' }, 'Rule (JSON)', mustBeObject],
	['a rule JSON null', jsonRule, { rule: 'null' }, 'Rule (JSON)', mustBeObject],
	[
		'rule JSON whose logics name a missing condition',
		jsonRule,
		{ rule: { ...SEED_RULE, logics: ['condition_0', 'OR', 'condition_7'] } },
		'Rule (JSON)',
		'Rule (JSON) has logics naming "condition_7", which is neither an operator (AND, OR, NOT, parentheses) nor one of its conditions (condition_0)',
	],
	[
		'rule JSON whose logics are not strings',
		jsonRule,
		{ rule: { ...SEED_RULE, logics: [0] } },
		'Rule (JSON)',
		'Rule (JSON) has "logics" that is not an array of strings',
	],
	[
		'a timer rule JSON without repeat_range and execution_type',
		jsonRule,
		{ rule: { ...TIMER_RULE, repeat_range: '', execution_type: undefined } },
		'Rule (JSON)',
		'Rule (JSON) is a timer rule (it has "cron") without "repeat_range", "execution_type", which timer rules must have',
	],
	[
		'a timer rule JSON with a CUSTOM end and no end_time',
		jsonRule,
		{ rule: { ...TIMER_RULE, end_type: 'CUSTOM' } },
		'Rule (JSON)',
		'Rule (JSON) is a timer rule (it has "cron") without "end_time", which timer rules must have',
	],

	// Event and timer forms
	[
		'logics naming a missing condition',
		eventRule,
		{ logics: 'condition_0 OR condition_7' },
		'Logics',
		'Logics names "condition_7", which is neither an operator (AND, OR, NOT, parentheses) nor a condition (condition_0)',
	],
	['a condition without data', eventRule, { data: [] }, 'Condition 1 → Data', 'Condition 1 → Data needs at least one item'],
	['a timer rule with a blank Cron', timerRule, { cron: '  ' }, 'Cron', 'Cron is required for a timer rule'],
	['a timer rule without Repeat Range', timerRule, { repeatRange: '' }, 'Repeat Range', 'Repeat Range is required for a timer rule'],
	['a timer rule whose Only Once is not a boolean', timerRule, { onlyOnce: 'yes' }, 'Only Once', 'Only Once must be true or false'],
	[
		'a custom start without Start Time',
		timerRule,
		{ startType: 'CUSTOM' },
		'Start Time',
		'Start Time is required when Start Type is CUSTOM',
	],
	['a custom end without End Time', timerRule, { endType: 'CUSTOM' }, 'End Time', 'End Time is required when End Type is CUSTOM'],

	// Dates
	[
		'an end before the start',
		timerRule,
		{ startType: 'CUSTOM', startTime: '2026-12-24T00:00:00', endType: 'CUSTOM', endTime: '2026-12-01T00:00:00' },
		'End Time',
		'End Time (2026-12-01T00:00:00) must be after Start Time (2026-12-24T00:00:00)',
	],
	[
		'an end equal to the start',
		timerRule,
		{ startType: 'CUSTOM', startTime: '2026-12-24T08:00:00+08:00', endType: 'CUSTOM', endTime: '2026-12-24T00:00:00Z' },
		'End Time',
		'End Time (2026-12-24T00:00:00Z) must be after Start Time (2026-12-24T08:00:00+08:00)',
	],
	[
		'a Start Time that is not ISO 8601',
		timerRule,
		{ startType: 'CUSTOM', startTime: '24/12/2026' },
		'Start Time',
		notIso('Start Time', '24/12/2026'),
	],
	[
		'a Start Time on a day that does not exist',
		timerRule,
		{ startType: 'CUSTOM', startTime: '2026-02-30T00:00:00Z' },
		'Start Time',
		notIso('Start Time', '2026-02-30T00:00:00Z'),
	],
	[
		'an End Time that is not ISO 8601',
		timerRule,
		{ endType: 'CUSTOM', endTime: 'next Friday' },
		'End Time',
		notIso('End Time', 'next Friday'),
	],
	['an instance From Date that is not ISO 8601', listInstances, { from: '2026/11/01' }, 'From Date', notIso('From Date', '2026/11/01')],
	['an instance To Date on April 31', listInstances, { to: '2026-04-31T00:00:00Z' }, 'To Date', notIso('To Date', '2026-04-31T00:00:00Z')],
	[
		'an instance To Date before the From Date',
		listInstances,
		{ from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' },
		'To Date',
		'To Date (2026-11-01T00:00:00Z) is before From Date (2026-11-20T00:00:00Z)',
	],
	['an alert From Date that is not ISO 8601', searchAlerts, { from: 'last week' }, 'From Date', notIso('From Date', 'last week')],

	// Incidents and comments
	[
		'an incident Severity outside the list',
		createIncident,
		{ severity: 'Critical' },
		'Severity',
		'Severity must be one of Tips, Low, Medium, High, Fatal; got "Critical"',
	],
	[
		'Create Incident with Handle Status Closed',
		createIncident,
		{ status: 'Closed' },
		'Handle Status',
		'Handle Status must be one of Open, Block; got "Closed"',
	],
	[
		'an incident Category without its Incident Type',
		createIncident,
		{ type: ' ' },
		'Incident Type',
		'Incident Type is empty: a Category needs its Incident Type',
	],
	['an incident Source Type outside the list', createIncident, { source: 4 }, 'Source Type', 'Source Type must be one of 1, 2, 3; got "4"'],
	[
		'a First Observed Time that is not ISO 8601',
		createIncident,
		{ first: 'yesterday' },
		'First Observed Time',
		notIso('First Observed Time', 'yesterday'),
	],
	[
		'a Last Observed Time before the First',
		createIncident,
		{ last: '2026-10-31T00:00:00Z' },
		'Last Observed Time',
		'Last Observed Time (2026-10-31T00:00:00Z) is before First Observed Time (2026-11-01T00:00:00Z)',
	],
	['an empty title in Update Fields', updateIncident, { title: '' }, 'Title', 'Title is empty'],
	[
		'a Verification State outside the list',
		updateIncident,
		{ verification: 'Positive' },
		'Verification State',
		'Verification State must be one of Unknown, True_Positive, False_Positive; got "Positive"',
	],
	[
		'an Incident ID with a slash (version 2, typed By ID)',
		updateIncident,
		{ id: 'a/b' },
		'Incident ID',
		'Incident ID "a/b" is not an ID: it contains "/"',
	],
	[
		'a Close Reason outside the list',
		closeIncident,
		{ reason: 'Fixed' },
		'Close Reason',
		'Close Reason must be one of False detection, Resolved, Repeated, Other; got "Fixed"',
	],
	['an Incident ID ".." to get', getIncident, { id: '..' }, 'Incident ID', 'Incident ID ".." is not an ID'],
	[
		'an incident search To Date before the From Date',
		searchIncidents,
		{ from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' },
		'To Date',
		'To Date (2026-11-01T00:00:00Z) is before From Date (2026-11-20T00:00:00Z)',
	],
	[
		'an incident search Handle Status outside the list',
		searchIncidents,
		{ status: ['Pending'] },
		'Handle Status',
		'Handle Status must be one of Open, Block, Closed; got "Pending"',
	],
	['an empty comment', addComment, { text: '   ' }, 'Comment', 'Comment is empty'],
	['an Alert ID with a # to comment on', addComment, { id: 'abc#1' }, 'Alert ID', 'Alert ID "abc#1" is not an ID: it contains "#"'],
	['an empty Incident ID to list comments of', listComments, { id: '' }, 'Incident ID', 'Incident ID is empty'],

	['a First Observed Time that is not ISO 8601', createAlert, { first: 'yesterday' }, 'First Observed Time', notIso('First Observed Time', 'yesterday')],
	[
		'a Last Observed Time before the First',
		createAlert,
		{ first: '2026-11-21T00:00:00Z', last: '2026-11-20T00:00:00Z' },
		'Last Observed Time',
		'Last Observed Time (2026-11-20T00:00:00Z) is before First Observed Time (2026-11-21T00:00:00Z)',
	],

	// Indicators: the value checked against its type, and the other fields
	['an IPv4 indicator with a leading zero', createIndicator, { value: '198.051.100.1' }, 'Value', 'Value "198.051.100.1" is not an IPv4 address: "051" has a leading zero'],
	['an IPv4 indicator with 256', createIndicator, { value: '198.51.100.256' }, 'Value', 'Value "198.51.100.256" is not an IPv4 address: 256 is more than 255'],
	[
		'an IPv6 indicator with "::" twice',
		createIndicator,
		{ type: 'IPv6', typeId: INDICATOR_TYPE.IPv6, value: '2001::db8::1' },
		'Value',
		'Value "2001::db8::1" is not an IPv6 address: "::" may appear only once',
	],
	[
		'a SHA256 indicator one digit short',
		createIndicator,
		{ type: 'SHA256', typeId: INDICATOR_TYPE.SHA256, value: 'e'.repeat(63) },
		'Value',
		`Value "${'e'.repeat(63)}" is not a SHA256 hash: it has 63 hexadecimal digits, not 64`,
	],
	[
		'a domain indicator without a dot',
		createIndicator,
		{ type: 'Domain', typeId: INDICATOR_TYPE.Domain, value: 'localhost' },
		'Value',
		'Value "localhost" is not a domain name: it needs at least two labels, such as example.com',
	],
	['an indicator value with a space inside', createIndicator, { value: '198.51.100.1 x' }, 'Value', 'Value "198.51.100.1 x" is not an IPv4 address: it contains whitespace'],
	[
		'an indicator Type outside the list',
		createIndicator,
		{ type: 'IP' },
		'Type',
		'Type must be one of Domain, Email, IPv4, IPv6, MD5, SHA1, SHA256, SHA512, URL, other; got "IP"',
	],
	['an empty indicator Type ID', createIndicator, { typeId: ' ' }, 'Type ID', 'Type ID is empty'],
	['an indicator Threat Degree outside the list', createIndicator, { verdict: 'Red' }, 'Threat Degree', 'Threat Degree must be one of Black, Gray, White; got "Red"'],
	['an indicator Confidence under 80', createIndicator, { confidence: 50 }, 'Confidence', 'Confidence must be a whole number from 80 to 100; got 50'],
	['an indicator First Seen that is not ISO 8601', createIndicator, { firstSeen: 'yesterday' }, 'First Seen', notIso('First Seen', 'yesterday')],
	['an updated indicator value without its Type', updateIndicator, { type: undefined }, 'Type', 'Type is needed with Value: the value is checked against it'],
	[
		'an updated MD5 indicator value of 31 digits',
		updateIndicator,
		{ type: 'MD5', typeId: INDICATOR_TYPE.MD5, value: 'a'.repeat(31) },
		'Value',
		`Value "${'a'.repeat(31)}" is not an MD5 hash: it has 31 hexadecimal digits, not 32`,
	],
	['an Indicator ID with "/" (Update Indicator)', updateIndicator, { id: 'a/b' }, 'Indicator ID', 'Indicator ID "a/b" is not an ID: it contains "/"'],
	['an Indicator ID with "?" (Get Indicator)', getIndicator, { id: 'i?x=1' }, 'Indicator ID', 'Indicator ID "i?x=1" is not an ID: it contains "?"'],
	[
		'an indicator Status filter outside the list',
		searchIndicators,
		{ status: ['Open', 'Expired'] },
		'Status',
		'Status must be one of Open, Closed, Revoked; got "Expired"',
	],
	[
		'an indicator To Date before the From Date',
		searchIndicators,
		{ from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' },
		'To Date',
		'To Date (2026-11-01T00:00:00Z) is before From Date (2026-11-20T00:00:00Z)',
	],

	// Run Workflow and Workflow Instance → Get Many
	['an empty Workflow', runWorkflow, { wf: '' }, 'Workflow', 'Workflow is empty'],
	['a Workflow with "/"', runWorkflow, { wf: 'a/b' }, 'Workflow', 'Workflow "a/b" is not an ID: it contains "/"'],
	['a Run On from an expression outside the list', runWorkflow, { source: 'alarm' }, 'Run On', 'Run On must be one of alert, incident, json, none; got "alarm"'],
	[
		'an alert to run on without an id',
		runWorkflow,
		{ alert: { title: 'no id' } },
		'Alert or Incident',
		'Alert or Incident has no id: it must be an alert as SecMaster returns it',
	],
	['a data object that is not JSON', runWorkflow, { source: 'json', json: '{"content": ' }, 'Data Object', 'Data Object is not valid JSON'],
	[
		'a data object without a data class name',
		runWorkflow,
		{ source: 'json', json: { content: {} } },
		'Data Object',
		'Data Object: dataclass.name is required (for example "Alert")',
	],
	[
		'a Poll Interval under half a second',
		runWorkflow,
		{ wait: true, interval: 0.1 },
		'Poll Interval (Seconds)',
		'Poll Interval (Seconds) must be a number of at least 0.5',
	],
	[
		'a workflow instance Status from an expression outside the list',
		listWorkflowInstances,
		{ status: 'DONE' },
		'Status',
		'Status must be one of FAILED, FINISHED, RETRYING, RUNNING, TERMINATED, TERMINATING; got "DONE"',
	],
	['a workflow instance From Date that is not ISO 8601', listWorkflowInstances, { from: 'yesterday' }, 'From Date', notIso('From Date', 'yesterday')],
	[
		'a workflow instance To Date before the From Date',
		listWorkflowInstances,
		{ from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' },
		'To Date',
		'To Date (2026-11-01T00:00:00Z) is before From Date (2026-11-20T00:00:00Z)',
	],

	// The gateway's limit on AK/SK-signed bodies
	[
		'a signed rule JSON body over 12 MB',
		jsonRule,
		{ rule: { ...SEED_RULE, conditions: [{ ...SEED_RULE.conditions[0], detail: 'x'.repeat(MB12) }] } },
		'Rule (JSON)',
		tooLarge,
		{ aksk: true },
	],
	[
		'a signed event form body over 12 MB',
		eventRule,
		{ data: ['y'.repeat(MB12 / 2), 'z'.repeat(MB12 / 2)] },
		'Conditions',
		tooLarge,
		{ aksk: true },
	],
	[
		'a signed body under 12 MB as an object but over it as a JSON string',
		jsonRule,
		{ rule: { ...SEED_RULE, conditions: [{ ...SEED_RULE.conditions[0], detail: '"'.repeat(MB12 / 3) }] }, sendAs: 'string' },
		'Rule (JSON)',
		tooLarge,
		{ aksk: true },
	],
];

// ---- running a row -----------------------------------------------------------------------------

/** The operations the node runs itself (every write), not through the RoutingNode. */
function isCustomOperation({ parameters }: Family): boolean {
	const { customOperations = {} } = loaded.nodes[NODE_TYPE] as INodeType;
	return customOperations[String(parameters.resource)]?.[String(parameters.operation)] !== undefined;
}

function run(family: Family, bad: IDataObject, aksk: boolean | undefined, continueOnFail: boolean) {
	return runNode({
		parameters: family.parameters,
		typeVersion: family.typeVersion,
		items: [family.good[0], { ...family.good[0], ...bad }, family.good[1]],
		credentials: aksk ? akskCredentials() : credentialsFor(simulator),
		continueOnFail,
	});
}

function expectNamed(error: IDataObject, field: string, message: string | RegExp, itemIndex: number) {
	const suffix = ` [item ${itemIndex}]`;
	expect(String(error.message).endsWith(suffix)).toBe(true);
	const text = String(error.message).slice(0, -suffix.length);
	if (typeof message === 'string') expect(text).toBe(message);
	else expect(text).toMatch(message);
	expect(error.description).toBe(`Fix the "${field}" parameter; no request was sent for this item.`);
	expect(error.context).toMatchObject({ itemIndex });
}

describe('bad input fails before its request, naming the field and the item', () => {
	describe.each(ROWS)('%s', (_name, family, bad, field, message, options = {}) => {
		const goodRequests = options.everyItem ? 0 : 2 * (family.requestsPerItem ?? 1);

		it('continue-on-fail: a NodeOperationError item for item 1; the good items are sent', async () => {
			const { error, items } = await run(family, bad, options.aksk, true);
			expect(error).toBeUndefined();
			const failures = items!.filter((item) => item.error);
			expect(failures).toHaveLength(options.everyItem ? 3 : 1);
			const failure = failures[options.everyItem ? 1 : 0];
			expect(failure.error!.name).toBe('NodeOperationError');
			expectNamed(failure.error as unknown as IDataObject, field, message, 1);
			expect(failure.json.error).toBe(failure.error!.message);
			expect(simulator.requests).toHaveLength(goodRequests);
		});

		it('stop mode: the node stops with the same message', async () => {
			const { error } = await run(family, bad, options.aksk, false);
			// With every item bad, the first one is reported.
			const reported = options.everyItem ? 0 : 1;
			if (isCustomOperation(family)) {
				// Every item is checked before any request: nothing was sent.
				expect(error!.name).toBe('NodeOperationError');
				expectNamed(error!, field, message, reported);
				expect(simulator.requests).toHaveLength(0);
			} else {
				// n8n's RoutingNode wraps the check's error and has already sent the good items.
				expect(error!.name).toBe('NodeApiError');
				expect(error!.httpCode).toBe('none');
				expectNamed(error!, field, message, reported);
				expect(simulator.requests).toHaveLength(goodRequests);
			}
		});
	});
});

describe('the 12 MB limit of AK/SK-signed bodies', () => {
	const ruleOf = (detail: string) => ({ ...SEED_RULE, conditions: [{ ...SEED_RULE.conditions[0], detail }] });
	const overhead = Buffer.byteLength(JSON.stringify({ rule: ruleOf('') }), 'utf8');
	// "é" is 2 bytes in UTF-8: the limit is on bytes, not characters.
	const bodyOf = (bytes: number) => ruleOf(`${'é'.repeat(1000)}${'x'.repeat(bytes - overhead - 2000)}`);
	const update = (rule: IDataObject, credentials: IDataObject) =>
		runNode({
			parameters: jsonRule.parameters,
			items: [{ ...ruleIds(EVENTS[0]), rule, sendAs: 'object' }],
			credentials,
		});

	it('sends a signed body of exactly 12 MB, which the gateway takes', async () => {
		const { error } = await update(bodyOf(MB12), akskCredentials());
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		expect(Buffer.byteLength(simulator.requests[0].body, 'utf8')).toBe(MB12);
		expect(simulator.requests[0].auth).toBe('aksk');
	});

	it('refuses one byte more before signing', async () => {
		const { error } = await update(bodyOf(MB12 + 1), akskCredentials());
		expect(error!.message).toBe(
			'The request body would be 12,582,913 bytes; the API gateway takes AK/SK-signed bodies of at most 12 MB (12,582,912 bytes) [item 0]',
		);
		expect(simulator.requests).toHaveLength(0);
	});

	it('leaves a token-authenticated body alone: the documented limit is for signed bodies', async () => {
		const { error } = await update(bodyOf(MB12 + 1), credentialsFor(simulator));
		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0].auth).toBe('token');
	});
});

describe('IDs typed By ID in a version-2 node', () => {
	it('n8n itself refuses to start with an ID the editor marks invalid', async () => {
		const { run, refusal } = await runNode({
			typeVersion: 2,
			parameters: { ...operate.parameters, instanceId: { __rl: true, mode: 'id', value: 'a/b' }, operationType: 'RETRY' },
			credentials: credentialsFor(simulator),
		});
		expect(run).toBeUndefined();
		expect(refusal).toContain('Not a valid ID');
		expect(simulator.requests).toHaveLength(0);
	});
});
