'use strict';
// Alert and incident data objects: the checks both share, the AlertDetail/IncidentDetail wrapper,
// and the close rule.
const { SEVERITIES, DATACLASSES } = require('../generate');
const { invalid, isObject, isError, checkChoice, eventTime, now8, notFound, ok, OK } = require('./common');

const HANDLE_STATUSES = ['Open', 'Block', 'Closed'];
const CLOSE_REASONS = ['False detection', 'Resolved', 'Repeated', 'Other'];
// Read back as sent: verification_state and ipdrr_phase are not checked, Terraform's live incident
// test writes "Positive" and "Detection and analysis" (outside the SDK enums) and reads them back.
const TIME_FIELDS = ['first_observed_time', 'last_observed_time', 'arrive_time', 'sla'];
// Set by the service, never taken from a request.
const SERVER_FIELDS = ['id', 'create_time', 'update_time', 'close_time', 'workspace_id', 'project_id'];

// Checks a data_object of a create (`partial` false) or update body; returns the cleaned copy.
function checkDataObject(given, { partial, typeField }) {
  if (!isObject(given)) return invalid('Parameter data_object is required and must be an object');
  const d = { ...given };
  for (const k of SERVER_FIELDS) delete d[k];
  if (!partial && (typeof d.title !== 'string' || !d.title.trim())) return invalid('Parameter data_object.title is required');
  if (d.title !== undefined && (typeof d.title !== 'string' || !d.title.trim())) return invalid('Parameter data_object.title must be a non-empty string');
  for (const [field, choices] of [['severity', SEVERITIES], ['handle_status', HANDLE_STATUSES], ['close_reason', CLOSE_REASONS]]) {
    const err = checkChoice(d, field, choices);
    if (err) return err;
  }
  if (d[typeField] !== undefined && !isObject(d[typeField])) return invalid(`Parameter data_object.${typeField} must be an object`);
  if (d.data_source !== undefined && !isObject(d.data_source)) return invalid('Parameter data_object.data_source must be an object');
  for (const f of TIME_FIELDS) {
    if (d[f] === undefined || d[f] === null) continue;
    const t = eventTime(d[f], `data_object.${f}`);
    if (isError(t)) return t;
    d[f] = t;
  }
  return d;
}

// The close rule (issue 14, not confirmed for the real service): setting handle_status Closed needs
// a close_reason (given or already there); closing stamps close_time, reopening clears reason and time.
function applyClose(before, merged, time, changes = merged) {
  if (changes.handle_status === 'Closed') {
    if (!merged.close_reason) return invalid('Parameter data_object.close_reason is required when handle_status is Closed (one of False detection, Resolved, Repeated, Other)');
    if (before.handle_status !== 'Closed') merged.close_time = time;
  } else if (before.handle_status === 'Closed' && changes.handle_status !== undefined) {
    delete merged.close_reason;
    delete merged.close_comment;
    merged.close_time = null;
  }
  return merged;
}

function newRecord(state, ws, id, time, kind, dataObject) {
  return {
    id, workspace_id: ws, project_id: state.projectId, create_time: time, update_time: time,
    format_version: 1, version: 1, type: 'MANUAL',
    dataclass_ref: { id: DATACLASSES[kind], name: kind },
    data_object: { ...dataObject, id, workspace_id: ws, create_time: time, update_time: time },
  };
}

// AlertDetail / IncidentDetail. Fixture alerts lack the wrapper fields: they get the defaults.
function detail(r, kind) {
  return {
    id: r.id, create_time: r.create_time, update_time: r.update_time, data_object: structuredClone(r.data_object),
    dataclass_ref: r.dataclass_ref ?? { id: DATACLASSES[kind], name: kind }, format_version: r.format_version ?? 1,
    version: r.version ?? 1, type: r.type ?? 'DATA_SOURCE', project_id: r.project_id ?? null, workspace_id: r.workspace_id,
  };
}

// Partial update ("only the attributes actually changed are updated"): merge, close rule, stamp.
function updateRecord(record, changes, time) {
  const before = record.data_object || {};
  const merged = applyClose(before, { ...before, ...changes }, time, changes);
  if (isError(merged)) return merged;
  return () => {
    record.data_object = { ...merged, update_time: time };
    record.update_time = time;
    record.version = (record.version ?? 1) + 1;
  };
}

// An update of one or many alerts or incidents (`kind`): every record is checked before any is
// changed, so one bad record changes none.
function updateRecords({ kind, typeField, lookup, ids, json, now }) {
  const changes = checkDataObject(json.data_object, { partial: true, typeField });
  if (isError(changes)) return changes;
  const missing = ids.filter((id) => !lookup(id));
  if (missing.length) return notFound(kind, missing.join(', '));
  const time = now8(now);
  const commits = [];
  for (const id of ids) {
    const commit = updateRecord(lookup(id), changes, time);
    if (isError(commit)) return commit;
    commits.push(commit);
  }
  for (const commit of commits) commit();
  return ok({ code: OK, message: '', data: detail(lookup(ids[0]), kind) });
}

module.exports = { HANDLE_STATUSES, CLOSE_REASONS, checkDataObject, applyClose, newRecord, detail, updateRecord, updateRecords };
