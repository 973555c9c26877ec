'use strict';
// AOP workflows, their versions, and workflow instances that move through their statuses over
// simulated time. Nothing runs on a timer: settleWorkflows() brings instances up to the clock
// whenever state is read (state.js evolve), like playbook instances.
const { randomUUID } = require('node:crypto');
const { CODES, secError } = require('../errors');
const { formatTime, parseTime, compactTime } = require('../generate');
const c = require('./common');

const WORKFLOWS = [...c.WS, 'workflows'];
const INSTANCES = [...WORKFLOWS, 'instances'];
const TERMINAL = ['FINISHED', 'FAILED', 'TERMINATED'];
const RESULTS = ['FINISHED', 'FAILED', 'HANG'];
const COMMANDS = ['ActionInstanceTerminateCommand', 'ActionInstanceRetryCommand', 'ActionInstanceDebugCommand'];
const VERSION_STATUSES = ['pending_submit', 'pending_approval', 'publishing', 'publish_failed', 'not_activated', 'activated', 'rejected'];
const DEFAULT_RUN_MS = 3000;
const MAX_RETRIES_PER_DAY = 100;
const INSTANCE_FIELDS = ['id', 'name', 'workflow', 'dataclass', 'playbook', 'trigger_type', 'status', 'start_time',
  'end_time', 'retry_count', 'defense_id', 'dataobject_id'];
const WORKFLOW_FIELDS = ['id', 'name', 'description', 'project_id', 'owner_id', 'creator_id', 'creator_name', 'create_time',
  'modifier_id', 'modifier_name', 'update_time', 'edit_role', 'use_role', 'approve_role', 'enabled', 'workspace_id',
  'version_id', 'current_approval_version_id', 'current_rejected_version_id', 'aop_type', 'engine_type', 'dataclass_id',
  'dataclass_name', 'labels', 'version'];
const VERSION_FIELDS = ['id', 'version_id', 'name', 'aopworkflow_id', 'description', 'project_id', 'owner_id', 'creator_id',
  'creator_name', 'create_time', 'modifier_id', 'modifier_name', 'update_time', 'enabled', 'status', 'version', 'aop_type',
  'dataclass_id', 'dataclass_name', 'workspace_id', 'taskconfig', 'taskflow', 'taskflow_type', 'input', 'output'];

const pick = (o, fields) => structuredClone(Object.fromEntries(fields.map((k) => [k, o[k] ?? null])));
const workflowNotFound = (id) => secError(400, 'SecMaster.20040611', `Workflow not found: ${id}`); // handled by Terraform
const instanceNotFound = (id) => secError(404, CODES.INSTANCE_NOT_FOUND, `Workflow instance not found: ${id}`);
const single = (v) => (Array.isArray(v) ? v[0] : v);
const utcDayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

// {result: FINISHED | FAILED | HANG, afterMs?, action?, retryResult?}: how a run ends. `action`
// names the action it fails or hangs at (default: the last one).
function checkPlan(plan, actions) {
  if (!c.isObject(plan)) throw new Error('outcome must be an object like {result: "FAILED", action: "Block IP"}');
  const result = String(plan.result ?? 'FINISHED').toUpperCase();
  if (!RESULTS.includes(result)) throw new Error(`outcome.result must be one of ${RESULTS.join(', ')}: ${plan.result}`);
  const afterMs = plan.afterMs === undefined ? DEFAULT_RUN_MS : Number(plan.afterMs);
  if (!Number.isFinite(afterMs) || afterMs < 0) throw new Error(`outcome.afterMs must be 0 or more milliseconds: ${plan.afterMs}`);
  const at = plan.action === undefined ? actions.length - 1 : actions.indexOf(plan.action);
  if (at < 0) throw new Error(`outcome.action is not an action of the workflow: ${plan.action} (actions: ${actions.join(', ')})`);
  const retryResult = String(plan.retryResult ?? 'FINISHED').toUpperCase();
  if (!['FINISHED', 'FAILED'].includes(retryResult)) throw new Error(`outcome.retryResult must be FINISHED or FAILED: ${plan.retryResult}`);
  return { result, afterMs, at, retryResult };
}

const wfOf = (state, params, id) => {
  const w = state.soc.workflows[id];
  return w && w.workspace_id === params.workspace_id ? w : null;
};
const instOf = (state, params, id) => {
  const i = state.soc.workflowInstances[id];
  return i && i.workspace_id === params.workspace_id ? i : null;
};

function queryInt(query, name, min, max, def) {
  const raw = single(query[name]);
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    return c.invalid(`Parameter ${name} is invalid: ${raw} (expected an integer ${min}..${max})`);
  }
  return Number(raw);
}

function queryChoice(query, name, choices, def, caseless = true) {
  const raw = single(query[name]);
  if (raw === undefined || raw === '') return def;
  const v = caseless ? String(raw).toUpperCase() : raw;
  return choices.includes(v) ? v : c.invalid(`Parameter ${name} is invalid: ${raw} (expected one of ${choices.join(', ')})`);
}

// ---- workflows and versions -------------------------------------------------------------------

function listWorkflows({ state, params, query, requestId }) {
  const offset = queryInt(query, 'offset', 0, 10000, 0);
  if (c.isError(offset)) return offset;
  const limit = queryInt(query, 'limit', 1, 100, 10); // list_workflows_request.py: 1..100
  if (c.isError(limit)) return limit;
  const order = queryChoice(query, 'order', ['ASC', 'DESC'], 'DESC');
  if (c.isError(order)) return order;
  const sortby = queryChoice(query, 'sortby', ['create_time', 'update_time'], 'create_time', false);
  if (c.isError(sortby)) return sortby;
  const enabled = queryChoice(query, 'enabled', ['TRUE', 'FALSE'], undefined);
  if (c.isError(enabled)) return enabled;
  const aopType = queryChoice(query, 'aop_type', ['NORMAL', 'SURVEY', 'HEMOSTASIS', 'EASE'], undefined);
  if (c.isError(aopType)) return aopType;
  const has = (k, v) => single(query[k]) === undefined || String(v ?? '').toLowerCase().includes(String(single(query[k])).toLowerCase());
  const same = (k, v) => single(query[k]) === undefined || single(query[k]) === v;
  const all = c.sortByTime(Object.values(state.soc.workflows).filter((w) => w.workspace_id === params.workspace_id
    && (enabled === undefined || String(w.enabled).toUpperCase() === enabled) && (aopType === undefined || w.aop_type === aopType)
    && has('name', w.name) && has('description', w.description) && same('dataclass_id', w.dataclass_id)
    && same('dataclass_name', w.dataclass_name)), (w) => w[sortby], order);
  const p = c.page(all, offset, limit, (w) => pick(w, WORKFLOW_FIELDS));
  return c.ok({ code: c.OK, message: '', success: true, request_id: requestId, total: p.total, offset, limit, size: p.size, page: p.page, data: p.data });
}

function getWorkflow({ state, params, requestId }) {
  const w = wfOf(state, params, params.workflow_id);
  if (!w) return workflowNotFound(params.workflow_id);
  return c.ok({ code: c.OK, message: '', success: true, request_id: requestId, data: pick(w, WORKFLOW_FIELDS) });
}

// No paging parameters (SDK); the answer carries the paging fields anyway.
function listWorkflowVersions({ state, params, query, requestId }) {
  const w = wfOf(state, params, params.workflow_id);
  if (!w) return workflowNotFound(params.workflow_id);
  const status = queryChoice(query, 'status', VERSION_STATUSES, undefined, false);
  if (c.isError(status)) return status;
  const all = c.sortByTime(Object.values(state.soc.workflowVersions)
    .filter((v) => v.aopworkflow_id === w.id && (status === undefined || v.status === status)), (v) => v.create_time, 'DESC');
  return c.ok({
    code: c.OK, message: '', success: true, request_id: requestId, total: all.length, offset: 0, limit: all.length,
    size: all.length, page: 1, data: all.map((v) => pick(v, VERSION_FIELDS)),
  });
}

// ---- instances ---------------------------------------------------------------------------------

function actionsOf(state, inst) {
  return state.soc.workflowVersions[inst.workflow.version_id]?.actions ?? ['Run workflow'];
}

function endRun(inst, status, at) {
  inst.status = status;
  inst.end_time = formatTime(at);
  inst.statusChangedAt = at;
}

function settleWorkflows(state, now, { retryDurationMs, terminateDurationMs }) {
  for (const inst of Object.values(state.soc.workflowInstances)) {
    const since = inst.statusChangedAt;
    if (inst.status === 'RUNNING' && inst.plan.result !== 'HANG' && now - inst.runStartedAt >= inst.plan.afterMs) {
      endRun(inst, inst.plan.result, inst.runStartedAt + inst.plan.afterMs);
    } else if (inst.status === 'RETRYING' && now - since >= retryDurationMs) {
      endRun(inst, inst.plan.retryResult, since + retryDurationMs);
      inst.retried = true;
    } else if (inst.status === 'TERMINATING' && now - since >= terminateDurationMs) {
      endRun(inst, 'TERMINATED', since + terminateDurationMs);
    }
  }
}

// The run's actions as topology audit logs, spread evenly over the run: done ones FINISHED, the
// one it is at RUNNING (FAILED when the run failed there, or was terminated there).
function topology(state, inst, now) {
  const actions = actionsOf(state, inst);
  const n = actions.length;
  const span = inst.plan.afterMs;
  const t0 = inst.runStartedAt;
  const reached = Math.min(n - 1, Math.floor(((now - t0) * n) / (span || 1)));
  let done;
  let last;
  switch (inst.status) {
    case 'FINISHED': done = n; break;
    case 'FAILED': done = inst.plan.at; last = 'FAILED'; break;
    case 'RETRYING': done = inst.plan.at; last = 'RUNNING'; break;
    case 'TERMINATING': done = inst.stopAt; last = 'RUNNING'; break;
    case 'TERMINATED': done = inst.stopAt; last = 'FAILED'; break;
    default: done = inst.plan.result === 'HANG' ? Math.min(reached, inst.plan.at) : reached; last = 'RUNNING';
  }
  const logs = [];
  const time = (k) => formatTime(t0 + Math.floor((span * k) / n));
  for (let k = 0; k < Math.min(n, done + (last ? 1 : 0)); k++) {
    const status = k < done ? 'FINISHED' : last;
    const failed = status === 'FAILED';
    logs.push({
      instance_type: 'TASK', action_id: `${inst.workflow.version_id}:${k}`, action_name: actions[k],
      start_time: time(k), end_time: status === 'RUNNING' ? null : failed ? inst.end_time : time(k + 1),
      error_msg: failed ? (inst.status === 'TERMINATED' ? 'Terminated by user' : `${actions[k]} failed`) : '',
      input: JSON.stringify({ dataobject_id: inst.dataobject_id }), output: status === 'FINISHED' ? JSON.stringify({ result: 'success' }) : '',
      parent_instance_id: inst.id, status, succeed: status === 'FINISHED',
    });
  }
  return { audit_logs: logs };
}

function publicInstance(state, inst, now, withTopology) {
  const out = pick(inst, INSTANCE_FIELDS);
  if (withTopology) out.topology = topology(state, inst, now);
  return out;
}

// Builds a RUNNING instance of workflow `w` (also used by the control API).
function newInstance(state, w, now, { dataobjectId = null, dataclass, triggerType = 'MANUAL', id = randomUUID(), plan } = {}) {
  const version = state.soc.workflowVersions[w.version_id];
  const queued = state.soc.nextOutcomes[w.id];
  const chosen = plan ?? (queued && queued.length ? queued.shift() : w.outcome) ?? {};
  const inst = {
    id, name: `${w.name}-${compactTime(now)}`, workspace_id: w.workspace_id,
    workflow: { id: w.id, name: w.name, name_en: w.name, version: version?.version ?? w.version ?? null, version_id: w.version_id },
    dataclass: dataclass ?? { id: w.dataclass_id ?? null, name: w.dataclass_name ?? null, en_name: w.dataclass_name ?? null },
    playbook: { id: null, name: null, en_name: null }, trigger_type: triggerType, status: 'RUNNING',
    start_time: formatTime(now), end_time: null, retry_count: 0, defense_id: null, dataobject_id: dataobjectId,
    runStartedAt: now, statusChangedAt: now,
  };
  inst.plan = checkPlan(chosen, actionsOf(state, inst));
  state.soc.workflowInstances[id] = inst;
  return inst;
}

function runWorkflow({ state, params, json, now }) {
  if (json.command_type !== 'ActionInstanceRunCommand') return c.invalid(`Parameter command_type is invalid: ${JSON.stringify(json.command_type)} (expected ActionInstanceRunCommand)`);
  if (json.action_type !== 'workflow') return c.invalid(`Parameter action_type is invalid: ${JSON.stringify(json.action_type)} (expected workflow)`);
  if (json.action_id !== undefined && json.action_id !== params.workflow_id) {
    return c.invalid(`Parameter action_id must be the workflow ID of the path (${params.workflow_id}): ${JSON.stringify(json.action_id)}`);
  }
  const ctxt = json.playbook_context;
  let dataobjectId = null;
  let dataclass;
  if (ctxt !== undefined) {
    if (!c.isObject(ctxt) || !c.isObject(ctxt.data_object)) return c.invalid('Parameter playbook_context must be {data_object: {content, dataclass: {id, name}}}');
    const dc = ctxt.data_object.dataclass;
    if (!c.isObject(dc) || typeof dc.name !== 'string' || !dc.name) return c.invalid('Parameter playbook_context.data_object.dataclass.name is required');
    const content = ctxt.data_object.content;
    if (content !== undefined && !c.isObject(content)) return c.invalid('Parameter playbook_context.data_object.content must be an object');
    dataobjectId = content?.id ?? null;
    dataclass = { id: dc.id ?? null, name: dc.name, en_name: dc.name };
  }
  const w = wfOf(state, params, params.workflow_id);
  if (!w) return workflowNotFound(params.workflow_id);
  const version = state.soc.workflowVersions[w.version_id];
  if (!w.enabled || !version || version.status !== 'activated') {
    return secError(400, CODES.INVALID_STATUS, `Workflow ${w.id} cannot run: it is ${w.enabled ? 'enabled' : 'disabled'} and has ${version ? `version ${version.version} (${version.status})` : 'no active version'}`);
  }
  const inst = newInstance(state, w, now, { dataobjectId, dataclass });
  return c.ok({
    command_type: json.command_type, action_type: json.action_type, action_id: w.id, action_instance_id: inst.id,
    playbook_context: ctxt ?? null,
  });
}

const SORT_KEYS = { create_time: 'start_time', start_time: 'start_time', update_time: 'statusChangedAt', end_time: 'end_time' };

function listInstances({ state, params, query, now }) {
  const offset = queryInt(query, 'offset', 0, 10000, 0);
  if (c.isError(offset)) return offset;
  const limit = queryInt(query, 'limit', 1, 1000, 10);
  if (c.isError(limit)) return limit;
  const sortKey = single(query.sort_key) ?? 'create_time';
  if (!SORT_KEYS[sortKey]) return c.invalid(`Parameter sort_key is invalid: ${sortKey} (expected one of ${Object.keys(SORT_KEYS).join(', ')})`);
  const dir = queryChoice(query, 'sort_dir', ['ASC', 'DESC'], 'DESC');
  if (c.isError(dir)) return dir;
  const from = c.readTime(single(query.from_date), 'from_date');
  if (c.isError(from)) return from;
  const to = c.readTime(single(query.to_date), 'to_date');
  if (c.isError(to)) return to;
  const status = queryChoice(query, 'status', ['RUNNING', 'FAILED', 'FINISHED', 'RETRYING', 'TERMINATING', 'TERMINATED'], undefined);
  if (c.isError(status)) return status;
  const trigger = queryChoice(query, 'trigger_type', ['DEBUG', 'TIMER', 'EVENT', 'MANUAL'], undefined);
  if (c.isError(trigger)) return trigger;
  const eq = (k, v) => single(query[k]) === undefined || single(query[k]) === v;
  const all = Object.values(state.soc.workflowInstances).filter((i) => i.workspace_id === params.workspace_id
    && (status === undefined || i.status === status) && (trigger === undefined || i.trigger_type === trigger)
    && eq('workflow_id', i.workflow.id) && eq('id', i.id) && eq('dataobject_id', i.dataobject_id)
    && eq('dataclass_id', i.dataclass.id) && eq('playbook_id', i.playbook.id) && eq('defence_id', i.defense_id)
    && (single(query.name) === undefined || i.name.toLowerCase().includes(String(single(query.name)).toLowerCase()))
    && (from === undefined || parseTime(i.start_time) >= from) && (to === undefined || parseTime(i.start_time) <= to));
  const key = SORT_KEYS[sortKey];
  const sorted = c.sortByTime(all, (i) => (key === 'statusChangedAt' ? formatTime(i.statusChangedAt) : i[key]), dir);
  return c.ok({ count: sorted.length, instances: sorted.slice(offset, offset + limit).map((i) => publicInstance(state, i, now, false)) });
}

// The one answer without an envelope: the instance itself.
function getInstance({ state, params, query, now }) {
  const inst = instOf(state, params, params.instance_id);
  if (!inst) return instanceNotFound(params.instance_id);
  const show = single(query.show_topology);
  if (show !== undefined && !['true', 'false'].includes(String(show).toLowerCase())) return c.invalid(`Parameter show_topology is invalid: ${show} (expected true or false)`);
  return c.ok(publicInstance(state, inst, now, String(show).toLowerCase() === 'true'));
}

function retriesLeft(state, ws, now) {
  const day = utcDayOf(now);
  const r = state.soc.workflowRetries;
  if (r.day !== day) { r.day = day; r.byWorkspace = {}; }
  return MAX_RETRIES_PER_DAY - (r.byWorkspace[ws] ?? 0);
}

// Retry and terminate follow the playbook-instance rules: RETRY only from FAILED (then RETRYING,
// then the plan's retryResult after retryDurationMs, at most 100 a day per workspace); TERMINATE
// only from RUNNING or RETRYING (TERMINATING, then TERMINATED after terminateDurationMs).
function operateInstance({ state, params, json, now, requestId }) {
  const command = json.command_type;
  if (!COMMANDS.includes(command)) return c.invalid(`Parameter command_type is invalid: ${JSON.stringify(command)} (expected one of ${COMMANDS.join(', ')})`);
  if (command === 'ActionInstanceDebugCommand') {
    for (const k of ['task_id', 'input_dataobject']) {
      if (typeof json[k] !== 'string' || !json[k]) return c.invalid(`Parameter ${k} is required for ActionInstanceDebugCommand`);
    }
  }
  const inst = instOf(state, params, params.instance_id);
  if (!inst) return instanceNotFound(params.instance_id);
  const refuse = (what) => secError(400, CODES.INVALID_STATUS, `Workflow instance ${inst.id} is ${inst.status}; ${what}`);
  if (command === 'ActionInstanceRetryCommand') {
    if (inst.status !== 'FAILED') return refuse('only FAILED instances can be retried');
    if (retriesLeft(state, inst.workspace_id, now) <= 0) {
      return secError(400, CODES.RETRY_LIMIT, `Daily retry limit reached: at most ${MAX_RETRIES_PER_DAY} workflow instance retries per workspace per day`);
    }
    state.soc.workflowRetries.byWorkspace[inst.workspace_id] = (state.soc.workflowRetries.byWorkspace[inst.workspace_id] ?? 0) + 1;
    inst.status = 'RETRYING';
    inst.end_time = null;
    inst.statusChangedAt = now;
    inst.retry_count += 1;
  } else if (command === 'ActionInstanceTerminateCommand') {
    if (inst.status !== 'RUNNING' && inst.status !== 'RETRYING') return refuse('only RUNNING or RETRYING instances can be terminated');
    const at = topology(state, inst, now).audit_logs.length - 1;
    inst.stopAt = Math.max(0, at);
    inst.status = 'TERMINATING';
    inst.statusChangedAt = now;
  } else {
    (inst.debugInputs ||= []).push({ task_id: json.task_id, input_dataobject: json.input_dataobject, time: formatTime(now) });
  }
  state.soc.workflowOperations.push({ instanceId: inst.id, command, time: now });
  return c.ok({ code: c.OK, message: '', success: true, request_id: requestId });
}

const ROUTES = [
  { name: 'listWorkflows', method: 'GET', pattern: WORKFLOWS, handler: listWorkflows },
  { name: 'getWorkflow', method: 'GET', pattern: [...WORKFLOWS, ':workflow_id'], handler: getWorkflow },
  { name: 'listWorkflowVersions', method: 'GET', pattern: [...WORKFLOWS, ':workflow_id', 'versions'], handler: listWorkflowVersions },
  { name: 'runWorkflow', method: 'POST', pattern: [...WORKFLOWS, ':workflow_id', 'instances'], handler: runWorkflow, json: true },
  { name: 'listWorkflowInstances', method: 'GET', pattern: INSTANCES, handler: listInstances },
  { name: 'getWorkflowInstance', method: 'GET', pattern: [...INSTANCES, ':instance_id'], handler: getInstance },
  { name: 'operateWorkflowInstance', method: 'PUT', pattern: [...INSTANCES, ':instance_id'], handler: operateInstance, json: true },
];

module.exports = { ROUTES, settleWorkflows, newInstance, checkPlan, actionsOf, TERMINAL, RESULTS };
