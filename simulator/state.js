'use strict';
const { formatTime, parseTime, auditLogsFor, addBulk, addBulkAuditLogs, normalizeBulk, AUDIT_FIELDS } = require('./generate');
const { endRun, applyDue } = require('./timeline');
const soc = require('./soc');
const { listOf } = require('./records');

// Fields the API returns for an instance; everything else on the stored record
// (workspace_id, retryOutcome, finishesAfterMs, statusChangedAt, ...) is simulator bookkeeping.
const INSTANCE_FIELDS = ['id', 'name', 'project_id', 'playbook', 'dataclass', 'dataobject',
  'status', 'trigger_type', 'start_time', 'end_time'];

function utcDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function byId(list) {
  if (!list) return {};
  if (!Array.isArray(list)) return Object.fromEntries(Object.entries(list).map(([id, v]) => [id, { id, ...v }]));
  return Object.fromEntries(list.map((item) => [item.id, item]));
}

// `options.bulk` = {instances?, playbooks?, alerts?, auditLogs?}: generated extra records in the
// first workspace; `options.anchor` = the epoch ms they are spread back from (default `now`);
// `options.feed` = a normalized demo feed (timeline.js) whose ticks count from `now`.
function buildState(fixture, now, options = {}) {
  const f = structuredClone(fixture);
  const state = {
    projectId: f.projectId,
    startedAt: now,
    projectName: f.projectName || 'cn-north-4', // the region name IAM accepts as scope.project.name
    tokens: f.tokens || [],
    accessKeys: f.accessKeys || [],
    iamUsers: f.iamUsers || [],
    issuedTokens: [], // tokens handed out by POST /v3/auth/tokens: {token, userName, issuedAt, expiresAt, previousTokenLeftMs}
    // Requests with an issued or fixture token, by the life it had left when it arrived (see auth.js).
    tokenUse: { fresh: 0, nearExpiry: 0, expired: 0 },
    akLockouts: {}, // AK -> {failures, lockedUntil}: consecutive failed signatures and lock-out
    workspaces: byId(f.workspaces),
    playbooks: byId(f.playbooks),
    versions: byId(f.versions),
    rules: byId(f.rules),
    instances: byId(f.instances),
    alerts: byId(f.alerts),
    auditLogs: [], // ordered; generated below, one more per RETRY/TERMINATE
    appliedOperations: [],
    retriesToday: { ...(f.retriesToday || {}) },
    retriesDay: utcDay(now),
    timeline: [], // scheduled appearances and status changes, see timeline.js
    timelineSeq: 0,
    addedCount: 0, // records added through addAlerts/addInstances, for default IDs and names
    feed: options.feed ? { ...options.feed, origin: now, ticks: 0 } : null,
  };
  const bulk = normalizeBulk(options.bulk);
  const anchor = options.anchor ?? now;
  addBulk(state, bulk, anchor);
  for (const rule of Object.values(state.rules)) rule.project_id = rule.project_id || state.projectId;
  // Fixtures written before versions had these fields still work.
  for (const v of Object.values(state.versions)) {
    const pb = state.playbooks[v.playbook_id];
    if (v.version_type === undefined) v.version_type = String(v.status || 'PUBLISHED').toUpperCase() === 'PUBLISHED' ? 1 : 0;
    if (v.dataclass_id === undefined) v.dataclass_id = pb?.dataclass_id ?? null;
    if (v.rule_id === undefined) v.rule_id = null;
    for (const k of ['description', 'create_time', 'update_time']) if (v[k] === undefined) v[k] = k === 'description' ? '' : pb?.[k] ?? null;
  }
  for (const p of Object.values(state.playbooks)) if (p.dataclass_id === undefined) p.dataclass_id = null;
  for (const inst of Object.values(state.instances)) {
    inst.statusChangedAt = now;
    state.auditLogs.push(...auditLogsFor(inst));
  }
  addBulkAuditLogs(state, bulk, anchor);
  soc.buildSoc(f, state, now);
  return state;
}

// No timers: transitional statuses are resolved against the clock whenever state is read,
// so tests with a fake clock stay deterministic.
function evolve(state, now, durations) {
  applyDue(state, now, (at) => settle(state, at, durations));
  settle(state, now, durations);
  const today = utcDay(now);
  if (state.retriesDay !== today) {
    state.retriesDay = today;
    state.retriesToday = {};
  }
}

function settle(state, now, durations) {
  const { retryDurationMs, terminateDurationMs } = durations;
  soc.settleWorkflows(state, now, durations);
  for (const inst of listOf(state.instances)) {
    // Ended runs have nothing left to settle, and a storm holds thousands of them.
    if (inst.status === 'FAILED' || inst.status === 'FINISHED' || inst.status === 'TERMINATED') continue;
    const status = String(inst.status || '').toUpperCase();
    const since = inst.statusChangedAt ?? state.startedAt;
    if (status === 'RETRYING' && now - since >= retryDurationMs) {
      endRun(state, inst, String(inst.retryOutcome || 'FINISHED').toUpperCase(), since + retryDurationMs);
    } else if (status === 'TERMINATING' && now - since >= terminateDurationMs) {
      endRun(state, inst, 'TERMINATED', since + terminateDurationMs);
    } else if (status === 'RUNNING' && inst.finishesAfterMs != null
      && now - state.startedAt >= inst.finishesAfterMs) {
      endRun(state, inst, String(inst.outcome || 'FINISHED').toUpperCase(), state.startedAt + inst.finishesAfterMs);
    }
  }
}

function publicInstance(inst) {
  return Object.fromEntries(INSTANCE_FIELDS.filter((k) => k in inst).map((k) => [k, inst[k]]));
}

function publicAuditLog(log) {
  return Object.fromEntries(AUDIT_FIELDS.map((k) => [k, log[k] ?? null]));
}

module.exports = { buildState, evolve, publicInstance, publicAuditLog, formatTime, parseTime, utcDay };
