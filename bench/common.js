// What every part of the bench shares: the simulator's fixture, the credentials of each
// mode, the node's parameters and the raw requests they stand for.
const fixture = require('../simulator/fixtures/default.json');

const TOKEN = fixture.tokens.find((token) => !token.expiresAt).value;
const KEY = fixture.accessKeys.find((key) => !key.securityToken);
const PROJECT_ID = fixture.projectId;
const WORKSPACE_ID = fixture.workspaces[0].id;
const WS_PATH = `/v1/${PROJECT_ID}/workspaces/${WORKSPACE_ID}`;
const VERSION = fixture.versions.find((version) => version.trigger_type === 'EVENT');
// Huawei's "Updating a Playbook Rule" example, as test/helpers/forms.ts fills the form with it.
const SEED_EVENT_FORM = {
	triggerType: 'event',
	expressionType: 'common',
	conditions: { condition: [{ name: 'condition_0', detail: '123', data: ['handle_status, ==, Open'] }] },
	logics: 'condition_0',
};
const SEED_RULE_BODY =
	'{"rule":{"expression_type":"common","conditions":[{"name":"condition_0","detail":"123","data":["handle_status, ==, Open"]}],"logics":["condition_0"]}}';
// Close Alert as the "close false positives" runbook fills it, and the body the node sends for it.
const CLOSE = { closeReason: 'False detection', closeComment: 'Noisy source: closed by n8n' };
const CLOSE_BODY = JSON.stringify({ data_object: { handle_status: 'Closed', close_reason: CLOSE.closeReason, close_comment: CLOSE.closeComment } });

function credentials(mode, endpoint) {
	const scope = { projectId: PROJECT_ID, workspaceId: WORKSPACE_ID, region: 'cn-north-4', endpoint };
	if (mode === 'token') return { authType: 'token', token: TOKEN, ...scope };
	return { authType: 'aksk', accessKeyId: KEY.ak, secretAccessKey: KEY.sk, ...scope };
}

const byId = (value) => ({ __rl: true, mode: 'id', value });

/** The node's parameters (version 2, as n8n creates it), with n8n's Batching option when given. */
function nodeParameters(op, batch) {
	const requestOptions = batch ? { batching: { batch: { batchSize: batch.size, batchInterval: batch.interval } } } : {};
	if (op === 'close') return { resource: 'alert', operation: 'close', alertId: byId('={{ $json.id }}'), ...CLOSE, requestOptions };
	if (op === 'operate') {
		return {
			resource: 'playbookInstance',
			operation: 'operate',
			instanceId: byId('={{ $json.id }}'),
			operationType: 'RETRY',
			requestOptions,
		};
	}
	return {
		resource: 'playbookRule',
		operation: 'update',
		versionId: byId(VERSION.id),
		ruleId: byId(VERSION.rule_id),
		...SEED_EVENT_FORM,
		requestOptions,
	};
}

/** The request the node sends for one item. */
function rawRequest(op, id) {
	if (op === 'close') return { method: 'PUT', path: `${WS_PATH}/soc/alerts/${id}`, body: CLOSE_BODY };
	if (op === 'operate') {
		return { method: 'POST', path: `${WS_PATH}/soc/playbooks/instances/${id}/operation`, body: '{"operation":"RETRY"}' };
	}
	return { method: 'PUT', path: `${WS_PATH}/soc/playbooks/versions/${VERSION.id}/rules/${VERSION.rule_id}`, body: SEED_RULE_BODY };
}

/** Did the item come back as SecMaster's success answer? */
function succeeded(op, json) {
	// Close: the node's simplified output is the alert; the HTTP Request node's, SecMaster's whole answer.
	if (op === 'close') return (json?.data ?? json)?.data_object?.handle_status === 'Closed';
	return op === 'operate' ? json?.status === 'RETRYING' : json?.id === VERSION.rule_id && !json?.error_code;
}

function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = {
	fixture,
	TOKEN,
	KEY,
	PROJECT_ID,
	WORKSPACE_ID,
	WS_PATH,
	VERSION,
	SEED_RULE_BODY,
	CLOSE_BODY,
	credentials,
	nodeParameters,
	rawRequest,
	succeeded,
	percentile,
	median,
};
