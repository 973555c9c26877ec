'use strict';

// Fields the API returns for an instance; everything else on the stored record
// (workspace_id, retryOutcome, finishesAfterMs, statusChangedAt, ...) is simulator bookkeeping.
const INSTANCE_FIELDS = ['id', 'name', 'project_id', 'playbook', 'dataclass', 'dataobject',
  'status', 'trigger_type', 'start_time', 'end_time'];

// Huawei writes times as Beijing wall-clock time, a literal 'Z', then the offset
// (seed: "2021-01-30T23:00:00Z+0800"; list filter format yyyy-MM-dd'T'HH:mm:ss.SSS'Z'Z).
function formatTime(ms) {
  return new Date(ms + 8 * 3600e3).toISOString().replace('Z', 'Z+0800');
}

function utcDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function byId(list) {
  if (!list) return {};
  if (!Array.isArray(list)) return Object.fromEntries(Object.entries(list).map(([id, v]) => [id, { id, ...v }]));
  return Object.fromEntries(list.map((item) => [item.id, item]));
}

function buildState(fixture, now) {
  const f = structuredClone(fixture);
  const state = {
    projectId: f.projectId,
    startedAt: now,
    projectName: f.projectName || 'cn-north-4', // the region name IAM accepts as scope.project.name
    tokens: f.tokens || [],
    accessKeys: f.accessKeys || [],
    iamUsers: f.iamUsers || [],
    issuedTokens: [], // tokens handed out by POST /v3/auth/tokens: {token, userName, expiresAt}
    akLockouts: {}, // AK -> {failures, lockedUntil}: consecutive failed signatures and lock-out
    workspaces: byId(f.workspaces),
    playbooks: byId(f.playbooks),
    versions: byId(f.versions),
    rules: byId(f.rules),
    instances: byId(f.instances),
    appliedOperations: [],
    retriesToday: { ...(f.retriesToday || {}) },
    retriesDay: utcDay(now),
  };
  for (const rule of Object.values(state.rules)) rule.project_id = rule.project_id || state.projectId;
  for (const inst of Object.values(state.instances)) inst.statusChangedAt = now;
  return state;
}

function endRun(inst, status, at) {
  inst.status = status;
  inst.end_time = formatTime(at);
  inst.statusChangedAt = at;
  delete inst.finishesAfterMs;
}

// No timers: transitional statuses are resolved against the clock whenever state is read,
// so tests with a fake clock stay deterministic.
function evolve(state, now, { retryDurationMs, terminateDurationMs }) {
  for (const inst of Object.values(state.instances)) {
    const status = String(inst.status || '').toUpperCase();
    const since = inst.statusChangedAt ?? state.startedAt;
    if (status === 'RETRYING' && now - since >= retryDurationMs) {
      endRun(inst, String(inst.retryOutcome || 'FINISHED').toUpperCase(), since + retryDurationMs);
    } else if (status === 'TERMINATING' && now - since >= terminateDurationMs) {
      endRun(inst, 'TERMINATED', since + terminateDurationMs);
    } else if (status === 'RUNNING' && inst.finishesAfterMs != null
      && now - state.startedAt >= inst.finishesAfterMs) {
      endRun(inst, String(inst.outcome || 'FINISHED').toUpperCase(), state.startedAt + inst.finishesAfterMs);
    }
  }
  const today = utcDay(now);
  if (state.retriesDay !== today) {
    state.retriesDay = today;
    state.retriesToday = {};
  }
}

function publicInstance(inst) {
  return Object.fromEntries(INSTANCE_FIELDS.filter((k) => k in inst).map((k) => [k, inst[k]]));
}

module.exports = { buildState, evolve, publicInstance, formatTime, utcDay };
