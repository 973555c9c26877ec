'use strict';
const { CODES, secError } = require('./errors');
const { publicInstance, formatTime } = require('./state');
const { issueToken } = require('./iam');

const WS = ['v1', ':project_id', 'workspaces', ':workspace_id'];
const RULE = [...WS, 'soc', 'playbooks', 'versions', ':version_id', 'rules', ':rule_id'];
const MAX_RETRIES_PER_DAY = 100;

const invalid = (message) => secError(400, CODES.INVALID_PARAMETER, message);
const upper = (s) => String(s ?? '').toUpperCase();
const contains = (hay, needle) => String(hay ?? '').toLowerCase().includes(String(needle).toLowerCase());

// Returns [offset, limit] or an error response; the names appear in the message so a
// client developer can tell which parameter was wrong.
function paging(query, { maxLimit = Infinity, required = true, defLimit = 10 } = {}) {
  const read = (name, min, max, def) => {
    const raw = query[name];
    if (raw === undefined && !required) return def;
    if (raw === undefined || raw === '') return invalid(`Parameter ${name} is required`);
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      return invalid(`Parameter ${name} is invalid: ${raw} (expected an integer ${min}..${max})`);
    }
    return Number(raw);
  };
  const offset = read('offset', 0, Infinity, 0);
  if (typeof offset !== 'number') return offset;
  const limit = read('limit', 1, maxLimit, defLimit);
  if (typeof limit !== 'number') return limit;
  return [offset, limit];
}

function listWorkspaces({ state, params, query }) {
  const page = paging(query, { required: false, maxLimit: 1000 });
  if (!Array.isArray(page)) return page;
  const all = Object.values(state.workspaces).filter((w) => w.project_id === params.project_id);
  const workspaces = all.slice(page[0], page[0] + page[1])
    .map(({ id, name, project_id, description, create_time }) => ({ id, name, project_id, description, create_time }));
  return { status: 200, body: { count: all.length, workspaces } };
}

function listPlaybooks({ state, params, query }) {
  const page = paging(query, { maxLimit: 1000 });
  if (!Array.isArray(page)) return page;
  const [offset, limit] = page;
  const all = Object.values(state.playbooks)
    .filter((p) => p.workspace_id === params.workspace_id)
    .filter((p) => query.name === undefined || contains(p.name, query.name))
    .filter((p) => query.search_txt === undefined || contains(`${p.name} ${p.description}`, query.search_txt))
    .filter((p) => query.enabled === undefined || String(p.enabled) === String(query.enabled))
    .filter((p) => query.dataclass_name === undefined || upper(p.dataclass_name) === upper(query.dataclass_name));
  const data = all.slice(offset, offset + limit).map((p) => ({
    id: p.id, name: p.name, description: p.description, enabled: p.enabled, version_id: p.version_id,
    version: state.versions[p.version_id]?.version ?? null, dataclass_name: p.dataclass_name,
    create_time: p.create_time, update_time: p.update_time,
  }));
  // page is 1-based here; the real API's convention is not documented.
  return { status: 200, body: { code: '00000000', message: '', total: all.length, size: data.length, page: Math.floor(offset / limit) + 1, data } };
}

function findInstance(state, params) {
  const inst = state.instances[params.instance_id];
  if (!inst || inst.workspace_id !== params.workspace_id) {
    return [null, secError(404, CODES.INSTANCE_NOT_FOUND, `Playbook instance not found: ${params.instance_id}`)];
  }
  return [inst, null];
}

function listInstances({ state, params, query }) {
  const page = paging(query);
  if (!Array.isArray(page)) return page;
  const [offset, limit] = page;
  if (offset + limit >= 10000) return invalid('Parameters limit + offset must be less than 10000');
  const all = Object.values(state.instances)
    .filter((i) => i.workspace_id === params.workspace_id)
    .filter((i) => query.status === undefined || upper(i.status) === upper(query.status))
    .filter((i) => query.name === undefined || contains(i.name, query.name))
    .filter((i) => query.playbook_name === undefined || contains(i.playbook?.name, query.playbook_name))
    .filter((i) => query.trigger_type === undefined || upper(i.trigger_type) === upper(query.trigger_type))
    .filter((i) => query.dataclass_name === undefined || upper(i.dataclass?.name) === upper(query.dataclass_name))
    .sort((a, b) => String(b.start_time).localeCompare(String(a.start_time)));
  return { status: 200, body: { count: all.length, instances: all.slice(offset, offset + limit).map(publicInstance) } };
}

function getInstance({ state, params }) {
  const [inst, err] = findInstance(state, params);
  return err || { status: 200, body: publicInstance(inst) };
}

function operateInstance({ state, params, json, now }) {
  const op = json.operation;
  if (op !== 'RETRY' && op !== 'TERMINATE') {
    return invalid(`Parameter operation is invalid: ${op === undefined ? '(missing)' : JSON.stringify(op)}; expected RETRY or TERMINATE`);
  }
  const [inst, err] = findInstance(state, params);
  if (err) return err;
  const status = upper(inst.status);
  if (op === 'RETRY') {
    if (status !== 'FAILED') {
      return secError(400, CODES.INVALID_STATUS,
        `Instance ${inst.id} cannot be retried in status ${status}; only FAILED instances can be retried`);
    }
    const used = state.retriesToday[inst.workspace_id] || 0;
    if (used >= MAX_RETRIES_PER_DAY) {
      return secError(400, CODES.RETRY_LIMIT,
        `Daily retry limit reached: at most ${MAX_RETRIES_PER_DAY} playbook instance retries per workspace per day`);
    }
    state.retriesToday[inst.workspace_id] = used + 1;
    inst.status = 'RETRYING';
    inst.end_time = null;
  } else {
    if (status !== 'RUNNING' && status !== 'RETRYING') {
      return secError(400, CODES.INVALID_STATUS,
        `Instance ${inst.id} cannot be terminated in status ${status}; only RUNNING or RETRYING instances can be terminated`);
    }
    inst.status = 'TERMINATING';
  }
  inst.statusChangedAt = now;
  delete inst.finishesAfterMs;
  state.appliedOperations.push({ instanceId: inst.id, operation: op, time: now });
  return { status: 200, body: publicInstance(inst) };
}

function findRule(state, params) {
  const version = state.versions[params.version_id];
  const playbook = version && state.playbooks[version.playbook_id];
  if (!version || !playbook || playbook.workspace_id !== params.workspace_id) {
    return [null, secError(400, CODES.RULE_NOT_FOUND, `Playbook version not found: ${params.version_id}`)];
  }
  const rule = state.rules[params.rule_id];
  if (!rule || rule.version_id !== params.version_id) {
    return [null, secError(400, CODES.RULE_NOT_FOUND, `Playbook rule not found: ${params.rule_id} in version ${params.version_id}`)];
  }
  return [rule, null];
}

const ruleBody = (fixture, rule) => ({
  code: fixture.ruleResponseCode ?? 0,
  message: '',
  data: { id: rule.id, project_id: rule.project_id, rule: JSON.stringify(rule.rule) },
});

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function getRule({ state, params, fixture }) {
  const [rule, err] = findRule(state, params);
  return err || { status: 200, body: ruleBody(fixture, rule) };
}

function updateRule({ state, params, json, fixture, now }) {
  let value = json.rule;
  if (value === undefined || value === null) return invalid('Parameter rule is required');
  // The Terraform provider sends rule as a JSON-encoded string, the SDKs as an object: accept both.
  if (typeof value === 'string') {
    try { value = JSON.parse(value); } catch { return invalid('Parameter rule is a string but not valid JSON'); }
  }
  if (!isObject(value)) return invalid('Parameter rule must be a JSON object');
  const [rule, err] = findRule(state, params);
  if (err) return err;
  rule.rule = value;
  rule.update_time = formatTime(now);
  return { status: 200, body: ruleBody(fixture, rule) };
}

const ROUTES = [
  { name: 'listWorkspaces', method: 'GET', pattern: ['v1', ':project_id', 'workspaces'], handler: listWorkspaces },
  { name: 'listPlaybooks', method: 'GET', pattern: [...WS, 'soc', 'playbooks'], handler: listPlaybooks },
  { name: 'listInstances', method: 'GET', pattern: [...WS, 'soc', 'playbooks', 'instances'], handler: listInstances },
  { name: 'getInstance', method: 'GET', pattern: [...WS, 'soc', 'playbooks', 'instances', ':instance_id'], handler: getInstance },
  { name: 'operateInstance', method: 'POST', pattern: [...WS, 'soc', 'playbooks', 'instances', ':instance_id', 'operation'], handler: operateInstance, json: true },
  { name: 'getRule', method: 'GET', pattern: RULE, handler: getRule, ruleRoute: true },
  { name: 'updateRule', method: 'PUT', pattern: RULE, handler: updateRule, json: true, ruleRoute: true },
  // IAM on the same server; `noAuth`: not behind the SecMaster gateway auth.
  { name: 'iamTokens', method: 'POST', pattern: ['v3', 'auth', 'tokens'], handler: issueToken, noAuth: true },
];

// Segments are decoded one by one so an encoded '/' (%2F) stays inside its segment.
function matchRoute(method, pathname) {
  const raw = pathname.split('/');
  if (raw.shift() !== '') return null;
  let segments;
  try { segments = raw.map(decodeURIComponent); } catch { return null; }
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== segments.length) continue;
    const params = {};
    const ok = route.pattern.every((p, i) => {
      if (!p.startsWith(':')) return p === segments[i];
      params[p.slice(1)] = segments[i];
      return segments[i] !== '';
    });
    if (ok) return { route, params };
  }
  return null;
}

module.exports = { ROUTES, matchRoute, MAX_RETRIES_PER_DAY };
