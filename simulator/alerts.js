'use strict';
// Condition evaluation for POST WS/soc/alerts/search:
//   condition: {conditions: [{name, data: ["field", "operator", "value", ...] | ["field, operator, value"]}],
//               logics: ["condition_0", "AND", "condition_1", "OR", ...]}
// Fields are paths into data_object (`severity`, `alert_type.category`, ...). Logics are evaluated
// strictly left to right (no AND-over-OR precedence), "(" and ")" group; no/empty logics = AND of
// all conditions. Parentheses are the simulator's extension: not confirmed for the real API.
const { parseTime, SEVERITIES } = require('./generate');

const OPERATORS = ['==', '!=', '>=', '<=', '>', '<', 'contains'];
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
  const [field, op, ...values] = parts.map((p) => p.trim());
  const operator = op.toLowerCase() === 'contains' ? 'contains' : op;
  if (!OPERATORS.includes(operator)) {
    throw new ConditionError(`${where}: unsupported operator ${JSON.stringify(op)}; expected one of ${OPERATORS.join(' ')}`);
  }
  if (!field) throw new ConditionError(`${where}: field is empty`);
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
      case '==': return compare(field, actual, expected) === 0;
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
  // expr := operand (AND|OR operand)* ; operand := name | "(" expr ")". No precedence between AND
  // and OR: strictly left to right; parentheses group.
  let pos = 0;
  const where = () => `condition.logics[${pos}]`;
  const operand = () => {
    const token = tokens[pos];
    if (token === undefined) throw new ConditionError('condition.logics ends where a condition name or "(" is expected');
    if (token === '(') {
      pos++;
      const inner = expr();
      if (tokens[pos] !== ')') throw new ConditionError(`${where()}: ")" expected, got ${JSON.stringify(tokens[pos] ?? '(end)')}`);
      pos++;
      return inner;
    }
    const p = byName.get(token);
    if (!p) throw new ConditionError(`${where()} names no condition: ${JSON.stringify(token)}`);
    pos++;
    return (obj) => test(p, obj);
  };
  const expr = () => {
    let node = operand();
    while (pos < tokens.length && tokens[pos] !== ')') {
      const op = tokens[pos].toUpperCase();
      if (op !== 'AND' && op !== 'OR') throw new ConditionError(`${where()} must be AND or OR: ${JSON.stringify(tokens[pos])}`);
      pos++;
      const left = node;
      const right = operand();
      node = op === 'AND' ? (obj) => left(obj) && right(obj) : (obj) => left(obj) || right(obj);
    }
    return node;
  };
  const predicate = expr();
  if (pos < tokens.length) throw new ConditionError(`${where()}: unexpected ${JSON.stringify(tokens[pos])}`);
  return predicate;
}

module.exports = { compileCondition, ConditionError, OPERATORS };
