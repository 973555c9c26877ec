'use strict';
// SDK-HMAC-SHA256 (Huawei Cloud AK/SK) signing and verification, as done by the API gateway.
// Algorithm per ../shared/secmaster-api.md; checked against the test vectors of the Huawei
// Python and Go SDKs (see selftest.js). node: built-ins only.
const { createHash, createHmac, timingSafeEqual } = require('node:crypto');

const ALGORITHM = 'SDK-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_BODY_BYTES = 12 * 1024 * 1024;
const IAM_PREFIX = 'Incorrect IAM authentication information: ';
const SIGNATURE_FAIL = `${IAM_PREFIX}verify aksk signature fail`;

const sha256Hex = (data) => createHash('sha256').update(data).digest('hex');
const hmacHex = (key, data) => createHmac('sha256', key).update(data).digest('hex');

// RFC 3986: keep A-Za-z0-9-_.~, everything else %XX (upper hex) of its UTF-8 bytes.
function encode(value) {
  return encodeURIComponent(String(value))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Lenient decoding: a malformed %-sequence is kept literally (the signature then simply fails).
function decode(value, plusIsSpace = false) {
  const s = plusIsSpace ? value.replace(/\+/g, ' ') : value;
  try { return decodeURIComponent(s); } catch { return s; }
}

// Each segment of the raw path decoded then re-encoded ('%2F' stays inside its segment),
// and a trailing '/' added for signing.
function canonicalUri(rawPath) {
  const uri = String(rawPath || '/').split('/').map((seg) => encode(decode(seg))).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

const byUtf8 = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// Accepts the raw query string ('a=1&b=x%20y', leading '?' allowed; '+' read as a space like
// Go's url.ParseQuery) or an object {key: value | value[]} of decoded values.
function queryPairs(query) {
  if (query === undefined || query === null) return [];
  if (typeof query === 'object') {
    return Object.entries(query).flatMap(([k, v]) => [].concat(v).map((x) => [k, String(x)]));
  }
  return String(query).replace(/^\?/, '').split('&').filter((p) => p !== '').map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [decode(p, true), ''] : [decode(p.slice(0, i), true), decode(p.slice(i + 1), true)];
  });
}

// Pairs sorted by key, then value (byte order of the decoded strings), RFC 3986-encoded, '&'-joined.
function canonicalQuery(query) {
  return queryPairs(query)
    .sort((a, b) => byUtf8(a[0], b[0]) || byUtf8(a[1], b[1]))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
}

function lowerHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers || {})) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function normalizeSignedHeaders(signedHeaders, headers) {
  if (signedHeaders === undefined) return Object.keys(lowerHeaders(headers)).sort();
  return Array.isArray(signedHeaders) ? signedHeaders : String(signedHeaders).split(';');
}

function canonicalHeaders(headers, signedHeaders) {
  const h = lowerHeaders(headers);
  return signedHeaders.map((name) => `${name}:${(h[name] ?? '').trim()}\n`).join('');
}

function canonicalRequest({ method, path, query, headers, body, signedHeaders }) {
  const names = normalizeSignedHeaders(signedHeaders, headers);
  return [
    String(method || 'GET').toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders(headers, names),
    names.join(';'),
    sha256Hex(body === undefined || body === null ? '' : body),
  ].join('\n');
}

function stringToSign(canonical, date) {
  return `${ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
}

// Pure: returns the hex signature. `date` defaults to the request's X-Sdk-Date header.
// `query` is the raw query string (or an object of decoded values); `signedHeaders` an array or
// 'a;b;c' (default: every given header, lowercased and sorted).
function sign({ method, path, query, headers = {}, body, signedHeaders, sk, date }) {
  const d = date ?? lowerHeaders(headers)['x-sdk-date'];
  if (!d) throw new Error('sign(): date (X-Sdk-Date) is required');
  const canonical = canonicalRequest({ method, path, query, headers, body, signedHeaders });
  return hmacHex(sk, stringToSign(canonical, d));
}

// Convenience for clients/tests: the Authorization header value.
function authorization({ ak, ...rest }) {
  const names = normalizeSignedHeaders(rest.signedHeaders, rest.headers);
  return `${ALGORITHM} Access=${ak}, SignedHeaders=${names.join(';')}, Signature=${sign({ ...rest, signedHeaders: names })}`;
}

// 'YYYYMMDDTHHMMSSZ' (UTC) <-> epoch ms.
function formatSdkDate(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
function parseSdkDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(value ?? '').trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return formatSdkDate(ms) === m[0] ? ms : null; // rejects 20261340T…
}

// 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex' → {ak, signedHeaders[], signature}
function parseAuthorization(value) {
  const m = /^\s*SDK-HMAC-SHA256\s+(.*)$/.exec(String(value ?? ''));
  if (!m) return null;
  const fields = {};
  for (const part of m[1].split(',')) {
    const i = part.indexOf('=');
    if (i > 0) fields[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  if (!fields.Access || !fields.SignedHeaders || !fields.Signature) return null;
  return { ak: fields.Access, signedHeaders: fields.SignedHeaders.split(';'), signature: fields.Signature };
}

const isAkSkRequest = (headers) => /^\s*SDK-HMAC-SHA256(\s|$)/.test(lowerHeaders(headers).authorization || '');

function fail(reason, status, errorCode, message, extra = {}) {
  return { ok: false, reason, status, errorCode, message, ...extra };
}

// Stateless gateway checks of one request, in this order: body size (413), Authorization
// syntax, AK known, X-Sdk-Date present and within ±15 min of `now`, SignedHeaders lowercase +
// sorted + containing host, x-sdk-date (and x-project-id / x-security-token when relevant),
// security token of a temporary key, then the signature itself.
//   req:  {method, url (raw path?query) | path + query, headers, body (Buffer|string)}
//   opts: {keys: [{ak, sk, projectId, securityToken?}] | findKey(ak), now (ms), maxSkewMs, maxBodyBytes}
// Returns {ok: true, ak, key} or {ok: false, reason, status, errorCode, message, ak?, key?}.
// reason: too-large | malformed | unknown-ak | expired | unsigned-header | security-token | bad-signature.
// Stateful rules (lock-out, project match) are the caller's (see auth.js).
function verify(req, opts = {}) {
  const headers = lowerHeaders(req.headers);
  const now = opts.now ?? Date.now();
  const maxSkewMs = opts.maxSkewMs ?? MAX_SKEW_MS;
  const maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const body = req.body ?? '';
  let { path, query } = req;
  if (path === undefined) {
    const url = String(req.url || '/');
    const q = url.indexOf('?');
    path = q < 0 ? url : url.slice(0, q);
    query = q < 0 ? '' : url.slice(q + 1);
  }

  const size = Buffer.isBuffer(body) ? body.length : Buffer.byteLength(String(body));
  if (size > maxBodyBytes) {
    return fail('too-large', 413, 'APIG.0201',
      `Request entity too large: signed request bodies are limited to ${maxBodyBytes} bytes (got ${size})`);
  }
  const auth = parseAuthorization(headers.authorization);
  if (!auth) {
    return fail('malformed', 401, 'APIG.0301',
      `${IAM_PREFIX}malformed Authorization header; expected "${ALGORITHM} Access=..., SignedHeaders=..., Signature=..."`);
  }
  const { ak } = auth;
  const key = typeof opts.findKey === 'function' ? opts.findKey(ak) : (opts.keys || []).find((k) => k.ak === ak);
  if (!key) return fail('unknown-ak', 401, 'APIG.0301', `${IAM_PREFIX}the access key ${ak} does not exist (ak not found)`, { ak });
  const extra = { ak, key };

  const date = parseSdkDate(headers['x-sdk-date']);
  if (date === null) {
    return fail('expired', 401, 'APIG.0301', `${IAM_PREFIX}the request has expired: X-Sdk-Date is missing or not `
      + 'in the format YYYYMMDDTHHMMSSZ (UTC)', extra);
  }
  // X-Sdk-Date has whole seconds, so the server time is truncated to seconds too.
  if (Math.abs(date - Math.floor(now / 1000) * 1000) > maxSkewMs) {
    return fail('expired', 401, 'APIG.0301', `${IAM_PREFIX}the request has expired: X-Sdk-Date `
      + `${headers['x-sdk-date']} differs from the server time ${formatSdkDate(now)} by more than `
      + `${Math.round(maxSkewMs / 60000)} minutes (clock skew)`, extra);
  }

  const names = auth.signedHeaders;
  const sorted = [...names].sort();
  if (names.some((n) => n === '' || n !== n.toLowerCase()) || names.join(';') !== sorted.join(';')
    || new Set(names).size !== names.length) {
    return fail('unsigned-header', 401, 'APIG.0301',
      `${IAM_PREFIX}SignedHeaders must be lowercase, sorted and without duplicates: ${names.join(';')}`, extra);
  }
  const mustSign = ['host', 'x-sdk-date'];
  if ('x-project-id' in headers) mustSign.push('x-project-id');
  if (key.securityToken || 'x-security-token' in headers) mustSign.push('x-security-token');
  if (key.securityToken) {
    if (!headers['x-security-token']) {
      return fail('security-token', 401, 'APIG.0301',
        `${IAM_PREFIX}the access key ${ak} is a temporary key: the X-Security-Token header is required`, extra);
    }
    if (headers['x-security-token'] !== key.securityToken) {
      return fail('security-token', 401, 'APIG.0301',
        `${IAM_PREFIX}the X-Security-Token does not match the temporary access key ${ak}`, extra);
    }
  }
  const missing = mustSign.filter((n) => !names.includes(n));
  if (missing.length) {
    return fail('unsigned-header', 401, 'APIG.0301',
      `${IAM_PREFIX}these headers must be signed (listed in SignedHeaders): ${missing.join(', ')}`, extra);
  }

  const expected = sign({ method: req.method, path, query, headers, body, signedHeaders: names, sk: key.sk, date: headers['x-sdk-date'] });
  const given = String(auth.signature); // compared exactly: the SDKs send lower-case hex
  const same = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!same) return fail('bad-signature', 401, 'APIG.0301', SIGNATURE_FAIL, extra);
  return { ok: true, ...extra };
}

module.exports = {
  ALGORITHM, MAX_SKEW_MS, MAX_BODY_BYTES, SIGNATURE_FAIL,
  sign, verify, authorization,
  encode, canonicalUri, canonicalQuery, canonicalHeaders, canonicalRequest, stringToSign,
  parseAuthorization, parseSdkDate, formatSdkDate, isAkSkRequest, sha256Hex,
};
