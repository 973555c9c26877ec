'use strict';
// Playbook version reviews (CreatePlaybookApprove / ListPlaybookApproves in Huawei's SDK). The node
// has no operation for them: the e2e suite calls them through n8n's HTTP Request node with the
// node's credential. A review of a version awaiting approval publishes it (PASS) or sends it back.
const { CODES, secError } = require('../errors');
const c = require('./common');

const VERSIONS = [...c.WS, 'playbooks', 'versions'];
const RESULTS = { PASS: 'PUBLISHED', UN_PASS: 'UNPASSED' };
const TYPES = ['PLAYBOOK', 'AOP_WORKFLOW'];

function versionIn(state, params, id) {
  const version = state.versions[id];
  const playbook = version && state.playbooks[version.playbook_id];
  return playbook && playbook.workspace_id === params.workspace_id ? version : null;
}

function approveVersion({ state, params, json }) {
  const version = versionIn(state, params, params.version_id);
  if (!version) return secError(400, CODES.RULE_NOT_FOUND, `Playbook version not found: ${params.version_id}`);
  const wrong = c.checkChoice(json, 'result', Object.keys(RESULTS), 'body');
  if (wrong) return wrong;
  if (json.result === undefined) return c.invalid('Parameter result is required');
  if (json.content !== undefined && typeof json.content !== 'string') return c.invalid('Parameter content must be a string');
  if (c.upper(version.status) !== 'APPROVING') {
    return secError(400, CODES.INVALID_STATUS, `Playbook version ${version.id} is not awaiting approval (status ${version.status})`);
  }
  const review = { result: json.result, content: json.content ?? '' };
  version.approvals = [...(version.approvals ?? []), review];
  version.status = RESULTS[json.result];
  return c.ok({ code: c.OK, message: '', data: { ...review } });
}

function listApprovals({ state, params, query }) {
  const one = (name) => (Array.isArray(query[name]) ? query[name][0] : query[name]);
  const type = one('approve_type') ?? 'PLAYBOOK';
  if (!TYPES.includes(type)) return c.invalid(`Parameter approve_type is invalid: ${JSON.stringify(type)} (expected one of ${TYPES.join(', ')})`);
  const id = one('resource_id');
  if (!id) return c.invalid('Parameter resource_id is required');
  const version = type === 'PLAYBOOK' ? versionIn(state, params, id) : null;
  return c.ok({ code: c.OK, message: '', data: (version?.approvals ?? []).map((review) => ({ ...review })) });
}

const ROUTES = [
  { name: 'approveVersion', method: 'POST', pattern: [...VERSIONS, ':version_id', 'approval'], handler: approveVersion, json: true },
  { name: 'listApprovals', method: 'GET', pattern: [...VERSIONS, 'approval'], handler: listApprovals },
];

module.exports = { ROUTES };
