'use strict';
// Alerts and instances that appear, and status changes that happen, at a given simulator time,
// plus the optional demo feed. Like the rest of the state nothing runs on a timer: due events are
// applied in time order whenever state is read, so a fake clock makes them deterministic and the
// real clock lets them trickle in.
const { prng, formatTime, parseTime, compactTime, auditLogsFor, ALERT_TYPES, DATACLASSES } = require('./generate');
const { incidentFromAlerts, linkAlerts } = require('./soc/incidents');
const { HANDLE_STATUSES, CLOSE_REASONS, updateRecord } = require('./soc/dataobjects');
const { put } = require('./records');

const TERMINAL = ['FAILED', 'FINISHED', 'TERMINATED'];
const STATUSES = ['RUNNING', 'RETRYING', 'TERMINATING', ...TERMINAL];
// Mostly what a SOC analyst is paged for, sometimes noise.
const FEED_SEVERITIES = ['High', 'Fatal', 'High', 'Fatal', 'Low'];

const upper = (s) => String(s ?? '').toUpperCase();
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// An instance's audit logs, by its ID. The logs are only ever appended to, so the index catches up
// with the new ones: a storm of thousands of runs ending at once scanned every log once per run,
// which blocked the simulator for seconds (and made its timestamps late) under a load test.
const logIndexes = new WeakMap();
function auditLogsOf(state, instanceId) {
  const logs = state.auditLogs;
  let index = logIndexes.get(logs);
  if (!index) logIndexes.set(logs, (index = { length: 0, byInstance: new Map() }));
  for (; index.length < logs.length; index.length++) {
    const log = logs[index.length];
    const list = index.byInstance.get(log.instance_id);
    if (list) list.push(log);
    else index.byInstance.set(log.instance_id, [log]);
  }
  return index.byInstance.get(instanceId) ?? [];
}

// Also closes the instance's audit logs still RUNNING with the same outcome.
function endRun(state, inst, status, at) {
  inst.status = status;
  inst.end_time = formatTime(at);
  inst.statusChangedAt = at;
  delete inst.finishesAfterMs;
  for (const log of auditLogsOf(state, inst.id)) {
    // Logs of a run in progress are spread over a guessed span; none may lie after its end.
    if (parseTime(log.start_time) > at) log.start_time = log.create_time = inst.end_time;
    if (log.end_time && parseTime(log.end_time) > at) log.end_time = inst.end_time;
    if (log.status !== 'RUNNING') continue;
    log.status = upper(status);
    log.end_time = inst.end_time;
    if (upper(status) === 'FAILED') {
      log.log_level = 'ERROR';
      log.error_msg = `${log.action_name} failed`;
    }
  }
}

// The one model for every status change (operations, forced changes, scheduled ones): a run in
// progress has no end_time, and every end, a second failure after a RETRY included, gets a new one.
// Unknown statuses (only PATCH /__sim/state lets them through) are stored as given.
function applyStatus(state, inst, status, at) {
  const s = upper(status);
  if (TERMINAL.includes(s)) return endRun(state, inst, status, at);
  inst.status = status;
  if (STATUSES.includes(s)) inst.end_time = null;
  inst.statusChangedAt = at;
  delete inst.finishesAfterMs;
}

function checkStatus(status) {
  const s = upper(status);
  if (!STATUSES.includes(s)) throw new Error(`status must be one of ${STATUSES.join(', ')}: ${status}`);
  return s;
}

// `at` (epoch ms or a time parseTime accepts) or `afterMs` (from now); neither = now.
function resolveAt(now, { at, afterMs } = {}) {
  if (at !== undefined && at !== null && afterMs !== undefined && afterMs !== null) throw new Error('give at or afterMs, not both');
  if (afterMs !== undefined && afterMs !== null) {
    if (!Number.isFinite(Number(afterMs))) throw new Error(`afterMs must be a number of milliseconds: ${afterMs}`);
    return now + Number(afterMs);
  }
  if (at === undefined || at === null) return now;
  const ms = typeof at === 'number' ? at : parseTime(String(at));
  if (!Number.isFinite(ms)) throw new Error(`at must be epoch ms or a time like 2026-11-23T12:00:00.000Z+0800: ${at}`);
  return ms;
}

// A time field given as epoch ms or a string; stored in Huawei's format when it was a number.
function timeField(value, name, def) {
  if (value === undefined || value === null) return def;
  if (typeof value === 'number' && Number.isFinite(value)) return formatTime(value);
  if (parseTime(String(value)) === null) throw new Error(`${name} is not a time: ${value}`);
  return String(value);
}

function schedule(state, event) {
  event.seq = ++state.timelineSeq;
  state.timeline.push(event);
}

const pending = (state, kind, id) => state.timeline.find((e) => e.kind === kind && e.record.id === id);

function workspaceOf(state, id) {
  const ws = id === undefined ? Object.values(state.workspaces)[0] : state.workspaces[id];
  if (!ws) throw new Error(`unknown workspace: ${id}`);
  return ws.id;
}

function checkNewId(state, kind, id, taken) {
  if (typeof id !== 'string' || !id) throw new Error(`${kind} id must be a non-empty string: ${JSON.stringify(id)}`);
  const store = kind === 'alert' ? state.alerts : state.instances;
  if (store[id] || pending(state, kind, id) || taken.has(id)) throw new Error(`${kind} already exists: ${id}`);
  taken.add(id);
  return id;
}

// Default IDs and names come from a counter kept in the state, so the same calls after a reset
// give the same records.
function nextId(state, kind) {
  const n = ++state.addedCount;
  return [prng(`added:${kind}:${n}`).uuid(), n];
}

function buildAlert(state, partial, at, taken) {
  if (!isObject(partial)) throw new Error('each alert must be an object');
  const given = partial.data_object || {};
  if (!isObject(given)) throw new Error('data_object must be an object');
  const [genId, n] = nextId(state, 'alert');
  const id = checkNewId(state, 'alert', partial.id ?? given.id ?? genId, taken);
  const create = timeField(partial.create_time, 'create_time', formatTime(at));
  const update = timeField(partial.update_time, 'update_time', create);
  const [category, alertType] = ALERT_TYPES[(n - 1) % ALERT_TYPES.length];
  return {
    id, workspace_id: workspaceOf(state, partial.workspace_id), create_time: create, update_time: update,
    data_object: {
      id, version: '1.0', title: `Simulated alert ${n}`, description: `${alertType} (simulated)`, severity: 'Medium',
      handle_status: 'Open', alert_type: { category, alert_type: alertType }, confidence: 60, count: 1,
      verification_state: 'Unknown', data_source: { product_name: 'Simulator', source_type: 1 },
      first_observed_time: create, last_observed_time: update, create_time: create, update_time: update, ...given,
    },
  };
}

function findPlaybook(state, ref, wsId, preferAlert) {
  const all = Object.values(state.playbooks);
  if (ref === undefined || ref === null) {
    const inWs = all.filter((p) => p.workspace_id === wsId);
    return (preferAlert && inWs.find((p) => upper(p.dataclass_name) === 'ALERT')) || inWs[0] || null;
  }
  const key = isObject(ref) ? ref.id : ref;
  const pb = state.playbooks[key] || (!isObject(ref) && all.find((p) => upper(p.name) === upper(ref)));
  if (!pb && !isObject(ref)) throw new Error(`unknown playbook (id or name): ${ref}`);
  return pb || null;
}

function buildInstance(state, partial, at, taken) {
  if (!isObject(partial)) throw new Error('each instance must be an object');
  const [genId, n] = nextId(state, 'instance');
  const id = checkNewId(state, 'instance', partial.id ?? genId, taken);
  let alert = null;
  if (partial.alertId !== undefined) {
    alert = state.alerts[partial.alertId] || pending(state, 'alert', partial.alertId)?.record;
    if (!alert) throw new Error(`unknown alert: ${partial.alertId}`);
  }
  const refPb = isObject(partial.playbook) ? state.playbooks[partial.playbook.id] : null;
  const wsId = workspaceOf(state, partial.workspace_id ?? alert?.workspace_id
    ?? (typeof partial.playbook === 'string' ? state.playbooks[partial.playbook]?.workspace_id : refPb?.workspace_id));
  const pb = findPlaybook(state, partial.playbook, wsId, Boolean(alert));
  const version = pb && state.versions[pb.version_id];
  const playbook = {
    id: pb?.id ?? null, version_id: pb?.version_id ?? null, name: pb?.name ?? null, version: version?.version ?? null,
    ...(isObject(partial.playbook) ? partial.playbook : {}),
  };
  const status = checkStatus(partial.status ?? 'RUNNING');
  const start = timeField(partial.start_time, 'start_time', formatTime(at));
  const dataclassName = pb?.dataclass_name || 'Alert';
  return {
    id, workspace_id: wsId, name: partial.name ?? `${playbook.name || 'Simulated playbook'}-${compactTime(parseTime(start))}`,
    project_id: state.projectId, playbook,
    dataclass: partial.dataclass ?? { id: pb?.dataclass_id ?? DATACLASSES[dataclassName] ?? null, name: dataclassName },
    dataobject: partial.dataobject ?? (alert ? { id: alert.id, name: alert.data_object?.title ?? alert.id }
      : { id: prng(`added:dataobject:${n}`).uuid(), name: `Simulated data object ${n}` }),
    status, trigger_type: partial.trigger_type ?? version?.trigger_type ?? 'EVENT',
    start_time: start,
    end_time: TERMINAL.includes(status) ? timeField(partial.end_time, 'end_time', formatTime(at)) : null,
    retryOutcome: checkStatus(partial.retryOutcome ?? 'FINISHED'),
    statusChangedAt: at, // RETRYING/TERMINATING ones end after their duration from here
  };
}

const publicOf = (record, fields) => structuredClone(Object.fromEntries(fields.filter((k) => k in record).map((k) => [k, record[k]])));
const ALERT_FIELDS = ['id', 'create_time', 'update_time', 'workspace_id', 'data_object'];
const INSTANCE_FIELDS = ['id', 'name', 'project_id', 'playbook', 'dataclass', 'dataobject', 'status', 'trigger_type',
  'start_time', 'end_time'];

// All records are built (and checked) before any is scheduled, so a bad one adds nothing.
function addRecords(state, now, kind, list, when) {
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  if (!items.length) throw new Error(`give at least one ${kind}`);
  const at = resolveAt(now, when);
  const taken = new Set();
  const build = kind === 'alert' ? buildAlert : buildInstance;
  const counter = state.addedCount;
  let records;
  try {
    records = items.map((p) => build(state, p, at, taken));
  } catch (err) {
    state.addedCount = counter;
    throw err;
  }
  for (const record of records) schedule(state, { kind, at, record });
  return { at, records: records.map((r) => publicOf(r, kind === 'alert' ? ALERT_FIELDS : INSTANCE_FIELDS)) };
}

function addAlerts(state, now, alerts, when) {
  const { at, records } = addRecords(state, now, 'alert', alerts, when);
  return { at, alerts: records };
}

function addInstances(state, now, instances, when) {
  const { at, records } = addRecords(state, now, 'instance', instances, when);
  return { at, instances: records };
}

function setInstanceStatus(state, now, id, status, when) {
  const s = checkStatus(status);
  const at = resolveAt(now, when);
  const appears = pending(state, 'instance', id);
  if (!state.instances[id] && !appears) throw new Error(`unknown instance: ${id}`);
  if (appears && at < appears.at) throw new Error(`instance ${id} appears only at ${new Date(appears.at).toISOString()}`);
  schedule(state, { kind: 'status', at, id, status: s });
  return { at, id, status: s, end_time: TERMINAL.includes(s) ? formatTime(at) : null };
}

// An alert's or incident's handle_status changes at `when`, as an analyst's update would: through the
// same partial update (update_time moves, closing stamps close_time and needs a close_reason,
// Resolved unless given; reopening clears them).
function setHandleStatus(state, now, object, id, status, when, closeReason) {
  if (object !== 'alert' && object !== 'incident') throw new Error(`object must be alert or incident: ${object}`);
  if (!HANDLE_STATUSES.includes(status)) throw new Error(`status must be one of ${HANDLE_STATUSES.join(', ')}: ${status}`);
  if (closeReason !== undefined && closeReason !== null && !CLOSE_REASONS.includes(closeReason)) {
    throw new Error(`closeReason must be one of ${CLOSE_REASONS.join(', ')}: ${closeReason}`);
  }
  const at = resolveAt(now, when);
  const store = object === 'alert' ? state.alerts : state.soc.incidents;
  const appears = state.timeline.find((e) => e.kind === object && e.record.id === id);
  if (!store[id] && !appears) throw new Error(`unknown ${object}: ${id}`);
  if (appears && at < appears.at) throw new Error(`${object} ${id} appears only at ${new Date(appears.at).toISOString()}`);
  schedule(state, { kind: 'handle', at, object, id, status, closeReason: closeReason ?? undefined });
  return { at, object, id, handle_status: status, update_time: formatTime(at) };
}

function applyHandleStatus(state, e) {
  const record = (e.object === 'alert' ? state.alerts : state.soc.incidents)[e.id];
  if (!record) return; // deleted before its change was due
  const changes = { handle_status: e.status };
  if (e.status === 'Closed') changes.close_reason = e.closeReason ?? record.data_object?.close_reason ?? 'Resolved';
  const commit = updateRecord(record, changes, formatTime(e.at));
  if (typeof commit === 'function') commit();
}

// ---- demo feed ------------------------------------------------------------------------------

// {everyMs, runMs?, max?} or null. runMs: how long each feed instance runs before it fails.
function normalizeFeed(feed) {
  if (feed === undefined || feed === null || feed === false) return null;
  if (!isObject(feed)) throw new Error('feed must be an object like {everyMs: 20000}');
  const everyMs = Number(feed.everyMs);
  if (!Number.isFinite(everyMs) || everyMs < 1) throw new Error(`feed.everyMs must be a positive number of milliseconds: ${feed.everyMs}`);
  const runMs = feed.runMs === undefined ? Math.min(5000, Math.floor(everyMs / 2)) : Number(feed.runMs);
  if (!Number.isFinite(runMs) || runMs < 0) throw new Error(`feed.runMs must be 0 or more milliseconds: ${feed.runMs}`);
  const max = feed.max === undefined || feed.max === null ? null : Number(feed.max);
  if (max !== null && (!Number.isInteger(max) || max < 0)) throw new Error(`feed.max must be a whole number: ${feed.max}`);
  return { everyMs, runMs, max };
}

// Every other Low alert comes from the noisy detector and every other High one from a production
// host: the records the ready-made close-false-positives and escalate workflows act on. A separate
// seed, so the tick's other records stay as they were.
function feedOrigin(k, severity) {
  const half = prng(`feed:${k}:origin`).int(2) === 0;
  if (severity === 'Low' && half) return { data_source: { product_name: 'Demo feed', product_feature: 'legacy-ids', source_type: 1 } };
  if (severity === 'High' && half) return { labels: 'production' };
  return {};
}

// Tick k (1, 2, …) at origin + k·everyMs: an alert (a Fatal one also becomes an incident), and an
// instance of an enabled Alert playbook of the first workspace for it that starts then and fails
// runMs later (RETRY gives FINISHED). Each
// tick has its own seed, so the records do not depend on when the state is read.
function feedTick(state, k, t, runMs) {
  const r = prng(`feed:${k}`);
  const ws = Object.values(state.workspaces)[0];
  const [category, alertType] = r.pick(ALERT_TYPES);
  const src = `203.0.113.${1 + r.int(254)}`;
  const severity = r.pick(FEED_SEVERITIES);
  const taken = new Set();
  const alert = buildAlert(state, {
    id: r.uuid(), workspace_id: ws.id,
    data_object: {
      title: `${alertType} from ${src}`, description: `${alertType} seen by the demo feed (tick ${k})`, severity,
      alert_type: { category, alert_type: alertType }, confidence: severity === 'Low' ? 40 : 80 + r.int(20),
      data_source: { product_name: 'Demo feed', source_type: 1 },
      network_list: [{ src_ip: src, dest_ip: `192.168.0.${1 + r.int(254)}`, dest_port: 443, protocol: 'TCP' }],
      ...feedOrigin(k, severity),
    },
  }, t, taken);
  schedule(state, { kind: 'alert', at: t, record: alert });
  if (severity === 'Fatal') {
    // A separate seed, so the incident leaves the tick's other records as they were.
    const incident = incidentFromAlerts(state, [alert], { title: `Incident: ${alert.data_object.title}` }, formatTime(t),
      prng(`feed:${k}:incident`).uuid());
    schedule(state, { kind: 'incident', at: t, record: incident });
  }
  const inWs = Object.values(state.playbooks).filter((p) => p.workspace_id === ws.id);
  const candidates = inWs.filter((p) => p.enabled && upper(p.dataclass_name) === 'ALERT');
  const pb = r.pick(candidates.length ? candidates : inWs);
  if (!pb) return;
  const inst = buildInstance(state, {
    id: r.uuid(), playbook: pb.id, alertId: alert.id, status: runMs ? 'RUNNING' : 'FAILED',
  }, t, taken);
  schedule(state, { kind: 'instance', at: t, record: inst });
  if (runMs) schedule(state, { kind: 'status', at: t + runMs, id: inst.id, status: 'FAILED' });
}

function materializeFeed(state, now) {
  const f = state.feed;
  if (!f) return;
  while ((f.max === null || f.ticks < f.max) && f.origin + (f.ticks + 1) * f.everyMs <= now) {
    f.ticks++;
    const counter = state.addedCount; // feed records must not shift the IDs of added ones
    feedTick(state, f.ticks, f.origin + f.ticks * f.everyMs, f.runMs);
    state.addedCount = counter;
  }
}

// `settle(t)` brings the running/retrying instances up to time t, so a scheduled change lands
// after everything that happened before it.
function applyDue(state, now, settle) {
  materializeFeed(state, now);
  if (!state.timeline.length) return;
  const due = state.timeline.filter((e) => e.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
  if (!due.length) return;
  state.timeline = state.timeline.filter((e) => e.at > now);
  let settled = null;
  for (const e of due) {
    if (e.at !== settled) settle(e.at); // one scan per distinct time: a caught-up feed has many events
    settled = e.at;
    if (e.kind === 'alert') put(state.alerts, e.record);
    else if (e.kind === 'incident') {
      state.soc.incidents[e.record.id] = e.record;
      linkAlerts(state, e.record);
    } else if (e.kind === 'instance') {
      put(state.instances, e.record);
      state.auditLogs.push(...auditLogsFor(e.record));
    } else if (e.kind === 'handle') applyHandleStatus(state, e);
    else if (state.instances[e.id]) applyStatus(state, state.instances[e.id], e.status, e.at);
  }
}

module.exports = {
  endRun, applyStatus, applyDue, addAlerts, addInstances, setInstanceStatus, setHandleStatus, normalizeFeed, TERMINAL, STATUSES,
};
