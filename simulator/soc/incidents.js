'use strict';
// Incidents as real state (state.soc.incidents), and incidents made from alerts (batch-order).
const { randomUUID } = require('node:crypto');
const { SEVERITIES } = require('../generate');
const c = require('./common');
const d = require('./dataobjects');

const INCIDENTS = [...c.WS, 'incidents'];

const find = (state, params, id) => {
  const r = state.soc.incidents[id];
  return r && r.workspace_id === params.workspace_id ? r : null;
};

function create(state, ws, dataObject, time) {
  const record = d.newRecord(state, ws, randomUUID(), time, 'Incident', {
    handle_status: 'Open', verification_state: 'Unknown', alert_list: [], ...dataObject,
  });
  state.soc.incidents[record.id] = record;
  return record;
}

function createIncident({ state, params, json, now }) {
  const given = c.isObject(json.data_object) ? json.data_object : json.data_object === undefined ? {} : null;
  const dataObject = d.checkDataObject(given, { partial: false, typeField: 'incident_type' });
  if (c.isError(dataObject)) return dataObject;
  const time = c.now8(now);
  const closed = d.applyClose({}, dataObject, time);
  if (c.isError(closed)) return closed;
  return c.ok({ code: c.OK, message: '', data: d.detail(create(state, params.workspace_id, closed, time), 'Incident') });
}

function getIncident({ state, params }) {
  const r = find(state, params, params.incident_id);
  return r ? c.ok({ code: c.OK, message: '', data: d.detail(r, 'Incident') }) : c.notFound('Incident', params.incident_id);
}

function update(state, params, ids, json, now) {
  const lookup = (id) => find(state, params, id);
  return d.updateRecords({ kind: 'Incident', typeField: 'incident_type', lookup, ids, json, now });
}

// batch_ids in the body is optional here; the path names the incident.
function changeIncident({ state, params, json, now }) {
  if (json.batch_ids !== undefined) {
    const ids = c.readIds(json.batch_ids, 'batch_ids');
    if (c.isError(ids)) return ids;
  }
  return update(state, params, [params.incident_id], json, now);
}

function changeIncidents({ state, params, json, now }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids');
  return c.isError(ids) ? ids : update(state, params, ids, json, now);
}

function remove(state, params, ids) {
  const success = [];
  const error = [];
  for (const id of ids) {
    const r = find(state, params, id);
    if (!r) { error.push(id); continue; }
    delete state.soc.incidents[id];
    for (const alertId of r.data_object.alert_list || []) {
      const a = state.alerts[alertId];
      if (a && Array.isArray(a.data_object.incident_list)) a.data_object.incident_list = a.data_object.incident_list.filter((x) => x !== id);
    }
    success.push(id);
  }
  return c.ok({ code: c.OK, message: '', data: { success_ids: success, error_ids: error } });
}

function deleteIncident({ state, params, json }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids', { allowString: true });
  return c.isError(ids) ? ids : remove(state, params, ids);
}

function batchDeleteIncidents({ state, params, json }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids');
  return c.isError(ids) ? ids : remove(state, params, ids);
}

function searchIncidents({ state, params, json }) {
  const spec = c.searchSpec(json || {});
  if (c.isError(spec)) return spec;
  const all = c.runSearch(Object.values(state.soc.incidents).filter((r) => r.workspace_id === params.workspace_id), spec);
  return c.ok({ code: c.OK, message: '', ...c.page(all, spec.offset, spec.limit, (r) => d.detail(r, 'Incident')), success: true });
}

const rank = (s) => SEVERITIES.indexOf(s);

// One incident for the converted alerts; both sides keep the link (alert incident_list, incident
// alert_list). Also used by the demo feed.
function incidentFromAlerts(state, alerts, content, time, id = randomUUID()) {
  const first = alerts[0].data_object;
  const severity = alerts.map((a) => a.data_object.severity).filter((s) => rank(s) >= 0)
    .sort((a, b) => rank(b) - rank(a))[0] ?? 'Medium';
  const type = content.incident_type || {};
  const record = d.newRecord(state, alerts[0].workspace_id, id, time, 'Incident', {
    title: content.title || first.title, description: first.description ?? '', severity, handle_status: 'Open',
    verification_state: 'Unknown',
    incident_type: { category: type.category ?? first.alert_type?.category ?? null, incident_type: type.incident_type ?? first.alert_type?.alert_type ?? null, ...(type.id ? { id: type.id } : {}) },
    data_source: first.data_source ?? null, first_observed_time: first.first_observed_time ?? null,
    last_observed_time: first.last_observed_time ?? null, alert_list: alerts.map((a) => a.id),
  });
  return record;
}

function linkAlerts(state, incident) {
  for (const alertId of incident.data_object.alert_list) {
    const a = state.alerts[alertId];
    if (!a) continue;
    const list = Array.isArray(a.data_object.incident_list) ? a.data_object.incident_list : [];
    a.data_object.incident_list = [...list.filter((x) => x !== incident.id), incident.id];
  }
}

function convertAlerts({ state, params, json, now }) {
  const ids = c.readIds(json.ids, 'ids');
  if (c.isError(ids)) return ids;
  const content = json.incident_content ?? {};
  if (!c.isObject(content)) return c.invalid('Parameter incident_content must be an object');
  if (content.incident_type !== undefined && !c.isObject(content.incident_type)) return c.invalid('Parameter incident_content.incident_type must be an object');
  if (content.title !== undefined && typeof content.title !== 'string') return c.invalid('Parameter incident_content.title must be a string');
  const found = ids.map((id) => state.alerts[id]).filter((a) => a && a.workspace_id === params.workspace_id);
  const success = found.map((a) => a.id);
  if (found.length) {
    const incident = incidentFromAlerts(state, found, content, c.now8(now));
    state.soc.incidents[incident.id] = incident;
    linkAlerts(state, incident);
  }
  return c.ok({ code: c.OK, message: '', data: { success_ids: success, error_ids: ids.filter((id) => !success.includes(id)) } });
}

const ROUTES = [
  { name: 'createIncident', method: 'POST', pattern: INCIDENTS, handler: createIncident, optionalJson: true },
  { name: 'getIncident', method: 'GET', pattern: [...INCIDENTS, ':incident_id'], handler: getIncident },
  { name: 'changeIncident', method: 'PUT', pattern: [...INCIDENTS, ':incident_id'], handler: changeIncident, json: true },
  { name: 'changeIncidents', method: 'POST', pattern: [...INCIDENTS, 'batch-update'], handler: changeIncidents, json: true },
  { name: 'deleteIncident', method: 'DELETE', pattern: INCIDENTS, handler: deleteIncident, json: true },
  { name: 'batchDeleteIncidents', method: 'POST', pattern: [...INCIDENTS, 'batch-delete'], handler: batchDeleteIncidents, json: true },
  { name: 'searchIncidents', method: 'POST', pattern: [...INCIDENTS, 'search'], handler: searchIncidents, optionalJson: true },
  { name: 'convertAlerts', method: 'POST', pattern: [...c.WS, 'alerts', 'batch-order'], handler: convertAlerts, json: true },
];

module.exports = { ROUTES, incidentFromAlerts, linkAlerts, create };
