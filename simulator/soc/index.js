'use strict';
// SOC objects beyond playbooks: alert writes, incidents, indicators, notes, AOP workflows.
// state.soc holds them (built from fixture.soc, default fixtures/soc.json); alerts stay in state.alerts.
const path = require('node:path');
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const { formatTime, DATACLASSES } = require('../generate');
const incidents = require('./incidents');
const workflows = require('./workflows');

const DEFAULT_SOC = path.join(__dirname, '..', 'fixtures', 'soc.json');
let defaultSoc = null;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const ROUTES = [
  ...require('./alertWrites').ROUTES, ...incidents.ROUTES, ...require('./indicators').ROUTES,
  ...require('./notes').ROUTES, ...workflows.ROUTES, ...require('./approvals').ROUTES,
];

function wsOf(state, id) {
  const ws = id === undefined ? Object.values(state.workspaces)[0] : state.workspaces[id];
  if (!ws) throw new Error(`unknown workspace: ${id}`);
  return ws.id;
}

function freshId(store, id, kind) {
  const v = id ?? randomUUID();
  if (typeof v !== 'string' || !v) throw new Error(`${kind} id must be a non-empty string`);
  if (store[v]) throw new Error(`${kind} already exists: ${v}`);
  return v;
}

function addIncident(state, p, now) {
  if (!isObject(p)) throw new Error('each incident must be an object');
  const id = freshId(state.soc.incidents, p.id, 'incident');
  const ws = wsOf(state, p.workspace_id);
  const create = p.create_time ?? formatTime(now);
  const record = {
    id, workspace_id: ws, project_id: state.projectId, create_time: create, update_time: p.update_time ?? create,
    format_version: 1, version: 1, type: p.type ?? 'MANUAL', dataclass_ref: { id: DATACLASSES.Incident, name: 'Incident' },
    data_object: {
      title: `Simulated incident`, severity: 'Medium', handle_status: 'Open', verification_state: 'Unknown', alert_list: [],
      ...p.data_object, id, workspace_id: ws, create_time: create, update_time: p.update_time ?? create,
    },
  };
  for (const a of record.data_object.alert_list) if (!state.alerts[a]) throw new Error(`unknown alert in alert_list: ${a}`);
  state.soc.incidents[id] = record;
  incidents.linkAlerts(state, record);
  return record;
}

function addIndicator(state, p, now) {
  if (!isObject(p)) throw new Error('each indicator must be an object');
  const id = freshId(state.soc.indicators, p.id, 'indicator');
  const ws = wsOf(state, p.workspace_id);
  const create = p.create_time ?? formatTime(now);
  const record = {
    id, workspace_id: ws, project_id: state.projectId, create_time: create, update_time: p.update_time ?? create,
    data_object: {
      status: 'Open', defanged: false, revoked: false, is_deleted: false, ...p.data_object, id, workspace_id: ws,
      project_id: state.projectId, create_time: create, update_time: p.update_time ?? create,
    },
  };
  state.soc.indicators[id] = record;
  return record;
}

function addNote(state, p, now) {
  if (!isObject(p)) throw new Error('each note must be an object');
  const id = freshId(state.soc.notes, p.id, 'note');
  const target = state.alerts[p.war_room_id] || state.soc.incidents[p.war_room_id];
  if (!target) throw new Error(`note war_room_id is no alert or incident: ${p.war_room_id}`);
  const create = p.create_time ?? formatTime(now);
  const user = state.iamUsers[0];
  const note = {
    create_time: create, update_time: p.update_time ?? create, data: { content: String(p.content ?? '') }, id,
    is_deleted: false, marked_note: true, note_type: p.note_type ?? null, project_id: state.projectId, type: p.type ?? 'comment',
    user: p.user ?? { id: 'simulator-user', name: user?.userName ?? 'simulator' }, war_room_id: p.war_room_id,
    workspace_id: target.workspace_id, content: null,
  };
  state.soc.notes[id] = note;
  return note;
}

// A workflow with its versions ({id?, version, status, enabled, actions[]}); the activated one is
// the workflow's version_id. `outcome` = how its runs end unless the control API queues others.
function addWorkflow(state, p, now) {
  if (!isObject(p)) throw new Error('each workflow must be an object');
  const id = freshId(state.soc.workflows, p.id, 'workflow');
  const ws = wsOf(state, p.workspace_id);
  const create = p.create_time ?? formatTime(now);
  const user = state.iamUsers[0]?.userName ?? 'simulator';
  const versions = (p.versions ?? [{ version: 'v1', status: 'activated', enabled: true, actions: ['Run workflow'] }]).map((v) => {
    const vid = freshId(state.soc.workflowVersions, v.id, 'workflow version');
    if (!Array.isArray(v.actions) || !v.actions.length) throw new Error(`workflow version ${vid} needs actions (names)`);
    return {
      id: vid, version_id: vid, name: p.name, aopworkflow_id: id, description: v.description ?? '', project_id: state.projectId,
      owner_id: null, creator_id: null, creator_name: user, create_time: v.create_time ?? create, modifier_id: null,
      modifier_name: user, update_time: v.update_time ?? create, enabled: v.enabled ?? false, status: v.status ?? 'pending_submit',
      version: v.version ?? 'v1', aop_type: p.aop_type ?? 'NORMAL', dataclass_id: DATACLASSES[p.dataclass_name] ?? null,
      dataclass_name: p.dataclass_name ?? null, workspace_id: ws, taskconfig: null,
      taskflow: Buffer.from(JSON.stringify({ actions: v.actions })).toString('base64'), taskflow_type: 'JSON', input: null, output: null,
      actions: [...v.actions],
    };
  });
  const active = versions.find((v) => v.status === 'activated');
  const w = {
    id, name: p.name ?? 'Simulated workflow', description: p.description ?? '', project_id: state.projectId, owner_id: null,
    creator_id: null, creator_name: user, create_time: create, modifier_id: null, modifier_name: user,
    update_time: p.update_time ?? create, edit_role: null, use_role: null, approve_role: null, enabled: p.enabled ?? true,
    workspace_id: ws, version_id: active?.id ?? null, current_approval_version_id: versions.find((v) => v.status === 'pending_approval')?.id ?? null,
    current_rejected_version_id: versions.find((v) => v.status === 'rejected')?.id ?? null, aop_type: p.aop_type ?? 'NORMAL',
    engine_type: p.engine_type ?? 'public_engine', dataclass_id: DATACLASSES[p.dataclass_name] ?? null,
    dataclass_name: p.dataclass_name ?? null, labels: p.labels ?? '', version: active?.version ?? null, outcome: p.outcome,
  };
  if (p.outcome !== undefined) workflows.checkPlan(p.outcome, active?.actions ?? ['Run workflow']);
  for (const v of versions) state.soc.workflowVersions[v.id] = v;
  state.soc.workflows[id] = w;
  return w;
}

function addWorkflowInstance(state, p, now) {
  if (!isObject(p)) throw new Error('each workflow instance must be an object');
  const w = state.soc.workflows[p.workflow_id];
  if (!w) throw new Error(`unknown workflow: ${p.workflow_id}`);
  if (!w.version_id) throw new Error(`workflow ${w.id} has no activated version`);
  freshId(state.soc.workflowInstances, p.id, 'workflow instance');
  return workflows.newInstance(state, w, now, {
    id: p.id ?? randomUUID(), dataobjectId: p.dataobject_id ?? null, triggerType: p.trigger_type ?? 'MANUAL', plan: p.outcome,
  });
}

const ADDERS = { incidents: addIncident, indicators: addIndicator, notes: addNote, workflows: addWorkflow, workflowInstances: addWorkflowInstance };

function buildSoc(fixture, state, now) {
  if (!fixture.soc && !defaultSoc) defaultSoc = JSON.parse(fs.readFileSync(DEFAULT_SOC, 'utf8'));
  const f = structuredClone(fixture.soc ?? defaultSoc);
  state.soc = {
    incidents: {}, indicators: {}, notes: {}, workflows: {}, workflowVersions: {}, workflowInstances: {},
    indicatorTypes: f.indicatorTypes ?? [], nextOutcomes: {}, workflowOperations: [], workflowRetries: { day: null, byWorkspace: {} },
  };
  seed(state, now, f);
  return state.soc;
}

// Adds records of the kinds in `body` ({incidents?, indicators?, notes?, workflows?, workflowInstances?,
// indicatorTypes?}); on an error nothing is added.
function seed(state, now, body) {
  if (!isObject(body)) throw new Error('body must be an object like {incidents: [...]}');
  // Only the alerts an incident links to change outside state.soc: keep just their link lists.
  const linked = (Array.isArray(body.incidents) ? body.incidents : []).flatMap((i) => i?.data_object?.alert_list ?? [])
    .filter((id) => state.alerts[id]);
  const backup = { soc: structuredClone(state.soc), links: linked.map((id) => [id, structuredClone(state.alerts[id].data_object.incident_list)]) };
  try {
    const added = {};
    if (body.indicatorTypes) state.soc.indicatorTypes.push(...body.indicatorTypes);
    for (const [kind, add] of Object.entries(ADDERS)) {
      if (body[kind] === undefined) continue;
      if (!Array.isArray(body[kind])) throw new Error(`${kind} must be an array`);
      added[kind] = body[kind].map((p) => add(state, p, now).id);
    }
    return added;
  } catch (err) {
    state.soc = backup.soc;
    for (const [id, list] of backup.links) state.alerts[id].data_object.incident_list = list;
    throw err;
  }
}

// The next `runs` runs of a workflow end as `outcome` (queued before the workflow's own outcome).
function queueOutcome(state, workflowId, body) {
  const w = state.soc.workflows[workflowId];
  if (!w) throw new Error(`unknown workflow: ${workflowId}`);
  const runs = body?.runs ?? 1;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive whole number: ${runs}`);
  const { runs: _, ...outcome } = body || {};
  workflows.checkPlan(outcome, state.soc.workflowVersions[w.version_id]?.actions ?? ['Run workflow']);
  const queue = (state.soc.nextOutcomes[workflowId] ||= []);
  for (let i = 0; i < runs; i++) queue.push({ ...outcome });
  return { workflow_id: workflowId, queued: queue.length };
}

// Decides a running instance's outcome now: without afterMs a FINISHED/FAILED result lands at once.
function setInstanceOutcome(state, instanceId, body, now) {
  const inst = state.soc.workflowInstances[instanceId];
  if (!inst) throw new Error(`unknown workflow instance: ${instanceId}`);
  const outcome = { afterMs: Math.max(0, now - inst.runStartedAt), ...body };
  inst.plan = workflows.checkPlan(outcome, workflows.actionsOf(state, inst));
  return { id: inst.id, status: inst.status, plan: inst.plan };
}

module.exports = { ROUTES, buildSoc, seed, queueOutcome, setInstanceOutcome, settleWorkflows: workflows.settleWorkflows };
