'use strict';
const http = require('node:http');
const { CODES } = require('./errors');

const KINDS = new Set(['http', 'reset', 'malformed', 'empty', 'html', 'slow']);
const DEFAULT_STATUS = { http: 500, malformed: 200, empty: 200, html: 502 };

// Validates and fills defaults. `count` may be Infinity, or the string "Infinity"
// because JSON (the HTTP control API) cannot carry Infinity.
function normalizeFault(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('fault must be an object');
  const kind = input.kind ?? 'http';
  if (!KINDS.has(kind)) throw new Error(`unknown fault kind: ${kind}`);
  let count = input.count ?? 1;
  if (count === 'Infinity' || count === null) count = Infinity;
  if (typeof count !== 'number' || !(count > 0)) throw new Error('fault count must be a positive number or Infinity');
  const status = input.status ?? DEFAULT_STATUS[kind];
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) {
    throw new Error(`invalid fault status: ${status}`);
  }
  return {
    kind, count, status,
    route: input.route, method: input.method ? String(input.method).toUpperCase() : undefined,
    body: input.body, headers: input.headers || {}, delayMs: Number(input.delayMs) || 0,
  };
}

// First matching fault wins; it is consumed (count decremented, removed at zero).
function takeFault(faults, routeName, method) {
  const i = faults.findIndex((f) => (f.route === undefined || f.route === routeName)
    && (f.method === undefined || f.method === method));
  if (i < 0) return null;
  const fault = faults[i];
  fault.count -= 1;
  if (fault.count <= 0) faults.splice(i, 1);
  return fault;
}

function defaultFaultBody(status, requestId) {
  if (status === 429) {
    return {
      error_code: 'APIG.0308',
      error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute',
      request_id: requestId,
    };
  }
  if (status >= 500) return { error_code: 'APIG.0202', error_msg: 'Backend unavailable', request_id: requestId };
  return { code: CODES.INJECTED, message: 'Injected fault' };
}

function htmlPage(status) {
  const title = `${status} ${http.STATUS_CODES[status] || 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

// Returns { status, text, contentType } for the kinds that answer; 'reset' and 'slow' are
// handled by the caller.
function faultResponse(fault, requestId) {
  switch (fault.kind) {
    case 'malformed': return { status: fault.status, text: '{"id": ', contentType: 'json' };
    case 'empty': return { status: fault.status, text: '', contentType: 'json' };
    case 'html': return { status: fault.status, text: htmlPage(fault.status), contentType: 'html' };
    default: {
      const body = fault.body ?? defaultFaultBody(fault.status, requestId);
      return { status: fault.status, text: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'json' };
    }
  }
}

module.exports = { normalizeFault, takeFault, faultResponse, KINDS };
