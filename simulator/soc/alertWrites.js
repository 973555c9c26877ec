'use strict';
// Alert create / update / batch update / delete on the alert store that getAlert and searchAlerts
// (routes.js, alerts.js) read: state.alerts.
const { randomUUID } = require('node:crypto');
const c = require('./common');
const d = require('./dataobjects');
const records = require('../records');

const ALERTS = [...c.WS, 'alerts'];

const find = (state, params, id) => {
  const a = state.alerts[id];
  return a && a.workspace_id === params.workspace_id ? a : null;
};

function createAlert({ state, params, json, now }) {
  const dataObject = d.checkDataObject(json.data_object, { partial: false, typeField: 'alert_type' });
  if (c.isError(dataObject)) return dataObject;
  const time = c.now8(now);
  const closed = d.applyClose({}, { handle_status: 'Open', verification_state: 'Unknown', ...dataObject }, time);
  if (c.isError(closed)) return closed;
  const record = d.newRecord(state, params.workspace_id, randomUUID(), time, 'Alert', closed);
  records.put(state.alerts, record);
  return c.ok({ code: c.OK, message: '', data: d.detail(record, 'Alert') });
}

function update(state, params, ids, json, now) {
  const lookup = (id) => find(state, params, id);
  return d.updateRecords({ kind: 'Alert', typeField: 'alert_type', lookup, ids, json, now });
}

// Terraform also sends batch_ids: [<id>] here (not in the SDK model); accepted, the path decides.
function changeAlert({ state, params, json, now }) {
  if (json.batch_ids !== undefined) {
    const ids = c.readIds(json.batch_ids, 'batch_ids');
    if (c.isError(ids)) return ids;
  }
  return update(state, params, [params.alert_id], json, now);
}

function changeAlerts({ state, params, json, now }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids');
  return c.isError(ids) ? ids : update(state, params, ids, json, now);
}

function remove({ state, params, json }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids');
  if (c.isError(ids)) return ids;
  const success = [];
  const error = [];
  for (const id of ids) {
    const a = find(state, params, id);
    if (!a) { error.push(id); continue; }
    records.remove(state.alerts, id);
    for (const incId of a.data_object?.incident_list || []) {
      const inc = state.soc.incidents[incId];
      if (inc) inc.data_object.alert_list = (inc.data_object.alert_list || []).filter((x) => x !== id);
    }
    success.push(id);
  }
  return c.ok({ code: c.OK, message: '', data: { success_ids: success, error_ids: error } });
}

const ROUTES = [
  { name: 'createAlert', method: 'POST', pattern: ALERTS, handler: createAlert, json: true },
  { name: 'changeAlert', method: 'PUT', pattern: [...ALERTS, ':alert_id'], handler: changeAlert, json: true },
  { name: 'changeAlerts', method: 'POST', pattern: [...ALERTS, 'batch-update'], handler: changeAlerts, json: true },
  { name: 'deleteAlert', method: 'DELETE', pattern: ALERTS, handler: remove, json: true },
  { name: 'batchDeleteAlerts', method: 'POST', pattern: [...ALERTS, 'batch-delete'], handler: remove, json: true },
];

module.exports = { ROUTES };
