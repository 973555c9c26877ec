'use strict';
const { randomUUID } = require('node:crypto');
const { CODES, secError } = require('./errors');
const { publicInstance, publicAuditLog, formatTime, parseTime } = require('./state');
const { operationLog, AUDIT_FIELDS } = require('./generate');
const { compileCondition, ConditionError } = require('./alerts');
const { issueToken, validateToken } = require('./iam');
const { applyStatus } = require('./timeline');
const { listOf } = require('./records');

const WS = ['v1', ':project_id', 'workspaces', ':workspace_id'];
const PLAYBOOKS = [...WS, 'soc', 'playbooks'];
const VERSION = [...PLAYBOOKS, 'versions', ':version_id'];
const RULES = [...VERSION, 'rules'];
const RULE = [...RULES, ':rule_id'];
const ALERTS = [...WS, 'soc', 'alerts'];
const MAX_RETRIES_PER_DAY = 100;
const MAX_WINDOW = 10000; // limit + offset must stay below this (instances, alerts)
const OK = '00000000';
const VERSION_STATUSES = ['EDITING', 'APPROVING', 'UNPASSED', 'PUBLISHED'];
const TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'Z (e.g. 2026-11-22T00:00:00.000Z+0800) or ISO 8601";

const invalid = (message) => secError(400, CODES.INVALID_PARAMETER, message);
const upper = (s) => String(s ?? '').toUpperCase();
const contains = (hay, needle) => String(hay ?? '').toLowerCase().includes(String(needle).toLowerCase());
const single = (v) => (Array.isArray(v) ? v[0] : v); // a repeated query parameter: the first value
const isError = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && v.status >= 400 && v.body;
// Record times parsed once: a storm of ten thousand records is filtered and sorted on every
// page request, and parsing dominated that. Bounded, so a long-running simulator stays small.
const parsedTimes = new Map();
function timeOf(s) {
  if (typeof s !== 'string') return parseTime(s);
  let ms = parsedTimes.get(s);
  if (ms === undefined) {
    if (parsedTimes.size >= 200000) parsedTimes.clear();
    ms = parseTime(s);
    parsedTimes.set(s, ms);
  }
  return ms;
}

// Returns [offset, limit] or an error response naming every missing/invalid parameter, so a
// client developer can tell which one was wrong. `maxWindow`: limit + offset must be below it.
function paging(query, { maxLimit = Infinity, required = true, defLimit = 10, maxWindow } = {}) {
  const problems = [];
  const read = (name, min, max, def) => {
    const raw = single(query[name]);
    if (raw === undefined && !required) return def;
    if (raw === undefined || raw === '') {
      problems.push(`Parameter ${name} is required`);
      return null;
    }
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`Parameter ${name} is invalid: ${raw} (expected an integer ${min}..${max})`);
      return null;
    }
    return Number(raw);
  };
  const limit = read('limit', 1, maxLimit, defLimit);
  const offset = read('offset', 0, Infinity, 0);
  if (problems.length) return invalid(problems.join('; '));
  return checkWindow(offset, limit, maxWindow);
}

function checkWindow(offset, limit, maxWindow) {
  if (maxWindow && offset + limit >= maxWindow) {
    return invalid(`Parameters limit + offset must be less than ${maxWindow} (got ${limit} + ${offset} = ${limit + offset})`);
  }
  return [offset, limit];
}

// An integer in a JSON body; digit strings are accepted too (lenient, as JSON binders often are;
// not verified against the real API).
function bodyInt(json, name, min, max, def) {
  const raw = json[name];
  if (raw === undefined || raw === null) return def;
  const ok = (typeof raw === 'number' && Number.isInteger(raw)) || (typeof raw === 'string' && /^\d+$/.test(raw));
  if (!ok || Number(raw) < min || Number(raw) > max) {
    return invalid(`Parameter ${name} is invalid: ${JSON.stringify(raw)} (expected an integer ${min}..${max})`);
  }
  return Number(raw);
}

// true/false (any case) and, with `numeric`, 1/0. Returns undefined when absent.
function readBool(raw, name, numeric = false) {
  if (raw === undefined) return undefined;
  const v = String(raw).toLowerCase();
  if (v === 'true' || (numeric && v === '1')) return true;
  if (v === 'false' || (numeric && v === '0')) return false;
  return invalid(`Parameter ${name} is invalid: ${raw} (expected ${numeric ? '0, 1, true or false' : 'true or false'})`);
}

function readChoice(raw, name, choices, def) {
  if (raw === undefined || raw === '') return def;
  const v = upper(raw);
  return choices.includes(v) ? v : invalid(`Parameter ${name} is invalid: ${raw} (expected one of ${choices.join(', ')})`);
}

// Alert search dates as Huawei's SDK documents them: UTC with milliseconds, nothing after the Z.
const SEARCH_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SEARCH_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z' in UTC (e.g. 2023-02-20T00:00:00.000Z)";

function readSearchDate(raw, name) {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const ms = typeof raw === 'string' && SEARCH_DATE.test(raw) ? parseTime(raw) : null;
  return ms === null ? invalid(`Parameter ${name} is invalid: ${raw} (expected ${SEARCH_DATE_FORMAT})`) : ms;
}

function readTime(raw, name) {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const ms = parseTime(String(raw));
  return ms === null ? invalid(`Parameter ${name} is invalid: ${raw} (expected ${TIME_FORMAT})`) : ms;
}

// Newest (or oldest) first by a time field; ties keep their stored order (Array#sort is stable).
// Items without the time (null end_time: still running) count as newest.
function sortByTime(items, field, dir = 'DESC') {
  const keyed = items.map((item) => [timeOf(field(item)) ?? Infinity, item]);
  keyed.sort((a, b) => (a[0] === b[0] ? 0 : (dir === 'ASC' ? 1 : -1) * (a[0] < b[0] ? -1 : 1)));
  return keyed.map((k) => k[1]);
}

// {code, message, total, size, page, data}: page is 1-based (the real convention is undocumented).
function pageBody(all, offset, limit, map, extra = {}) {
  const data = all.slice(offset, offset + limit).map(map);
  return { code: OK, message: '', total: all.length, size: data.length, page: Math.floor(offset / limit) + 1, ...extra, data };
}

function listWorkspaces({ state, params, query }) {
  const page = paging(query, { maxLimit: 1000 });
  if (!Array.isArray(page)) return page;
  const all = Object.values(state.workspaces).filter((w) => w.project_id === params.project_id);
  const workspaces = all.slice(page[0], page[0] + page[1])
    .map(({ id, name, project_id, description, create_time }) => ({ id, name, project_id, description, create_time }));
  return { status: 200, body: { count: all.length, workspaces } };
}

// ---- playbooks and versions ----------------------------------------------------------------

const playbookItem = (state, p) => ({
  id: p.id, name: p.name, description: p.description, enabled: p.enabled, version_id: p.version_id,
  version: state.versions[p.version_id]?.version ?? null, dataclass_name: p.dataclass_name,
  dataclass_id: p.dataclass_id ?? null, create_time: p.create_time, update_time: p.update_time,
});

const versionItem = (v) => ({
  id: v.id, playbook_id: v.playbook_id, version: v.version, description: v.description ?? '', status: v.status,
  enabled: v.enabled, version_type: v.version_type, trigger_type: v.trigger_type, rule_id: v.rule_id ?? null,
  dataclass_id: v.dataclass_id ?? null, create_time: v.create_time ?? null, update_time: v.update_time ?? null,
});

function listPlaybooks({ state, params, query }) {
  const page = paging(query, { maxLimit: 1000 });
  if (!Array.isArray(page)) return page;
  const [offset, limit] = page;
  const q = (name) => single(query[name]);
  const enabled = readBool(q('enabled'), 'enabled');
  if (isError(enabled)) return enabled;
  const all = Object.values(state.playbooks)
    .filter((p) => p.workspace_id === params.workspace_id)
    .filter((p) => q('name') === undefined || contains(p.name, q('name')))
    .filter((p) => q('description') === undefined || contains(p.description, q('description')))
    .filter((p) => q('search_txt') === undefined || contains(p.name, q('search_txt')) || contains(p.description, q('search_txt')))
    .filter((p) => enabled === undefined || Boolean(p.enabled) === enabled)
    .filter((p) => q('dataclass_name') === undefined || upper(p.dataclass_name) === upper(q('dataclass_name')));
  return { status: 200, body: pageBody(all, offset, limit, (p) => playbookItem(state, p)) };
}

function findPlaybook(state, params) {
  const pb = state.playbooks[params.playbook_id];
  if (!pb || pb.workspace_id !== params.workspace_id) {
    return [null, secError(400, CODES.PLAYBOOK_NOT_FOUND, `Playbook not found: ${params.playbook_id}`)];
  }
  return [pb, null];
}

function getPlaybook({ state, params }) {
  const [pb, err] = findPlaybook(state, params);
  if (err) return err;
  const data = { ...playbookItem(state, pb), workspace_id: pb.workspace_id, project_id: state.projectId };
  return { status: 200, body: { code: OK, message: '', data } };
}

function listVersions({ state, params, query }) {
  const page = paging(query, { maxLimit: 1000, required: false });
  if (!Array.isArray(page)) return page;
  const [offset, limit] = page;
  const q = (name) => single(query[name]);
  const status = readChoice(q('status'), 'status', VERSION_STATUSES);
  if (isError(status)) return status;
  const enabled = readBool(q('enabled'), 'enabled', true);
  if (isError(enabled)) return enabled;
  const type = q('version_type');
  if (type !== undefined && type !== '0' && type !== '1') {
    return invalid(`Parameter version_type is invalid: ${type} (expected 0 (draft) or 1 (formal))`);
  }
  const [pb, err] = findPlaybook(state, params);
  if (err) return err;
  const all = sortByTime(Object.values(state.versions)
    .filter((v) => v.playbook_id === pb.id)
    .filter((v) => status === undefined || upper(v.status) === status)
    .filter((v) => enabled === undefined || Boolean(v.enabled) === enabled)
    .filter((v) => type === undefined || Number(v.version_type) === Number(type)), (v) => v.create_time);
  return { status: 200, body: pageBody(all, offset, limit, versionItem) };
}

function findVersion(state, params) {
  const version = state.versions[params.version_id];
  const playbook = version && state.playbooks[version.playbook_id];
  if (!version || !playbook || playbook.workspace_id !== params.workspace_id) {
    return [null, secError(400, CODES.RULE_NOT_FOUND, `Playbook version not found: ${params.version_id}`)];
  }
  return [version, null];
}

function getVersion({ state, params }) {
  const [version, err] = findVersion(state, params);
  if (err) return err;
  const rules = Object.values(state.rules).filter((r) => r.version_id === version.id)
    .map((r) => ({ id: r.id, rule: JSON.stringify(r.rule) }));
  return { status: 200, body: { code: OK, message: '', data: { ...versionItem(version), rules } } };
}

// ---- instances -----------------------------------------------------------------------------

function findInstance(state, params) {
  const inst = state.instances[params.instance_id];
  if (!inst || inst.workspace_id !== params.workspace_id) {
    return [null, secError(404, CODES.INSTANCE_NOT_FOUND, `Playbook instance not found: ${params.instance_id}`)];
  }
  return [inst, null];
}

function listInstances({ state, params, query }) {
  const page = paging(query, { maxWindow: MAX_WINDOW });
  if (!Array.isArray(page)) return page;
  const [offset, limit] = page;
  const q = (name) => single(query[name]);
  const from = readTime(q('from_date'), 'from_date');
  if (isError(from)) return from;
  const to = readTime(q('to_date'), 'to_date');
  if (isError(to)) return to;
  const dateType = readChoice(q('date_type'), 'date_type', ['START', 'END'], 'START');
  if (isError(dateType)) return dateType;
  const dateField = dateType === 'END' ? 'end_time' : 'start_time';
  const inRange = (i) => {
    if (from === undefined && to === undefined) return true;
    const t = timeOf(i[dateField]); // no end_time yet (running): outside every END range
    return t !== null && (from === undefined || t >= from) && (to === undefined || t <= to);
  };
  const [status, name, playbookName, triggerType, dataclassName, dataobjectName] =
    ['status', 'name', 'playbook_name', 'trigger_type', 'dataclass_name', 'dataobject_name'].map(q);
  const wanted = upper(status);
  // One pass: a storm's ten thousand instances are filtered on every page request.
  const all = sortByTime(listOf(state.instances).filter((i) => i.workspace_id === params.workspace_id
    && (status === undefined || i.status === status || upper(i.status) === wanted)
    && (name === undefined || contains(i.name, name))
    && (playbookName === undefined || contains(i.playbook?.name, playbookName))
    && (triggerType === undefined || upper(i.trigger_type) === upper(triggerType))
    && (dataclassName === undefined || upper(i.dataclass?.name) === upper(dataclassName))
    && (dataobjectName === undefined || contains(i.dataobject?.name, dataobjectName))
    && inRange(i)), (i) => i.start_time);
  return { status: 200, body: { count: all.length, instances: all.slice(offset, offset + limit).map(publicInstance) } };
}

function getInstance({ state, params }) {
  const [inst, err] = findInstance(state, params);
  return err || { status: 200, body: publicInstance(inst) };
}

function operateInstance({ state, params, json, now, fixture }) {
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
    // A fixture may raise SecMaster's daily limit, e.g. for a load test.
    const limit = fixture.maxRetriesPerDay ?? MAX_RETRIES_PER_DAY;
    const used = state.retriesToday[inst.workspace_id] || 0;
    if (used >= limit) {
      return secError(400, CODES.RETRY_LIMIT,
        `Daily retry limit reached: at most ${limit} playbook instance retries per workspace per day`);
    }
    state.retriesToday[inst.workspace_id] = used + 1;
  } else {
    if (status !== 'RUNNING' && status !== 'RETRYING') {
      return secError(400, CODES.INVALID_STATUS,
        `Instance ${inst.id} cannot be terminated in status ${status}; only RUNNING or RETRYING instances can be terminated`);
    }
  }
  applyStatus(state, inst, op === 'RETRY' ? 'RETRYING' : 'TERMINATING', now); // RETRYING clears end_time
  state.appliedOperations.push({ instanceId: inst.id, operation: op, time: now });
  state.auditLogs.push(operationLog(inst, op, now));
  return { status: 200, body: publicInstance(inst) };
}

// sort_key and sort_dir as Huawei's SDKs list them (the Go SDK's sort_dir enum is lower case);
// without sort_key the simulator sorts by create_time, newest first.
const AUDIT_SORT_KEYS = ['start_time', 'end_time'];
const AUDIT_SORT_DIRS = ['asc', 'desc'];

function listAuditLogs({ state, params, query, json }) {
  const page = paging(query, { maxLimit: 1000 });
  if (!Array.isArray(page)) return page;
  const [offset, limit] = page;
  const rawKey = single(query.sort_key);
  if (rawKey !== undefined && !AUDIT_SORT_KEYS.includes(rawKey)) {
    return invalid(`Parameter sort_key is invalid: ${rawKey} (expected one of ${AUDIT_SORT_KEYS.join(', ')})`);
  }
  const sortKey = rawKey ?? 'create_time';
  const rawDir = single(query.sort_dir) ?? 'desc';
  if (!AUDIT_SORT_DIRS.includes(rawDir)) {
    return invalid(`Parameter sort_dir is invalid: ${rawDir} (expected one of ${AUDIT_SORT_DIRS.join(', ')})`);
  }
  const sortDir = upper(rawDir);
  const filter = json || {};
  for (const [k, v] of Object.entries(filter)) {
    if (!AUDIT_FIELDS.includes(k)) return invalid(`Unknown audit log filter field: ${k} (expected one of ${AUDIT_FIELDS.join(', ')})`);
    if (v !== null && typeof v === 'object') return invalid(`Audit log filter field ${k} must be a string, number or null`);
  }
  const matches = (log) => Object.entries(filter).every(([k, v]) => (v === null ? log[k] === null
    : log[k] !== null && log[k] !== undefined && upper(log[k]) === upper(v)));
  const all = sortByTime(state.auditLogs
    .filter((l) => l.workspace_id === params.workspace_id)
    .filter(matches), (l) => l[sortKey], sortDir);
  return { status: 200, body: { count: all.length, audit_logs: all.slice(offset, offset + limit).map(publicAuditLog) } };
}

function findRule(state, params) {
  const [, err] = findVersion(state, params);
  if (err) return [null, err];
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

// The Terraform provider sends rule as a JSON-encoded string, the SDKs as an object: accept both.
// Returns the rule object or an error response.
function ruleValue(json) {
  let value = json.rule;
  if (value === undefined || value === null) return invalid('Parameter rule is required');
  if (typeof value === 'string') {
    try { value = JSON.parse(value); } catch { return invalid('Parameter rule is a string but not valid JSON'); }
  }
  if (!isObject(value)) return invalid('Parameter rule must be a JSON object');
  return value;
}

function getRule({ state, params, fixture }) {
  const [rule, err] = findRule(state, params);
  return err || { status: 200, body: ruleBody(fixture, rule) };
}

function updateRule({ state, params, json, fixture, now }) {
  const value = ruleValue(json);
  if (isError(value)) return value;
  const [rule, err] = findRule(state, params);
  if (err) return err;
  rule.rule = value;
  rule.update_time = formatTime(now);
  return { status: 200, body: ruleBody(fixture, rule) };
}

// The new rule becomes the version's rule_id; a rule the version had before stays stored (and
// listed in getVersion's rules) until deleted.
function createRule({ state, params, json, fixture, now }) {
  const value = ruleValue(json);
  if (isError(value)) return value;
  const [version, err] = findVersion(state, params);
  if (err) return err;
  const time = formatTime(now);
  const rule = { id: randomUUID(), version_id: version.id, project_id: state.projectId, rule: value, create_time: time, update_time: time };
  state.rules[rule.id] = rule;
  version.rule_id = rule.id;
  version.update_time = time;
  return { status: 200, body: ruleBody(fixture, rule) };
}

function deleteRule({ state, params, fixture, now }) {
  const [rule, err] = findRule(state, params);
  if (err) return err;
  delete state.rules[rule.id];
  const version = state.versions[rule.version_id];
  if (version.rule_id === rule.id) {
    version.rule_id = null;
    version.update_time = formatTime(now);
  }
  return { status: 200, body: ruleBody(fixture, rule) };
}

// ---- alerts --------------------------------------------------------------------------------

const publicAlert = (a) => ({
  id: a.id, create_time: a.create_time, update_time: a.update_time, workspace_id: a.workspace_id, data_object: a.data_object,
});

function searchAlerts({ state, params, json }) {
  const body = json || {};
  const limit = bodyInt(body, 'limit', 1, 1000, 10);
  if (isError(limit)) return limit;
  const offset = bodyInt(body, 'offset', 0, Infinity, 0);
  if (isError(offset)) return offset;
  const page = checkWindow(offset, limit, MAX_WINDOW);
  if (!Array.isArray(page)) return page;
  const sortBy = body.sort_by ?? 'create_time';
  if (sortBy !== 'create_time' && sortBy !== 'update_time') {
    return invalid(`Parameter sort_by is invalid: ${JSON.stringify(sortBy)} (expected create_time or update_time)`);
  }
  const order = readChoice(body.order ?? undefined, 'order', ['DESC', 'ASC'], 'DESC');
  if (isError(order)) return order;
  const from = readSearchDate(body.from_date, 'from_date');
  if (isError(from)) return from;
  const to = readSearchDate(body.to_date, 'to_date');
  if (isError(to)) return to;
  let predicate;
  try {
    predicate = compileCondition(body.condition);
  } catch (e) {
    if (e instanceof ConditionError) return invalid(`Parameter condition is invalid: ${e.message}`);
    throw e;
  }
  const all = sortByTime(listOf(state.alerts)
    .filter((a) => a.workspace_id === params.workspace_id)
    .filter((a) => {
      if (from === undefined && to === undefined) return true;
      const t = timeOf(a.create_time);
      return t !== null && (from === undefined || t >= from) && (to === undefined || t <= to);
    })
    .filter((a) => predicate(a.data_object || {})), (a) => a[sortBy], order);
  return { status: 200, body: pageBody(all, offset, limit, publicAlert, { success: true }) };
}

function getAlert({ state, params }) {
  const alert = state.alerts[params.alert_id];
  if (!alert || alert.workspace_id !== params.workspace_id) {
    return secError(400, CODES.ALERT_NOT_FOUND, `Alert not found: ${params.alert_id}`);
  }
  return { status: 200, body: { code: OK, message: '', data: publicAlert(alert) } };
}

// `json`: a JSON object body is required; `optionalJson`: an empty body is allowed (= {}), any
// other body must be a JSON object. `ruleRoute`: gets the fixture's deprecation headers.
const ROUTES = [
  { name: 'listWorkspaces', method: 'GET', pattern: ['v1', ':project_id', 'workspaces'], handler: listWorkspaces },
  { name: 'listPlaybooks', method: 'GET', pattern: PLAYBOOKS, handler: listPlaybooks },
  { name: 'getPlaybook', method: 'GET', pattern: [...PLAYBOOKS, ':playbook_id'], handler: getPlaybook },
  { name: 'listVersions', method: 'GET', pattern: [...PLAYBOOKS, ':playbook_id', 'versions'], handler: listVersions },
  { name: 'getVersion', method: 'GET', pattern: VERSION, handler: getVersion },
  { name: 'listInstances', method: 'GET', pattern: [...PLAYBOOKS, 'instances'], handler: listInstances },
  { name: 'getInstance', method: 'GET', pattern: [...PLAYBOOKS, 'instances', ':instance_id'], handler: getInstance },
  { name: 'operateInstance', method: 'POST', pattern: [...PLAYBOOKS, 'instances', ':instance_id', 'operation'], handler: operateInstance, json: true },
  { name: 'listAuditLogs', method: 'POST', pattern: [...PLAYBOOKS, 'instances', 'auditlogs'], handler: listAuditLogs, optionalJson: true },
  { name: 'getRule', method: 'GET', pattern: RULE, handler: getRule, ruleRoute: true },
  { name: 'updateRule', method: 'PUT', pattern: RULE, handler: updateRule, json: true, ruleRoute: true },
  { name: 'deleteRule', method: 'DELETE', pattern: RULE, handler: deleteRule, ruleRoute: true },
  { name: 'createRule', method: 'POST', pattern: RULES, handler: createRule, json: true, ruleRoute: true },
  { name: 'searchAlerts', method: 'POST', pattern: [...ALERTS, 'search'], handler: searchAlerts, optionalJson: true },
  { name: 'getAlert', method: 'GET', pattern: [...ALERTS, ':alert_id'], handler: getAlert },
  // IAM on the same server; `noAuth`: not behind the SecMaster gateway auth.
  { name: 'iamTokens', method: 'POST', pattern: ['v3', 'auth', 'tokens'], handler: issueToken, noAuth: true },
  { name: 'iamValidateToken', method: 'GET', pattern: ['v3', 'auth', 'tokens'], handler: validateToken, noAuth: true },
];
// Alert writes, incidents, indicators, notes and AOP workflows (soc/): same gateway auth and faults.
ROUTES.push(...require('./soc').ROUTES);

// Segments are decoded one by one so an encoded '/' (%2F) stays inside its segment. When several
// routes match (GET WS/soc/playbooks/instances fits listInstances and getPlaybook), the one with a
// fixed segment where the other has a parameter wins, comparing from the left; so route order
// does not matter.
function matchRoute(method, pathname) {
  const raw = pathname.split('/');
  if (raw.shift() !== '') return null;
  let segments;
  try { segments = raw.map(decodeURIComponent); } catch { return null; }
  let best = null;
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== segments.length) continue;
    const params = {};
    const ok = route.pattern.every((p, i) => {
      if (!p.startsWith(':')) return p === segments[i];
      params[p.slice(1)] = segments[i];
      return segments[i] !== '';
    });
    if (ok && (!best || moreSpecific(route.pattern, best.route.pattern))) best = { route, params };
  }
  return best;
}

function moreSpecific(a, b) {
  for (let i = 0; i < a.length; i++) {
    const fixedA = !a[i].startsWith(':');
    const fixedB = !b[i].startsWith(':');
    if (fixedA !== fixedB) return fixedA;
  }
  return false;
}

module.exports = { ROUTES, matchRoute, MAX_RETRIES_PER_DAY, MAX_WINDOW };
