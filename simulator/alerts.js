'use strict';
// Condition evaluation for POST WS/soc/alerts/search, in the form SecMaster reads:
//   condition: {conditions: [{name, data: ["field", "operator", "value", ...] | ["field, operator, value"]}],
//               logics: ["condition_0", "and", "condition_1", ...]}
// Operators as Huawei writes them (Terraform provider docs and acceptance tests): "=", "!=", ">",
// ">=", "<", "<=", "contains", "in" (the value a comma-separated list: ["severity", "in", "Tips,Low"]).
// "==" and upper-case operators or logics are refused, so a client sending another form fails here.
// Fields are paths into data_object (`severity`, `alert_type.category`, ...). Logics are names
// joined by "and" (Huawei's live tests) or "or" (the simulator's guess), evaluated strictly left to
// right; no/empty logics = AND of all conditions.
const { parseTime, SEVERITIES } = require('./generate');

const OPERATORS = ['=', '!=', '>=', '<=', '>', '<', 'contains', 'in'];
const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s.toLowerCase(), i]));

class ConditionError extends Error {}

// Returns {field, operator, values[]} or throws ConditionError.
function parseData(cond, index) {
  const where = `condition.conditions[${index}]${cond && cond.name ? ` (${cond.name})` : ''}`;
  if (!cond || typeof cond !== 'object' || !Array.isArray(cond.data) || !cond.data.length) {
    throw new ConditionError(`${where}.data must be a non-empty array`);
  }
  let parts = cond.data.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (parts.length === 1) {
    // Seed style: one string "field, operator, value"; the value may itself contain commas.
    const m = /^\s*([^,]+?)\s*,\s*([^,]+?)\s*,\s*(.*?)\s*$/.exec(parts[0]);
    if (!m) throw new ConditionError(`${where}.data must be ["field", "operator", "value"] or ["field, operator, value"]: ${JSON.stringify(cond.data)}`);
    parts = [m[1], m[2], m[3]];
  }
  if (parts.length < 3) {
    throw new ConditionError(`${where}.data must be ["field", "operator", "value"] or ["field, operator, value"]: ${JSON.stringify(cond.data)}`);
  }
  const [field, operator, ...rest] = parts.map((p) => p.trim());
  if (!OPERATORS.includes(operator)) {
    throw new ConditionError(`${where}: unsupported operator ${JSON.stringify(operator)}; expected one of ${OPERATORS.join(' ')}`);
  }
  if (!field) throw new ConditionError(`${where}: field is empty`);
  const values = operator === 'in' ? rest.join(',').split(',').map((v) => v.trim()) : rest;
  return { field, operator, values };
}

function getPath(obj, path) {
  let cur = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

// -1/0/1, or null when the two cannot be ordered. Severity by rank (Tips < … < Fatal), then
// numbers, then times (both parseable), then case-insensitive strings.
function compare(field, actual, expected) {
  const leaf = field.split('.').pop();
  if (leaf === 'severity') {
    const a = SEVERITY_RANK[String(actual).toLowerCase()];
    const b = SEVERITY_RANK[String(expected).toLowerCase()];
    if (a !== undefined && b !== undefined) return Math.sign(a - b);
  }
  const numA = typeof actual === 'number' ? actual : /^-?\d+(\.\d+)?$/.test(String(actual)) ? Number(actual) : NaN;
  const numB = /^-?\d+(\.\d+)?$/.test(expected) ? Number(expected) : NaN;
  if (!Number.isNaN(numA) && !Number.isNaN(numB)) return Math.sign(numA - numB);
  const tA = parseTime(String(actual));
  const tB = parseTime(expected);
  if (tA !== null && tB !== null) return Math.sign(tA - tB);
  const sA = String(actual).toLowerCase();
  const sB = String(expected).toLowerCase();
  return sA < sB ? -1 : sA > sB ? 1 : 0;
}

function test({ field, operator, values }, dataObject) {
  const actual = getPath(dataObject, field);
  if (actual === undefined || actual === null || typeof actual === 'object') return operator === '!=';
  const one = (expected) => {
    switch (operator) {
      case 'contains': return String(actual).toLowerCase().includes(expected.toLowerCase());
      case '=': case 'in': return compare(field, actual, expected) === 0;
      case '!=': return compare(field, actual, expected) !== 0;
      case '>': return compare(field, actual, expected) > 0;
      case '<': return compare(field, actual, expected) < 0;
      case '>=': return compare(field, actual, expected) >= 0;
      default: return compare(field, actual, expected) <= 0;
    }
  };
  // Several values: any of them for positive operators, none of them for "!=".
  return operator === '!=' ? values.every(one) : values.some(one);
}

// Validates the whole condition once and returns a predicate over data_object.
function compileCondition(condition) {
  if (condition === undefined || condition === null) return () => true;
  if (typeof condition !== 'object' || Array.isArray(condition)) throw new ConditionError('condition must be an object');
  const { conditions = [], logics } = condition;
  if (!Array.isArray(conditions)) throw new ConditionError('condition.conditions must be an array');
  const byName = new Map();
  const parsed = conditions.map((c, i) => {
    const p = parseData(c, i);
    if (c.name !== undefined) byName.set(String(c.name), p);
    return p;
  });
  if (logics === undefined || logics === null || (Array.isArray(logics) && !logics.length)) {
    return (obj) => parsed.every((p) => test(p, obj));
  }
  if (!Array.isArray(logics)) throw new ConditionError('condition.logics must be an array');
  const tokens = logics.map((t) => String(t).trim());
  // expr := name (and|or name)* ; strictly left to right.
  const operand = (pos) => {
    const token = tokens[pos];
    if (token === undefined) throw new ConditionError('condition.logics ends where a condition name is expected');
    const p = byName.get(token);
    if (!p) throw new ConditionError(`condition.logics[${pos}] names no condition: ${JSON.stringify(token)}`);
    return (obj) => test(p, obj);
  };
  let predicate = operand(0);
  for (let pos = 1; pos < tokens.length; pos += 2) {
    const op = tokens[pos];
    if (op !== 'and' && op !== 'or') throw new ConditionError(`condition.logics[${pos}] must be and or or (lower case): ${JSON.stringify(op)}`);
    const left = predicate;
    const right = operand(pos + 1);
    predicate = op === 'and' ? (obj) => left(obj) && right(obj) : (obj) => left(obj) || right(obj);
  }
  return predicate;
}

module.exports = { compileCondition, ConditionError, OPERATORS };
