'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { buildState, evolve } = require('./state');
const timeline = require('./timeline');
const { normalizeBulk } = require('./generate');
const { matchRoute } = require('./routes');
const { authenticate } = require('./auth');
const { CODES, secError, gatewayError } = require('./errors');
const { normalizeFault, takeFault, faultResponse } = require('./faults');
const { handleControl } = require('./control');
const { DEFAULT_TOKEN_TTL_MS } = require('./iam');
const soc = require('./soc');

const JSON_TYPE = 'application/json;charset=UTF-8';
const DEFAULT_FIXTURE = path.join(__dirname, 'fixtures', 'default.json');

function loadFixture(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function parseQuery(rawQuery) {
  const query = {};
  for (const [k, v] of new URLSearchParams(rawQuery)) {
    if (k in query) query[k] = [].concat(query[k], v);
    else query[k] = v;
  }
  return query;
}

function tryJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks))); // raw bytes: AK/SK signs them exactly
    req.on('error', reject);
  });
}

function send(res, status, text, headers) {
  if (res.destroyed || res.writableEnded) return; // client gave up during a delay
  // setHeader merges case-insensitively, so a fault's 'content-type' replaces our 'Content-Type'.
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.writeHead(status);
  res.end(text);
}

// Callbacks that see every request any simulator of this process records: a test run can
// check all of them (test/setup/wireSecrets.ts) without each test file remembering to.
const requestObservers = new Set();
function observeRequests(observer) {
  requestObservers.add(observer);
  return () => requestObservers.delete(observer);
}

function createSimulator(options = {}) {
  const fixture = options.fixture || loadFixture(DEFAULT_FIXTURE);
  const baseClock = options.clock || Date.now;
  const durations = {
    retryDurationMs: options.retryDurationMs ?? 2000,
    terminateDurationMs: options.terminateDurationMs ?? 500,
  };
  let clockOffset = 0; // moved by POST /__sim/clock for out-of-process tests
  const defaultTokenTtlMs = checkTtl(options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
  let tokenTtlMs = defaultTokenTtlMs; // lifetime of tokens issued by POST /v3/auth/tokens
  const defaultTokenMarginMs = checkMargin(options.tokenMarginMs ?? 0);
  let tokenMarginMs = defaultTokenMarginMs; // a token with this little life left counts as nearExpiry
  const clock = () => baseClock() + clockOffset;
  // Generated records are spread back from the clock at construction, so reset() rebuilds
  // exactly the same ones even after the clock moved (`bulk.anchor`: epoch ms or ISO to fix it).
  const bulk = normalizeBulk(options.bulk);
  const anchorOption = options.bulk && options.bulk.anchor;
  const bulkAnchor = anchorOption === undefined ? clock()
    : typeof anchorOption === 'number' ? anchorOption : Date.parse(anchorOption);
  if (!Number.isFinite(bulkAnchor)) throw new Error(`bulk.anchor must be epoch ms or an ISO time: ${anchorOption}`);
  // options.feed = {everyMs, runMs?, max?}: a new alert and a failing instance every everyMs.
  const feed = timeline.normalizeFeed(options.feed);
  const build = () => buildState(fixture, clock(), { bulk, anchor: bulkAnchor, feed });

  // options.evolveEveryMs: how often (simulator clock) requests bring statuses up to date; 0 = on every request.
  const evolveEveryMs = Number(options.evolveEveryMs) || 0;
  let state = build();
  let faults = [];
  const requests = [];
  const sockets = new Set();
  const timers = new Set();
  let server = null;

  const sleep = (ms) => new Promise((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  const sim = {
    url: null,
    requests,
    get state() { evolve(state, clock(), durations); return state; },
    get faults() { return faults; },
    clearRequests() { requests.length = 0; },
    clearFaults() { faults = []; },
    injectFault(fault) {
      const list = (Array.isArray(fault) ? fault : [fault]).map(normalizeFault);
      faults.push(...list);
      return list;
    },
    get tokenTtlMs() { return tokenTtlMs; },
    setTokenTtl(ms) { tokenTtlMs = checkTtl(ms); return tokenTtlMs; },
    get tokenMarginMs() { return tokenMarginMs; },
    setTokenMargin(ms) { tokenMarginMs = checkMargin(ms); return tokenMarginMs; },
    get tokenUse() { return { ...state.tokenUse }; },
    reset() {
      clockOffset = 0;
      tokenTtlMs = defaultTokenTtlMs;
      tokenMarginMs = defaultTokenMarginMs;
      state = build();
      faults = [];
      requests.length = 0;
    },
    advanceClock(ms) { clockOffset += Number(ms) || 0; return clock(); },
    // Records and status changes now or at a later simulator time ({at} epoch ms/time, {afterMs}).
    addAlerts(alerts, when) { return settled(timeline.addAlerts(state, clock(), alerts, when)); },
    addInstances(instances, when) { return settled(timeline.addInstances(state, clock(), instances, when)); },
    setInstanceStatus(id, status, when) { return settled(timeline.setInstanceStatus(state, clock(), id, status, when)); },
    // An alert's or incident's handle_status (Open, Block, Closed), now or at `when`.
    setHandleStatus(object, id, status, when, closeReason) {
      return settled(timeline.setHandleStatus(state, clock(), object, id, status, when, closeReason));
    },
    // SOC objects (incidents, indicators, notes, workflows, workflow instances) and workflow outcomes.
    seedSoc(body) { return settled(soc.seed(state, clock(), body)); },
    queueWorkflowOutcome(workflowId, outcome) { return soc.queueOutcome(state, workflowId, outcome); },
    setWorkflowInstanceOutcome(id, outcome) { return settled(soc.setInstanceOutcome(state, id, outcome, clock())); },
    // Starts (ticks counted from now) or, with null, stops the demo feed; reset() restores the option.
    setFeed(feedOptions) {
      const f = timeline.normalizeFeed(feedOptions);
      state.feed = f && { ...f, origin: clock(), ticks: 0 };
      return state.feed;
    },
    now: clock,
    fixture,
    bulk: { ...bulk, anchor: bulkAnchor },

    async start(port = 0, host = '127.0.0.1') {
      server = http.createServer((req, res) => {
        handle(req, res).catch((err) => {
          send(res, 500, JSON.stringify({ code: CODES.INTERNAL, message: `Simulator error: ${err.message}` }),
            { 'Content-Type': JSON_TYPE });
        });
      });
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        // A queue for a burst of connections (a node sending 500 requests at once, each on a connection
        // of its own): Node's default of 511 overflowed on a busy machine and reset some of them.
        server.listen({ port, host, backlog: 4096 }, resolve);
      });
      const addr = server.address();
      const shownHost = addr.family === 'IPv6' || addr.family === 6 ? `[${addr.address}]` : addr.address;
      sim.url = `http://${shownHost}:${addr.port}`;
      state.startedAt = clock(); // finishesAfterMs counts from start, not from construction
      if (state.feed && !state.feed.ticks) state.feed.origin = state.startedAt; // so does the feed
      return { url: sim.url };
    },

    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (!server) return;
      const s = server;
      server = null;
      const closed = new Promise((resolve) => s.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
  };

  // Something due now shows at once, also when requests evolve the state only every evolveEveryMs.
  function settled(result) {
    evolve(state, clock(), durations);
    return result;
  }

  async function handle(req, res) {
    const raw = await readBody(req);
    const text = raw.toString('utf8');
    const qIndex = req.url.indexOf('?');
    const pathname = qIndex < 0 ? req.url : req.url.slice(0, qIndex);
    const query = parseQuery(qIndex < 0 ? '' : req.url.slice(qIndex + 1));
    if (pathname === '/__sim' || pathname.startsWith('/__sim/')) {
      return handleControl(sim, { method: req.method, pathname, text }, (status, body) =>
        send(res, status, JSON.stringify(body), { 'Content-Type': JSON_TYPE }));
    }

    const requestId = `${randomUUID()}-${clock()}-secmaster-simulator`;
    const baseHeaders = { 'X-request-id': requestId };
    const match = matchRoute(req.method, pathname);
    const record = {
      method: req.method, path: req.url, pathname, query, headers: { ...req.headers },
      remotePort: req.socket.remotePort, // tells apart the clients (processes) on one machine
      body: text, json: tryJson(text), route: match ? match.route.name : null, time: clock(),
      requestId, // the X-request-id this request is answered with
      auth: null, // 'token' | 'aksk' once the gateway accepted the credentials
      tokenLeftMs: null, // a known token's life left on arrival (negative: expired; null: no expiry)
    };
    requests.push(record);
    for (const observer of requestObservers) observer(record, sim);

    const fault = takeFault(faults, match ? match.route.name : null, req.method);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.kind === 'reset') return req.socket.destroy();
      if (fault.kind !== 'slow') {
        const r = faultResponse(fault, requestId);
        const type = r.contentType === 'html' ? 'text/html' : JSON_TYPE;
        return send(res, r.status, r.text, { ...baseHeaders, 'Content-Type': type, ...fault.headers });
      }
    }

    const reply = (r) => send(res, r.status, JSON.stringify(r.body),
      { ...baseHeaders, 'Content-Type': JSON_TYPE, ...r.headers });

    if (!match) {
      return reply(gatewayError(404, 'APIG.0101',
        'The API does not exist or has not been published in the environment', requestId));
    }
    const now = clock();
    const ctx = {
      state, fixture, params: match.params, query, headers: req.headers, requestId, now, text,
      method: req.method, url: req.url, body: raw, tokenTtlMs, tokenMarginMs, record,
    };
    if (!match.route.noAuth) {
      const { auth, error } = authenticate(ctx);
      record.auth = auth;
      if (error) return reply(error);
    }

    const { route } = match;
    const extraHeaders = route.ruleRoute && fixture.deprecationHeaders ? deprecationHeaders(fixture) : {};
    const result = (() => {
      if (route.optionalJson && !text.trim()) {
        ctx.json = {};
      } else if (route.json || route.optionalJson) {
        const type = String(req.headers['content-type'] || '');
        if (!/^application\/json\b/i.test(type)) {
          return secError(400, CODES.UNSUPPORTED_MEDIA_TYPE, `Unsupported Content-Type: ${type || '(none)'}; expected application/json`);
        }
        ctx.json = tryJson(text);
        if (ctx.json === null || typeof ctx.json !== 'object' || Array.isArray(ctx.json)) {
          return secError(400, CODES.INVALID_BODY, 'Invalid request body');
        }
      }
      // Bringing every instance up to date costs a scan of all of them: a load test
      // (thousands of requests over thousands of instances) can ask for it less often.
      if (state.lastEvolvedAt === undefined || now - state.lastEvolvedAt >= evolveEveryMs || now < state.lastEvolvedAt) {
        evolve(state, now, durations);
        state.lastEvolvedAt = now;
      }
      return route.handler(ctx);
    })();
    return reply({ ...result, headers: { ...extraHeaders, ...result.headers } });
  }

  return sim;
}

function checkTtl(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`tokenTtlMs must be a positive number of milliseconds: ${ms}`);
  return n;
}

function checkMargin(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n) || n < 0) throw new Error(`tokenMarginMs must be zero or a positive number of milliseconds: ${ms}`);
  return n;
}

function deprecationHeaders(fixture) {
  const d = typeof fixture.deprecationHeaders === 'object' ? fixture.deprecationHeaders : {};
  return {
    'X-API-Deprecation-Info': d.info || 'This API version is deprecated and will be taken offline; migrate to the replacement API.',
    'X-API-Deprecation-Date': d.date || '2027-06-30T00:00:00Z',
  };
}

module.exports = { createSimulator, observeRequests, loadFixture, DEFAULT_FIXTURE };
