'use strict';
// Deterministic data: audit logs for every instance and the `bulk` records for paging tests.
// Everything comes from a seeded PRNG, so the same fixture + options + anchor give the same
// records on every build (start and reset()).

// 32-bit FNV-1a, to turn a string into a PRNG seed.
function hashString(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// mulberry32: small, fast, good enough for test data. Returns a function like Math.random.
function prng(seed) {
  let a = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n); // 0..n-1
  next.pick = (list) => list[next.int(list.length)];
  next.uuid = () => {
    let hex = '';
    for (let i = 0; i < 32; i++) hex += next.int(16).toString(16);
    const variant = (8 + next.int(4)).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return next;
}

// Huawei writes times as Beijing wall-clock time, a literal 'Z', then the offset
// (seed: "2021-01-30T23:00:00Z+0800"; list filter format yyyy-MM-dd'T'HH:mm:ss.SSS'Z'Z).
function formatTime(ms) {
  return new Date(ms + 8 * 3600e3).toISOString().replace('Z', 'Z+0800');
}

function compactTime(ms) { // 20261123120501, as in the instance names
  return formatTime(ms).slice(0, 19).replace(/\D/g, '');
}

// Parses SecMaster's `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'Z` (wall-clock time in the trailing offset, the
// 'Z' is a literal) and plain ISO 8601 (`2026-11-22T00:00:00Z`, `…+08:00`, `2026-11-22`). An ISO
// time without an offset is taken as UTC. Returns epoch ms or null.
function parseTime(value) {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z?)(?:([+-])(\d{2}):?(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '0', , sign, oh, om] = m;
  const n = [y, mo, d, hh, mi, ss].map(Number);
  if (n[1] < 1 || n[1] > 12 || n[2] < 1 || n[3] > 23 || n[4] > 59 || n[5] > 59) return null;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(n[0], n[1] - 1, n[2], n[3], n[4], n[5], ms);
  if (new Date(wall).getUTCDate() !== n[2]) return null; // 2026-02-30
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60e3 : 0;
  if (sign && (Number(oh) > 23 || Number(om) > 59)) return null;
  return wall - offset;
}

// ---- audit logs ---------------------------------------------------------------------------

const ACTIONS = {
  Alert: ['Get alert details', 'Query threat intelligence', 'Add IP to WAF blacklist', 'Update alert status',
    'Send SMN notification', 'Collect baseline results'],
  Incident: ['Get incident details', 'Isolate ECS', 'Snapshot EVS disks', 'Create ITSM ticket', 'Send SMN notification'],
};
const AUDIT_FIELDS = ['id', 'instance_id', 'instance_type', 'action_id', 'action_name', 'status', 'start_time',
  'end_time', 'input', 'output', 'error_msg', 'log_level', 'parent_instance_id'];

// A few logs per instance, one per executed action of the playbook run. The last action carries
// the instance's outcome: FAILED (with error_msg), RUNNING (end_time null), TERMINATED.
// `create_time` (= start_time) is kept for sorting and not returned by the API.
function auditLogsFor(inst, count) {
  const r = prng(`audit:${inst.id}`);
  const n = count ?? 2 + r.int(3);
  const actions = ACTIONS[inst.dataclass?.name] || ACTIONS.Alert;
  const start = parseTime(inst.start_time) ?? 0;
  const end = parseTime(inst.end_time);
  const status = String(inst.status || '').toUpperCase();
  const last = { FAILED: 'FAILED', RUNNING: 'RUNNING', RETRYING: 'RUNNING', TERMINATED: 'TERMINATED', TERMINATING: 'RUNNING' }[status] || 'FINISHED';
  const span = end !== null && end > start ? end - start : n * 4000;
  const logs = [];
  for (let k = 0; k < n; k++) {
    const from = start + Math.floor((span * k) / n);
    const isLast = k === n - 1;
    const st = isLast ? last : 'FINISHED';
    const to = st === 'RUNNING' ? null : isLast && end !== null ? end : start + Math.floor((span * (k + 1)) / n);
    const action = actions[(k + r.int(actions.length)) % actions.length];
    logs.push({
      id: r.uuid(), instance_id: inst.id, instance_type: 'playbook', action_id: r.uuid(), action_name: action,
      status: st, start_time: formatTime(from), end_time: to === null ? null : formatTime(to),
      input: JSON.stringify({ dataobject_id: inst.dataobject?.id ?? null, step: k + 1 }),
      output: st === 'FINISHED' ? JSON.stringify({ result: 'success' }) : '',
      error_msg: st === 'FAILED' ? `${action} failed: connection to the target service timed out` : '',
      log_level: st === 'FAILED' ? 'ERROR' : 'INFO',
      parent_instance_id: null,
      workspace_id: inst.workspace_id, create_time: formatTime(from),
    });
  }
  return logs;
}

function operationLog(inst, operation, now) {
  const time = formatTime(now);
  return {
    id: prng(`op:${inst.id}:${now}:${operation}`).uuid(), instance_id: inst.id, instance_type: 'playbook',
    action_id: null, action_name: operation === 'RETRY' ? 'Retry playbook instance' : 'Terminate playbook instance',
    status: 'FINISHED', start_time: time, end_time: time, input: JSON.stringify({ operation }),
    output: JSON.stringify({ status: inst.status }), error_msg: '', log_level: 'INFO', parent_instance_id: null,
    workspace_id: inst.workspace_id, create_time: time,
  };
}

// ---- bulk records -------------------------------------------------------------------------

const BULK_KINDS = ['instances', 'playbooks', 'alerts', 'auditLogs'];
const MAX_BULK = 100000;
const DAY = 86400e3;
const SEVERITIES = ['Tips', 'Low', 'Medium', 'High', 'Fatal'];
const HANDLE_STATUSES = ['Open', 'Block', 'Closed'];
const ALERT_TYPES = [['Brute force', 'SSH brute force'], ['Network scan', 'Port scan'], ['Web attack', 'SQL injection'],
  ['Web attack', 'XSS'], ['Malware', 'Cryptomining'], ['Phishing', 'Phishing mail'], ['Abnormal login', 'Unusual location']];
// Weighted so every status shows up in a page of 10: FAILED often, as the node's retry use case needs.
const INSTANCE_STATUSES = ['FINISHED', 'FINISHED', 'FAILED', 'FAILED', 'RUNNING', 'TERMINATED', 'FINISHED', 'FAILED'];
const DATACLASSES = {
  Alert: '9fffec7f-8627-44ca-9723-176d192a6447',
  Incident: '3638c59f-c5f0-4554-b01c-32f4990067ec',
};

function normalizeBulk(bulk) {
  if (bulk === undefined || bulk === null) return {};
  if (typeof bulk !== 'object' || Array.isArray(bulk)) throw new Error('bulk must be an object like {instances: 500}');
  const out = {};
  for (const [k, v] of Object.entries(bulk)) {
    if (k === 'anchor') continue;
    if (!BULK_KINDS.includes(k)) throw new Error(`unknown bulk kind: ${k} (expected ${BULK_KINDS.join(', ')})`);
    if (v === undefined || v === null) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > MAX_BULK) throw new Error(`bulk.${k} must be an integer 0..${MAX_BULK}: ${v}`);
    if (n) out[k] = n;
  }
  return out;
}

const pad = (i, total) => String(i).padStart(Math.max(3, String(total).length), '0');

// Adds the generated records to `state` (first workspace). `anchor` (epoch ms) is "now" for the
// spread over the last 7 days; the simulator passes its clock at createSimulator() time so reset()
// rebuilds the same records even after the clock moved.
function addBulk(state, bulk, anchorMs) {
  const ws = Object.values(state.workspaces)[0];
  const anchor = Math.floor(anchorMs / 1000) * 1000;
  const sec = (r, maxMs) => 1000 * r.int(Math.floor(maxMs / 1000)); // whole seconds: tidy times
  if (!ws || !Object.keys(bulk).length) return;
  const projectId = state.projectId;

  if (bulk.playbooks) {
    const r = prng('bulk:playbooks');
    for (let i = 1; i <= bulk.playbooks; i++) {
      const id = r.uuid();
      const versionId = r.uuid();
      const ruleId = r.uuid();
      const dataclass = r.int(4) === 0 ? 'Incident' : 'Alert';
      const created = anchor - 30 * DAY + sec(r, 23 * DAY);
      const trigger = r.int(5) === 0 ? 'TIMER' : 'EVENT';
      state.playbooks[id] = {
        id, workspace_id: ws.id, name: `Generated playbook ${pad(i, bulk.playbooks)}`,
        description: `Generated for paging tests (${i % 2 ? 'odd' : 'even'})`, enabled: r.int(3) !== 0,
        version_id: versionId, dataclass_name: dataclass, dataclass_id: DATACLASSES[dataclass],
        create_time: formatTime(created), update_time: formatTime(created + sec(r, 5 * DAY)),
      };
      state.versions[versionId] = {
        id: versionId, playbook_id: id, version: 'v1.0.0', description: 'Generated version', trigger_type: trigger,
        rule_id: ruleId, status: 'PUBLISHED', enabled: state.playbooks[id].enabled, version_type: 1,
        dataclass_id: DATACLASSES[dataclass], create_time: formatTime(created), update_time: formatTime(created),
      };
      state.rules[ruleId] = {
        id: ruleId, version_id: versionId, project_id: projectId,
        rule: trigger === 'TIMER'
          ? { cron: '0 0 3 * * ?', schedule_type: 'day', start_type: 'IMMEDIATELY', end_type: 'FOREVER', only_once: false, execution_type: 'PARALLEL' }
          : { expression_type: 'common', conditions: [{ name: 'condition_0', detail: 'severity', data: ['severity', '==', r.pick(SEVERITIES)] }], logics: ['condition_0'] },
      };
    }
  }

  if (bulk.instances) {
    const r = prng('bulk:instances');
    const playbooks = Object.values(state.playbooks).filter((p) => p.workspace_id === ws.id);
    for (let i = 1; i <= bulk.instances; i++) {
      const pb = playbooks.length ? r.pick(playbooks) : null;
      const version = pb && state.versions[pb.version_id];
      const status = r.pick(INSTANCE_STATUSES);
      const start = anchor - 1000 - sec(r, 7 * DAY - 60e3); // within the last 7 days, all in the past
      const end = status === 'RUNNING' ? null : start + 5000 + sec(r, 10 * 60e3);
      const id = r.uuid();
      const dataclass = pb?.dataclass_name || 'Alert';
      state.instances[id] = {
        id, workspace_id: ws.id, name: `${pb ? pb.name : 'Generated playbook'}-${compactTime(start)}`,
        project_id: projectId,
        playbook: { id: pb?.id ?? null, version_id: pb?.version_id ?? null, name: pb?.name ?? null, version: version?.version ?? null },
        dataclass: { id: DATACLASSES[dataclass] || DATACLASSES.Alert, name: dataclass },
        dataobject: { id: r.uuid(), name: `Generated data object ${pad(i, bulk.instances)}` },
        status, trigger_type: version?.trigger_type || 'EVENT',
        start_time: formatTime(start), end_time: end === null ? null : formatTime(end),
        retryOutcome: 'FINISHED', generated: true,
      };
    }
  }

  if (bulk.alerts) {
    const r = prng('bulk:alerts');
    for (let i = 1; i <= bulk.alerts; i++) {
      const id = r.uuid();
      const created = anchor - 1000 - sec(r, 7 * DAY - 60e3);
      const updated = created + sec(r, DAY);
      const severity = SEVERITIES[(i - 1) % SEVERITIES.length];
      const handle = HANDLE_STATUSES[r.int(HANDLE_STATUSES.length)];
      const [category, alertType] = r.pick(ALERT_TYPES);
      state.alerts[id] = {
        id, workspace_id: ws.id, create_time: formatTime(created), update_time: formatTime(updated),
        data_object: {
          id, version: '1.0', title: `Generated alert ${pad(i, bulk.alerts)}`, description: `${alertType} (generated)`,
          severity, handle_status: handle, alert_type: { category, alert_type: alertType },
          confidence: 20 + 15 * SEVERITIES.indexOf(severity), count: 1 + r.int(50),
          verification_state: 'Unknown', data_source: { product_name: 'Generated', source_type: 1 },
          network_list: [{ src_ip: `198.51.100.${1 + r.int(254)}`, dest_ip: `192.168.0.${1 + r.int(254)}`, dest_port: 443, protocol: 'TCP' }],
          first_observed_time: formatTime(created), last_observed_time: formatTime(updated),
          create_time: formatTime(created), update_time: formatTime(updated),
        },
      };
    }
  }
}

// Extra audit logs on random instances of the first workspace (after the per-instance logs).
function addBulkAuditLogs(state, bulk, anchorMs) {
  const ws = Object.values(state.workspaces)[0];
  const anchor = Math.floor(anchorMs / 1000) * 1000;
  const sec = (r, maxMs) => 1000 * r.int(Math.floor(maxMs / 1000));
  if (ws && bulk.auditLogs) {
    const r = prng('bulk:auditLogs');
    const instances = Object.values(state.instances).filter((i) => i.workspace_id === ws.id);
    for (let i = 1; i <= bulk.auditLogs && instances.length; i++) {
      const inst = r.pick(instances);
      const [log] = auditLogsFor({ ...inst, id: `${inst.id}:${i}`, status: 'FINISHED' }, 1);
      const start = anchor - 1000 - sec(r, 7 * DAY - 60e3);
      Object.assign(log, {
        id: r.uuid(), instance_id: inst.id, action_name: `Generated action ${pad(i, bulk.auditLogs)}`,
        start_time: formatTime(start), end_time: formatTime(start + 1000 + sec(r, 60e3)), create_time: formatTime(start),
      });
      state.auditLogs.push(log);
    }
  }
}

module.exports = {
  prng, hashString, formatTime, parseTime, compactTime, auditLogsFor, operationLog, addBulk, addBulkAuditLogs,
  normalizeBulk, AUDIT_FIELDS, BULK_KINDS, SEVERITIES, HANDLE_STATUSES, ALERT_TYPES, DATACLASSES,
};
