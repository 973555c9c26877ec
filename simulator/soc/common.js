'use strict';
// Helpers shared by the SOC object routes (alert writes, incidents, indicators, notes, workflows).
const { CODES, secError } = require('../errors');
const { formatTime, parseTime } = require('../generate');
const { compileCondition, ConditionError } = require('../alerts');

const OK = '00000000';
const WS = ['v1', ':project_id', 'workspaces', ':workspace_id', 'soc'];
const MAX_WINDOW = 10000;

const invalid = (message) => secError(400, CODES.INVALID_PARAMETER, message);
// Terraform maps SecMaster.20030005 (HTTP 400) to "gone" for alerts, incidents and indicators.
const notFound = (what, id) => secError(400, CODES.ALERT_NOT_FOUND, `${what} not found: ${id}`);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isError = (v) => isObject(v) && v.status >= 400 && isObject(v.body);
const upper = (s) => String(s ?? '').toUpperCase();
const ok = (body) => ({ status: 200, body });

function bodyInt(json, name, min, max, def) {
  const raw = json[name];
  if (raw === undefined || raw === null) {
    return def === undefined ? invalid(`Parameter ${name} is required`) : def;
  }
  const good = (typeof raw === 'number' && Number.isInteger(raw)) || (typeof raw === 'string' && /^\d+$/.test(raw));
  if (!good || Number(raw) < min || Number(raw) > max) {
    return invalid(`Parameter ${name} is invalid: ${JSON.stringify(raw)} (expected an integer ${min}..${max})`);
  }
  return Number(raw);
}

function readTime(raw, name) {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const t = parseTime(String(raw));
  return t === null ? invalid(`Parameter ${name} is invalid: ${JSON.stringify(raw)} (expected a time like 2026-11-22T00:00:00.000Z+0800)`) : t;
}

// Terraform sends observed/report times as 2023-04-18T13:00:00.000Z+0800 and its live tests read
// them back as 2023-04-18T13:00:00.000+08:00, so that is how they are stored.
function eventTime(raw, name) {
  const t = readTime(raw, name);
  if (t === undefined || isError(t)) return t;
  return new Date(t + 8 * 3600e3).toISOString().replace('Z', '+08:00');
}

function sortByTime(items, field, dir) {
  const keyed = items.map((item, i) => [parseTime(field(item)) ?? Infinity, i, item]);
  const sign = dir === 'ASC' ? 1 : -1;
  keyed.sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : sign * (a[0] < b[0] ? -1 : 1)));
  return keyed.map((k) => k[2]);
}

// DataobjectSearch (alerts, incidents) and IndicatorListSearchRequest: paging and sorting in the
// body, condition in SecMaster's {conditions: [{name, data}], logics} form over data_object.
function searchSpec(body, { sortKeys = ['create_time', 'update_time'], order = true, lowerOrder = false } = {}) {
  const limit = bodyInt(body, 'limit', 1, 1000, 10);
  if (isError(limit)) return limit;
  const offset = bodyInt(body, 'offset', 0, Infinity, 0);
  if (isError(offset)) return offset;
  if (offset + limit >= MAX_WINDOW) {
    return invalid(`Parameters limit + offset must be less than ${MAX_WINDOW} (got ${limit} + ${offset} = ${limit + offset})`);
  }
  const sortBy = body.sort_by ?? 'create_time';
  if (!sortKeys.includes(sortBy)) return invalid(`Parameter sort_by is invalid: ${JSON.stringify(sortBy)} (expected ${sortKeys.join(' or ')})`);
  let dir = 'DESC';
  if (order && body.order !== undefined && body.order !== null) {
    dir = upper(body.order);
    if (dir !== 'ASC' && dir !== 'DESC') return invalid(`Parameter order is invalid: ${JSON.stringify(body.order)} (expected ${lowerOrder ? 'asc or desc' : 'ASC or DESC'})`);
  }
  const from = readTime(body.from_date, 'from_date');
  if (isError(from)) return from;
  const to = readTime(body.to_date, 'to_date');
  if (isError(to)) return to;
  let predicate;
  try {
    predicate = compileCondition(body.condition);
  } catch (e) {
    if (e instanceof ConditionError) return invalid(`Parameter condition is invalid: ${e.message}`);
    throw e;
  }
  return { limit, offset, sortBy, dir, from, to, predicate };
}

function runSearch(records, spec, timeOf = (r) => r.create_time) {
  const inRange = (r) => {
    if (spec.from === undefined && spec.to === undefined) return true;
    const t = parseTime(timeOf(r));
    return t !== null && (spec.from === undefined || t >= spec.from) && (spec.to === undefined || t <= spec.to);
  };
  return sortByTime(records.filter(inRange).filter((r) => spec.predicate(r.data_object || {})), (r) => r[spec.sortBy], spec.dir);
}

// {total, size, page, data}; page is 1-based like the other list answers (real convention undocumented).
function page(all, offset, limit, map) {
  const data = all.slice(offset, offset + limit).map(map);
  return { total: all.length, size: data.length, page: Math.floor(offset / limit) + 1, data };
}

// batch_ids / ids: a non-empty array of non-empty strings; `allowString`: Terraform's DeleteIncident
// sends one bare string and the live service accepts it.
function readIds(value, name, { allowString = false } = {}) {
  if (allowString && typeof value === 'string' && value) return [value];
  if (!Array.isArray(value) || !value.length || !value.every((v) => typeof v === 'string' && v)) {
    return invalid(`Parameter ${name} is required: a non-empty array of IDs`);
  }
  return [...new Set(value)];
}

function checkChoice(obj, field, choices, where = 'data_object') {
  const v = obj[field];
  if (v === undefined || v === null) return null;
  return choices.includes(v) ? null : invalid(`Parameter ${where}.${field} is invalid: ${JSON.stringify(v)} (expected one of ${choices.join(', ')})`);
}

const now8 = (now) => formatTime(now);

module.exports = {
  OK, WS, MAX_WINDOW, invalid, notFound, isObject, isError, upper, ok, bodyInt, readTime, eventTime, sortByTime,
  searchSpec, runSearch, page, readIds, checkChoice, now8,
};
