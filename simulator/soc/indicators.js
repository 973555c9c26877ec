'use strict';
// Indicators (threat intelligence) as real state: state.soc.indicators, types in state.soc.indicatorTypes.
const { randomUUID } = require('node:crypto');
const c = require('./common');

const INDICATORS = [...c.WS, 'indicators'];
const VERDICTS = ['Black', 'White', 'Gray'];
const STATUSES = ['Open', 'Closed', 'Revoked'];
const DATACLASS = { id: '6b3d1a35-5cb1-4b71-a7a8-1c0a6f1e4b21', name: 'Indicator' }; // simulator's own ID
// Value formats per type name; a type not listed takes any non-empty value. Terraform's live test
// stores "/v1/test" as a URL, so URLs are not checked beyond that.
const FORMATS = {
  IPv4: /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
  IPv6: /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/,
  Domain: /^(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/,
  Email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  MD5: /^[0-9a-fA-F]{32}$/,
  SHA1: /^[0-9a-fA-F]{40}$/,
  SHA256: /^[0-9a-fA-F]{64}$/,
  SHA512: /^[0-9a-fA-F]{128}$/,
};

const find = (state, params, id) => {
  const r = state.soc.indicators[id];
  return r && r.workspace_id === params.workspace_id ? r : null;
};

const detail = (r) => ({
  id: r.id, name: r.data_object.name, data_object: structuredClone(r.data_object), workspace_id: r.workspace_id,
  project_id: r.project_id, dataclass_ref: { ...DATACLASS }, create_time: r.create_time, update_time: r.update_time,
});

// Returns the cleaned data_object or an error. `partial`: an update (IndicatorDataObjectDetail).
function check(state, ws, given, partial) {
  if (!c.isObject(given)) return c.invalid('Parameter data_object is required and must be an object');
  const o = { ...given };
  for (const k of ['id', 'create_time', 'update_time', 'project_id', 'workspace_id']) delete o[k];
  // Required by the SDK create model and sent by Terraform (which leaves out workspace_id and
  // environment.vendor_type, so those are not required here).
  const required = ['name', 'indicator_type', 'value', 'verdict', 'granular_marking', 'data_source', 'first_report_time'];
  if (!partial) {
    const missing = required.filter((k) => o[k] === undefined || o[k] === null || o[k] === '');
    if (missing.length) return c.invalid(`Parameter data_object.${missing.join(', data_object.')} is required`);
  }
  for (const k of ['name', 'value']) if (o[k] !== undefined && (typeof o[k] !== 'string' || !o[k])) return c.invalid(`Parameter data_object.${k} must be a non-empty string`);
  for (const [k, choices] of [['verdict', VERDICTS], ['status', STATUSES]]) {
    const err = c.checkChoice(o, k, choices);
    if (err) return err;
  }
  if (o.granular_marking !== undefined) {
    // A string in the SDK create model, an integer in the update/response model (Terraform sends an integer).
    const g = c.bodyInt(o, 'granular_marking', 1, 4);
    if (c.isError(g)) return c.invalid(`Parameter data_object.granular_marking is invalid: ${JSON.stringify(o.granular_marking)} (expected 1, 2, 3 or 4)`);
    o.granular_marking = g;
  }
  if (o.confidence !== undefined) {
    // 80-100: the range of the SDK's IndicatorDataObjectDetail and Terraform's indicators data source.
    const n = c.bodyInt(o, 'confidence', 80, 100);
    if (c.isError(n)) return c.invalid(`Parameter data_object.confidence is invalid: ${JSON.stringify(o.confidence)} (expected an integer 80..100)`);
    o.confidence = n;
  }
  if (o.defanged !== undefined && typeof o.defanged !== 'boolean') return c.invalid('Parameter data_object.defanged must be true or false');
  for (const k of ['data_source', 'environment']) if (o[k] !== undefined && !c.isObject(o[k])) return c.invalid(`Parameter data_object.${k} must be an object`);
  for (const k of ['first_report_time', 'last_report_time']) {
    if (o[k] === undefined || o[k] === null) continue;
    const t = c.eventTime(o[k], `data_object.${k}`);
    if (c.isError(t)) return t;
    o[k] = t;
  }
  if (o.indicator_type !== undefined) {
    const t = o.indicator_type;
    if (!c.isObject(t) || typeof t.id !== 'string' || !t.id) return c.invalid('Parameter data_object.indicator_type must be {indicator_type, id} with the ID of an indicator type of the workspace');
    const type = state.soc.indicatorTypes.find((x) => x.id === t.id && (!x.workspace_id || x.workspace_id === ws));
    if (!type) return c.invalid(`Parameter data_object.indicator_type.id is invalid: no indicator type ${t.id} in this workspace`);
    o.indicator_type = { category: type.category, indicator_type: type.indicator_type, ...t };
  }
  return o;
}

function checkValue(o) {
  const format = FORMATS[o.indicator_type?.indicator_type];
  if (format && !format.test(o.value)) return c.invalid(`Parameter data_object.value is invalid for indicator type ${o.indicator_type.indicator_type}: ${JSON.stringify(o.value)}`);
  return null;
}

function createIndicator({ state, params, json, now }) {
  const o = check(state, params.workspace_id, json.data_object, false);
  if (c.isError(o)) return o;
  const bad = checkValue(o);
  if (bad) return bad;
  const time = c.now8(now);
  const id = randomUUID();
  const ws = params.workspace_id;
  const record = {
    id, workspace_id: ws, project_id: state.projectId, create_time: time, update_time: time,
    data_object: { status: 'Open', defanged: false, revoked: false, is_deleted: false, ...o, id, workspace_id: ws, project_id: state.projectId, create_time: time, update_time: time },
  };
  state.soc.indicators[id] = record;
  return c.ok({ code: c.OK, message: '', data: detail(record) });
}

function getIndicator({ state, params }) {
  const r = find(state, params, params.indicator_id);
  return r ? c.ok({ code: c.OK, message: '', data: detail(r) }) : c.notFound('Indicator', params.indicator_id);
}

function updateIndicator({ state, params, json, now }) {
  const o = check(state, params.workspace_id, json.data_object, true);
  if (c.isError(o)) return o;
  const r = find(state, params, params.indicator_id);
  if (!r) return c.notFound('Indicator', params.indicator_id);
  const merged = { ...r.data_object, ...o };
  const bad = checkValue(merged);
  if (bad) return bad;
  const time = c.now8(now);
  r.data_object = { ...merged, revoked: merged.status === 'Revoked', update_time: time };
  r.update_time = time;
  return c.ok({ code: c.OK, message: '', data: detail(r) });
}

function deleteIndicator({ state, params, json }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids');
  if (c.isError(ids)) return ids;
  const success = ids.filter((id) => find(state, params, id));
  for (const id of success) delete state.soc.indicators[id];
  return c.ok({ code: c.OK, message: '', data: { success_ids: success, error_ids: ids.filter((id) => !success.includes(id)) } });
}

// The SDK marks condition, offset and limit required; Terraform's live test sends no condition,
// so only offset and limit are.
function searchIndicators({ state, params, json }) {
  const body = json || {};
  for (const k of ['offset', 'limit']) if (body[k] === undefined) return c.invalid(`Parameter ${k} is required`);
  const spec = c.searchSpec(body, { order: false });
  if (c.isError(spec)) return spec;
  let ids = null;
  if (body.ids !== undefined) {
    ids = c.readIds(body.ids, 'ids');
    if (c.isError(ids)) return ids;
  }
  const all = c.runSearch(Object.values(state.soc.indicators)
    .filter((r) => r.workspace_id === params.workspace_id && (!ids || ids.includes(r.id))), spec);
  return c.ok({ code: c.OK, message: '', ...c.page(all, spec.offset, spec.limit, detail) });
}

const ROUTES = [
  { name: 'createIndicator', method: 'POST', pattern: INDICATORS, handler: createIndicator, json: true },
  { name: 'getIndicator', method: 'GET', pattern: [...INDICATORS, ':indicator_id'], handler: getIndicator },
  { name: 'updateIndicator', method: 'PUT', pattern: [...INDICATORS, ':indicator_id'], handler: updateIndicator, json: true },
  { name: 'deleteIndicator', method: 'DELETE', pattern: INDICATORS, handler: deleteIndicator, json: true },
  { name: 'searchIndicators', method: 'POST', pattern: [...INDICATORS, 'search'], handler: searchIndicators, json: true },
];

module.exports = { ROUTES, FORMATS, VERDICTS };
