'use strict';
// Exercises every route, state rule, auth rule and fault kind. Run: node simulator/selftest.js
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createSimulator, observeRequests, loadFixture, DEFAULT_FIXTURE } = require('./server');
const { publicInstance: publicInstanceOf } = require('./state');
const sig = require('./signature');

const FX = loadFixture(DEFAULT_FIXTURE);
const P = FX.projectId;
const TOKEN = FX.tokens.find((t) => !t.expiresAt).value;
const EXPIRED = FX.tokens.find((t) => t.expiresAt).value;
const [PROD, STAGING] = FX.workspaces.map((w) => w.id);
const WS = `/v1/${P}/workspaces/${PROD}`;
const inst = (name, status) => FX.instances.find((i) => i.name.startsWith(name) && i.status === status).id;
const FAILED_OK = inst('Auto-block', 'FAILED'); // retryOutcome FINISHED
const FAILED_AGAIN = inst('Ransomware', 'FAILED'); // retryOutcome FAILED
const FAILED_MIXED = inst('Phishing', 'Failed'); // seed-style mixed case
const RUNNING_SOON = inst('Auto-block', 'RUNNING'); // finishesAfterMs 30000 → FINISHED
const RUNNING_FAILS = inst('Daily compliance', 'RUNNING'); // finishesAfterMs 60000 → FAILED
const RUNNING_FOREVER = inst('Ransomware', 'RUNNING');
const FINISHED = inst('Daily compliance', 'FINISHED');
const STAGING_INST = FX.instances.find((i) => i.workspace_id === STAGING).id;
const V1 = FX.versions[0].id;
const R1 = FX.versions[0].rule_id;
const R1_OLD = FX.versions[1].rule_id; // belongs to another version of the same playbook
const V_STAGING = FX.versions.find((v) => v.version === 'v0.9.0').id;
const ruleUrl = (v = V1, r = R1) => `${WS}/soc/playbooks/versions/${v}/rules/${r}`;
const opUrl = (id) => `${WS}/soc/playbooks/instances/${id}/operation`;
const REQ_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\d+-secmaster-simulator$/;
const JSON_CT = 'application/json;charset=UTF-8';
const KEY = FX.accessKeys.find((k) => !k.securityToken);
const TEMP_KEY = FX.accessKeys.find((k) => k.securityToken);
const USER = FX.iamUsers[0];
const SIG_FAIL = /^Incorrect IAM authentication information: verify aksk signature fail$/;

let now = Date.parse('2026-11-23T04:00:00Z');
const sim = createSimulator({ clock: () => now });

async function call(method, url, { token = TOKEN, body, contentType = JSON_CT, headers = {}, base = sim.url } = {}) {
  const h = { ...headers };
  if (token) h['X-Auth-Token'] = token;
  if (body !== undefined) h['Content-Type'] = contentType;
  const res = await fetch(base + url, {
    method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}
const operate = (id, operation) => call('POST', opUrl(id), { body: operation === undefined ? {} : { operation } });
const status = async (id) => (await call('GET', `${WS}/soc/playbooks/instances/${id}`)).json.status;
const ctl = (method, url, body) => fetch(sim.url + url, {
  method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
}).then(async (r) => ({ status: r.status, json: await r.json() }));

// A request signed with signature.js the way the Huawei SDKs do it. `signed` overrides the
// SignedHeaders list, `sendBody` sends other bytes than were signed, `alter(headers)` edits the
// headers after signing.
async function signedCall(method, url, {
  key = KEY, body, contentType = JSON_CT, headers = {}, signed, date = sig.formatSdkDate(sim.now()),
  projectId = P, securityToken = key.securityToken, sk = key.sk, sendBody, sendUrl = url, alter,
} = {}) {
  const h = { host: new URL(sim.url).host, 'x-sdk-date': date, ...headers }; // date null: header left out
  if (projectId !== null) h['x-project-id'] = projectId;
  if (securityToken) h['x-security-token'] = securityToken;
  if (body !== undefined) h['content-type'] = contentType;
  for (const k of Object.keys(h)) if (h[k] === null) delete h[k];
  const q = url.indexOf('?');
  const bytes = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  h.authorization = sig.authorization({
    ak: key.ak, sk, method, path: q < 0 ? url : url.slice(0, q), query: q < 0 ? '' : url.slice(q + 1),
    headers: h, body: bytes, signedHeaders: signed, date: date ?? sig.formatSdkDate(sim.now()),
  });
  if (alter) alter(h);
  delete h.host; // fetch sends the same value itself
  const res = await fetch(sim.url + sendUrl, { method, headers: h, body: body === undefined && sendBody === undefined ? undefined : sendBody ?? bytes });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}
const lastRecord = () => sim.requests[sim.requests.length - 1];
const iamBody = ({ domain = USER.domainName, user = USER.userName, password = USER.password, project = { name: FX.projectName } } = {}) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { domain: { name: domain }, name: user, password } } },
    scope: { project },
  },
});
const login = (opts, body = iamBody(opts)) => call('POST', '/v3/auth/tokens', { token: null, body, contentType: 'application/json' });

function expectSec(r, httpStatus, code, msg) {
  assert.equal(r.status, httpStatus, r.text);
  assert.equal(r.json.code, code, r.text);
  if (msg) assert.match(r.json.message, msg);
  assert.match(r.headers.get('x-request-id'), REQ_ID);
}
function expectApig(r, httpStatus, code, msg) {
  assert.equal(r.status, httpStatus, r.text);
  assert.equal(r.json.error_code, code);
  assert.match(r.json.error_msg, msg);
  assert.equal(r.json.request_id, r.headers.get('x-request-id'));
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('headers: X-request-id and JSON content type', async () => {
  const r = await call('GET', `/v1/${P}/workspaces?offset=0&limit=10`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('x-request-id'), REQ_ID);
  assert.equal(r.headers.get('content-type'), JSON_CT);
});

test('listWorkspaces', async () => {
  let r = await call('GET', `/v1/${P}/workspaces?offset=0&limit=10`);
  assert.equal(r.json.count, 2);
  assert.deepEqual(Object.keys(r.json.workspaces[0]).sort(), ['create_time', 'description', 'id', 'name', 'project_id']);
  assert.deepEqual(r.json.workspaces.map((w) => w.name), ['SOC-Production', 'SOC-Staging']);
  r = await call('GET', `/v1/${P}/workspaces?offset=1&limit=1`);
  assert.deepEqual([r.json.count, r.json.workspaces[0].id], [2, STAGING]);
  expectSec(await call('GET', `/v1/${P}/workspaces?limit=abc`), 400, 'SecMaster.20040001', /limit/);
});

test('listPlaybooks: paging, required parameters', async () => {
  let r = await call('GET', `${WS}/soc/playbooks?offset=0&limit=1`);
  assert.equal(r.status, 200);
  assert.deepEqual({ ...r.json, data: undefined }, { code: '00000000', message: '', total: 4, size: 1, page: 1, data: undefined });
  assert.deepEqual(Object.keys(r.json.data[0]).sort(), ['create_time', 'dataclass_id', 'dataclass_name', 'description', 'enabled',
    'id', 'name', 'update_time', 'version', 'version_id']);
  assert.equal(r.json.data[0].version, 'v1.2.0');
  r = await call('GET', `${WS}/soc/playbooks?offset=2&limit=2`);
  assert.deepEqual([r.json.size, r.json.page], [2, 2]);
  r = await call('GET', `/v1/${P}/workspaces/${STAGING}/soc/playbooks?offset=0&limit=1000`);
  assert.equal(r.json.total, 1);
  expectSec(await call('GET', `${WS}/soc/playbooks?limit=1`), 400, 'SecMaster.20040001', /offset/);
  expectSec(await call('GET', `${WS}/soc/playbooks?offset=0`), 400, 'SecMaster.20040001', /limit/);
  expectSec(await call('GET', `${WS}/soc/playbooks?offset=0&limit=0`), 400, 'SecMaster.20040001', /limit/);
  expectSec(await call('GET', `${WS}/soc/playbooks?offset=0&limit=1001`), 400, 'SecMaster.20040001', /limit/);
  expectSec(await call('GET', `${WS}/soc/playbooks?offset=-1&limit=5`), 400, 'SecMaster.20040001', /offset/);
});

test('listInstances: filters and limits', async () => {
  let r = await call('GET', `${WS}/soc/playbooks/instances?limit=100&offset=0`);
  assert.equal(r.json.count, 8);
  assert.ok(!('workspace_id' in r.json.instances[0]) && !('retryOutcome' in r.json.instances[0]));
  r = await call('GET', `${WS}/soc/playbooks/instances?limit=100&offset=0&status=failed`);
  assert.deepEqual(r.json.instances.map((i) => i.id).sort(), [FAILED_OK, FAILED_AGAIN, FAILED_MIXED].sort());
  r = await call('GET', `${WS}/soc/playbooks/instances?limit=100&offset=0&playbook_name=${encodeURIComponent('Ransomware containment')}`);
  assert.equal(r.json.count, 2);
  r = await call('GET', `${WS}/soc/playbooks/instances?limit=1&offset=0&name=compliance`);
  assert.deepEqual([r.json.count, r.json.instances.length], [2, 1]);
  r = await call('GET', `/v1/${P}/workspaces/${STAGING}/soc/playbooks/instances?limit=10&offset=0`);
  assert.equal(r.json.count, 2);
  expectSec(await call('GET', `${WS}/soc/playbooks/instances?offset=0`), 400, 'SecMaster.20040001', /limit/);
  expectSec(await call('GET', `${WS}/soc/playbooks/instances?limit=10`), 400, 'SecMaster.20040001', /offset/);
  expectSec(await call('GET', `${WS}/soc/playbooks/instances?limit=5000&offset=5000`), 400, 'SecMaster.20040001', /10000/);
});

test('getInstance: unwrapped, 404 for unknown or other workspace', async () => {
  const r = await call('GET', `${WS}/soc/playbooks/instances/${FAILED_OK}`);
  assert.deepEqual(Object.keys(r.json), ['id', 'name', 'project_id', 'playbook', 'dataclass', 'dataobject',
    'status', 'trigger_type', 'start_time', 'end_time']);
  assert.deepEqual(Object.keys(r.json.playbook), ['id', 'version_id', 'name', 'version']);
  assert.equal(r.json.status, 'FAILED');
  expectSec(await call('GET', `${WS}/soc/playbooks/instances/00000000-0000-4000-8000-000000000000`), 404, 'SecMaster.20040404', /not found/);
  expectSec(await call('GET', `${WS}/soc/playbooks/instances/${STAGING_INST}`), 404, 'SecMaster.20040404');
});

test('auth: gateway order and messages', async () => {
  const url = `${WS}/soc/playbooks?offset=0&limit=1`;
  expectApig(await call('GET', url, { token: null }), 401, 'APIG.0301', /^Incorrect IAM authentication information: /);
  expectApig(await call('GET', url, { token: 'demo-token-nope' }), 401, 'APIG.0301', /Incorrect IAM authentication information/);
  expectApig(await call('GET', url, { token: EXPIRED }), 401, 'APIG.0301', /expired/);
  expectSec(await call('GET', `/v1/1ed265df3efb0083e71770a52453ba30/workspaces/${PROD}/soc/playbooks?offset=0&limit=1`),
    403, 'SecMaster.20010001', /project/);
  expectSec(await call('GET', `/v1/1ed265df3efb0083e71770a52453ba30/workspaces`), 403, 'SecMaster.20010001', /project/);
  expectSec(await call('GET', `/v1/${P}/workspaces/nope/soc/playbooks?offset=0&limit=1`), 403, 'SecMaster.20010001',
    /^Workspace not found: nope/);
  // Unknown routes are rejected before the token is even looked at.
  const nf = /The API does not exist or has not been published in the environment/;
  expectApig(await call('GET', `${WS}/soc/nothing`, { token: null }), 404, 'APIG.0101', nf);
  expectApig(await call('DELETE', `${WS}/soc/playbooks/instances/${FAILED_OK}`), 404, 'APIG.0101', nf);
  expectApig(await call('GET', `${WS}/soc/playbooks/`), 404, 'APIG.0101', nf);
});

test('routing: %2F stays inside its segment; raw path recorded', async () => {
  sim.clearRequests();
  const r = await call('GET', `${WS}/soc/playbooks/instances/a%2Fb`);
  expectSec(r, 404, 'SecMaster.20040404', /a\/b/);
  const rec = sim.requests[0];
  assert.equal(rec.path, `${WS}/soc/playbooks/instances/a%2Fb`);
  assert.equal(rec.route, 'getInstance');
});

test('operateInstance: RETRY lifecycle', async () => {
  const r = await operate(FAILED_OK, 'RETRY');
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.id, r.json.status, r.json.end_time], [FAILED_OK, 'RETRYING', null]);
  assert.deepEqual(sim.state.appliedOperations, [{ instanceId: FAILED_OK, operation: 'RETRY', time: now }]);
  assert.equal(sim.state.retriesToday[PROD], 1);
  now += 1999;
  assert.equal(await status(FAILED_OK), 'RETRYING');
  now += 1;
  const done = (await call('GET', `${WS}/soc/playbooks/instances/${FAILED_OK}`)).json;
  assert.equal(done.status, 'FINISHED');
  assert.match(done.end_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\+0800$/);
  expectSec(await operate(FAILED_OK, 'RETRY'), 400, 'SecMaster.20040409',
    /cannot be retried in status FINISHED; only FAILED instances can be retried/);
  // retryOutcome FAILED: the instance fails again and can be retried again.
  assert.equal((await operate(FAILED_AGAIN, 'RETRY')).json.status, 'RETRYING');
  now += 2000;
  assert.equal(await status(FAILED_AGAIN), 'FAILED');
  assert.equal((await operate(FAILED_AGAIN, 'RETRY')).status, 200);
  // Status is compared case-insensitively (the seed writes "Failed").
  assert.equal((await operate(FAILED_MIXED, 'RETRY')).json.status, 'RETRYING');
  expectSec(await operate(RUNNING_FOREVER, 'RETRY'), 400, 'SecMaster.20040409',
    /cannot be retried in status RUNNING; only FAILED instances can be retried/);
  assert.equal(sim.state.appliedOperations.length, 4);
  assert.equal(sim.state.retriesToday[PROD], 4);
});

test('operateInstance: TERMINATE lifecycle', async () => {
  let r = await operate(RUNNING_FOREVER, 'TERMINATE');
  assert.equal(r.json.status, 'TERMINATING');
  now += 499;
  assert.equal(await status(RUNNING_FOREVER), 'TERMINATING');
  now += 1;
  assert.equal(await status(RUNNING_FOREVER), 'TERMINATED');
  expectSec(await operate(RUNNING_FOREVER, 'TERMINATE'), 400, 'SecMaster.20040409', /TERMINATED/);
  expectSec(await operate(FINISHED, 'TERMINATE'), 400, 'SecMaster.20040409', /cannot be terminated in status FINISHED/);
  await operate(FAILED_OK, 'RETRY');
  r = await operate(FAILED_OK, 'TERMINATE'); // RETRYING can be terminated
  assert.equal(r.json.status, 'TERMINATING');
  now += 5000;
  assert.equal(await status(FAILED_OK), 'TERMINATED');
  assert.deepEqual(sim.state.appliedOperations.map((o) => o.operation), ['TERMINATE', 'RETRY', 'TERMINATE']);
});

test('operateInstance: fixture RUNNING instances finish with the clock', async () => {
  now += 29999;
  assert.equal(await status(RUNNING_SOON), 'RUNNING');
  now += 1;
  assert.equal(await status(RUNNING_SOON), 'FINISHED');
  assert.equal(await status(RUNNING_FAILS), 'RUNNING');
  now += 30000;
  assert.equal(await status(RUNNING_FAILS), 'FAILED');
  const r = await call('GET', `${WS}/soc/playbooks/instances/${RUNNING_FAILS}`);
  assert.notEqual(r.json.end_time, null);
});

test('operateInstance: body validation', async () => {
  expectSec(await operate(FAILED_OK, 'PAUSE'), 400, 'SecMaster.20040001', /operation/);
  expectSec(await operate(FAILED_OK, 'retry'), 400, 'SecMaster.20040001', /operation/);
  expectSec(await operate(FAILED_OK), 400, 'SecMaster.20040001', /operation/);
  expectSec(await call('POST', opUrl(FAILED_OK), { body: '{"operation":', contentType: JSON_CT }), 400,
    'SecMaster.20040002', /^Invalid request body$/);
  expectSec(await call('POST', opUrl(FAILED_OK), { body: '["RETRY"]' }), 400, 'SecMaster.20040002');
  expectSec(await call('POST', opUrl(FAILED_OK), { body: '{"operation":"RETRY"}', contentType: 'text/plain' }), 400,
    'SecMaster.20040003', /Content-Type/);
  expectSec(await call('POST', opUrl(FAILED_OK)), 400, 'SecMaster.20040003');
  expectSec(await operate('00000000-0000-4000-8000-000000000000', 'RETRY'), 404, 'SecMaster.20040404');
  assert.equal(sim.state.appliedOperations.length, 0);
});

test('operateInstance: 100 retries per workspace per UTC day', async () => {
  sim.state.retriesToday[PROD] = 100;
  expectSec(await operate(FAILED_OK, 'RETRY'), 400, 'SecMaster.20040429', /daily retry limit/i);
  assert.equal(await status(FAILED_OK), 'FAILED');
  // Another workspace has its own budget.
  const r = await call('POST', `/v1/${P}/workspaces/${STAGING}/soc/playbooks/instances/${STAGING_INST}/operation`,
    { body: { operation: 'RETRY' } });
  assert.equal(r.status, 200);
  now += 24 * 3600e3; // next UTC day
  assert.equal((await operate(FAILED_OK, 'RETRY')).status, 200);
  assert.equal(sim.state.retriesToday[PROD], 1);
});

test('getRule / updateRule', async () => {
  let r = await call('GET', ruleUrl());
  assert.equal(r.status, 200);
  assert.equal(r.json.code, 0);
  assert.deepEqual({ id: r.json.data.id, project_id: r.json.data.project_id }, { id: R1, project_id: P });
  assert.equal(typeof r.json.data.rule, 'string');
  assert.deepEqual(JSON.parse(r.json.data.rule), FX.rules[R1].rule);
  assert.equal(r.headers.get('x-api-deprecation-info'), null);

  const timer = { cron: '0 0 3 * * ?', schedule_type: 'day', start_type: 'IMMEDIATELY', end_type: 'FOREVER',
    repeat_range: '2026-11-24T03:00:00Z+0800', only_once: false, execution_type: 'PARALLEL' };
  r = await call('PUT', ruleUrl(), { body: { rule: timer } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.code, r.json.message, r.json.data.id], [0, '', R1]);
  assert.deepEqual(JSON.parse(r.json.data.rule), timer); // replaced, not merged
  assert.deepEqual(sim.state.rules[R1].rule, timer);
  const event = { expression_type: 'common', conditions: [{ name: 'condition_0', detail: 'x', data: ['waf.alarm.level', '>', '3'] }],
    logics: ['condition_0'] };
  r = await call('PUT', ruleUrl(), { body: { rule: JSON.stringify(event) } }); // Terraform style
  assert.deepEqual(JSON.parse(r.json.data.rule), event);
  assert.deepEqual(JSON.parse((await call('GET', ruleUrl())).json.data.rule), event);

  expectSec(await call('PUT', ruleUrl(), { body: { rule: 'not json' } }), 400, 'SecMaster.20040001', /rule/);
  expectSec(await call('PUT', ruleUrl(), { body: { rule: '[1,2]' } }), 400, 'SecMaster.20040001', /rule/);
  expectSec(await call('PUT', ruleUrl(), { body: {} }), 400, 'SecMaster.20040001', /rule/);
  expectSec(await call('PUT', ruleUrl(), { body: { rule: 42 } }), 400, 'SecMaster.20040001', /rule/);
  expectSec(await call('PUT', ruleUrl(), { body: 'nope' }), 400, 'SecMaster.20040002', /Invalid request body/);
  expectSec(await call('PUT', ruleUrl(), { body: { rule: event }, contentType: 'text/plain' }), 400, 'SecMaster.20040003');
  for (const [v, rid] of [['00000000-0000-4000-8000-000000000000', R1], [V1, '00000000-0000-4000-8000-000000000000'],
    [V1, R1_OLD], [V_STAGING, FX.versions.find((x) => x.id === V_STAGING).rule_id]]) {
    expectSec(await call('GET', ruleUrl(v, rid)), 400, 'SecMaster.20048004', /not found/);
    expectSec(await call('PUT', ruleUrl(v, rid), { body: { rule: event } }), 400, 'SecMaster.20048004', /not found/);
  }
});

test('rule routes: deprecation headers and fixture response code', async () => {
  const other = createSimulator({ fixture: { ...FX, deprecationHeaders: true, ruleResponseCode: '0' } });
  const { url } = await other.start();
  try {
    const res = await fetch(url + ruleUrl(), { headers: { 'X-Auth-Token': TOKEN } });
    assert.ok(res.headers.get('x-api-deprecation-info'));
    assert.ok(res.headers.get('x-api-deprecation-date'));
    assert.equal((await res.json()).code, '0');
    const plain = await fetch(`${url}${WS}/soc/playbooks?offset=0&limit=1`, { headers: { 'X-Auth-Token': TOKEN } });
    assert.equal(plain.headers.get('x-api-deprecation-info'), null);
  } finally { await other.stop(); }
});

test('recording: every request incl. rejected ones, never control calls', async () => {
  const observed = [];
  const stopObserving = observeRequests((record, from) => observed.push([record, from]));
  await call('POST', opUrl(FAILED_OK), { token: null, body: { operation: 'RETRY' }, headers: { 'X-Custom': 'Yes' } });
  await call('GET', '/nowhere?x=1&x=2');
  await ctl('GET', '/__sim/health');
  stopObserving();
  await call('GET', '/nowhere');
  sim.requests.pop();
  assert.equal(sim.requests.length, 2);
  assert.deepEqual(observed, sim.requests.map((record) => [record, sim]));
  const [a, b] = sim.requests;
  assert.deepEqual([a.method, a.route, a.pathname, a.body], ['POST', 'operateInstance', opUrl(FAILED_OK), '{"operation":"RETRY"}']);
  assert.deepEqual(a.json, { operation: 'RETRY' });
  assert.equal(a.headers['x-custom'], 'Yes');
  assert.equal(typeof a.time, 'number');
  assert.deepEqual([b.route, b.path, b.query, b.json], [null, '/nowhere?x=1&x=2', { x: ['1', '2'] }, undefined]);
  const viaHttp = await ctl('GET', '/__sim/requests');
  assert.equal(viaHttp.json.length, 2);
  assert.deepEqual(await ctl('DELETE', '/__sim/requests').then((r) => r.json), { cleared: 2 });
  assert.equal(sim.requests.length, 0);
});

test('faults: http kind defaults, count, order, route and method filters, before auth', async () => {
  sim.injectFault([{ route: 'listPlaybooks', status: 429, count: 2 }, { route: 'listPlaybooks', status: 503 }]);
  const url = `${WS}/soc/playbooks?offset=0&limit=1`;
  for (let i = 0; i < 2; i++) expectApig(await call('GET', url, { token: null }), 429, 'APIG.0308', /throttling threshold/);
  expectApig(await call('GET', url), 503, 'APIG.0202', /Backend unavailable/);
  assert.equal((await call('GET', url)).status, 200);
  sim.injectFault({ route: 'operateInstance', method: 'get', status: 400 }); // method never matches
  sim.injectFault({ route: 'getInstance', status: 400, headers: { 'Retry-After': '3' } });
  assert.equal((await call('GET', url)).status, 200);
  let r = await call('GET', `${WS}/soc/playbooks/instances/${FAILED_OK}`);
  expectSec(r, 400, 'SecMaster.00000000', /^Injected fault$/);
  assert.equal(r.headers.get('retry-after'), '3');
  sim.clearFaults();
  sim.injectFault({ status: 418, body: 'teapot', count: Infinity }); // no route: any request, even unknown paths
  for (const u of [url, '/nowhere', ruleUrl()]) assert.deepEqual([(r = await call('GET', u)).status, r.text], [418, 'teapot']);
  assert.equal(sim.faults.length, 1);
  sim.clearFaults();
  assert.equal((await call('GET', url)).status, 200);
  assert.equal(sim.requests.filter((q) => q.route === 'listPlaybooks').length, 7);
});

test('faults: reset, malformed, empty, html, slow, delayed http', async () => {
  const url = `${WS}/soc/playbooks?offset=0&limit=1`;
  sim.injectFault({ kind: 'reset' });
  await assert.rejects(call('GET', url));
  sim.injectFault({ kind: 'malformed' });
  let r = await call('GET', url);
  assert.deepEqual([r.status, r.text, r.json], [200, '{"id": ', undefined]);
  assert.match(r.headers.get('x-request-id'), REQ_ID);
  sim.injectFault([{ kind: 'empty' }, { kind: 'empty', status: 503 }]);
  assert.deepEqual([(r = await call('GET', url)).status, r.text], [200, '']);
  assert.deepEqual([(r = await call('GET', url)).status, r.text], [503, '']);
  sim.injectFault({ kind: 'html' });
  r = await call('GET', url);
  assert.equal(r.status, 502);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /<h1>502 Bad Gateway<\/h1>/);
  sim.injectFault({ kind: 'slow', delayMs: 150 });
  let t0 = Date.now();
  r = await call('GET', url);
  assert.ok(Date.now() - t0 >= 140);
  assert.equal(r.json.code, '00000000');
  sim.injectFault({ status: 504, delayMs: 100 });
  t0 = Date.now();
  r = await call('GET', url);
  assert.ok(Date.now() - t0 >= 90);
  expectApig(r, 504, 'APIG.0202', /Backend unavailable/);
  assert.equal(sim.requests.length, 7);
  assert.throws(() => sim.injectFault({ kind: 'boom' }), /unknown fault kind/);
});

test('control API over HTTP', async () => {
  const health = await ctl('GET', '/__sim/health');
  assert.deepEqual([health.json.status, health.json.projectId, health.json.token], ['ok', P, TOKEN]);
  let r = await ctl('POST', '/__sim/faults', [{ route: 'getRule', status: 500, count: 'Infinity' }, { kind: 'html' }]);
  assert.equal(r.json.added, 2);
  assert.equal((await ctl('GET', '/__sim/faults')).json[0].count, 'Infinity');
  assert.equal((await ctl('POST', '/__sim/faults', { kind: 'nope' })).status, 400);
  assert.equal((await call('GET', ruleUrl())).status, 500);
  assert.equal((await call('GET', ruleUrl())).status, 500);
  assert.deepEqual((await ctl('DELETE', '/__sim/faults')).json, { cleared: 2 });
  assert.equal((await call('GET', ruleUrl())).status, 200);

  await call('PUT', ruleUrl(), { body: { rule: { cron: '* * * * * ?' } } });
  await operate(FAILED_OK, 'RETRY');
  const state = (await ctl('GET', '/__sim/state')).json;
  assert.deepEqual([state.instances[FAILED_OK].status, state.appliedOperations.length], ['RETRYING', 1]);
  r = await ctl('PATCH', '/__sim/state', { retriesToday: { [PROD]: 100 }, instances: { [FINISHED]: { status: 'FAILED' } } });
  assert.equal(r.json.instances[FINISHED].status, 'FAILED');
  expectSec(await operate(FINISHED, 'RETRY'), 400, 'SecMaster.20040429');
  r = await ctl('POST', '/__sim/clock', { advanceMs: 2000 });
  assert.equal(r.json.now, now + 2000);
  assert.equal(await status(FAILED_OK), 'FINISHED');

  assert.deepEqual((await ctl('POST', '/__sim/reset')).json, { reset: true });
  assert.deepEqual(JSON.parse((await call('GET', ruleUrl())).json.data.rule), FX.rules[R1].rule);
  assert.equal(await status(FAILED_OK), 'FAILED');
  assert.equal(sim.state.appliedOperations.length, 0);
  assert.equal((await ctl('GET', '/__sim/nope')).status, 404);
  assert.equal(sim.requests.length, 2);
});

test('signature: every SDK test vector reproduces exactly', () => {
  const py = { method: 'GET', path: '/resources', query: 'size=1', sk: 'SecretKey', signedHeaders: ['host', 'x-sdk-date'],
    headers: { Host: 'service.endpoint.myhuaweicloud.com', 'X-Sdk-Date': '20200608T023900Z' } };
  assert.equal(sig.sign(py), 'cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842');
  assert.equal(sig.sign({ ...py, method: 'POST', body: '{"name":"test","id":1}' }),
    '436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  assert.equal(sig.sign({ ...py, method: 'POST', body: Buffer.from('{"name":"test","id":1}') }), // Buffer = same bytes
    '436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  const go = { path: '/path', sk: 'SecretKey', signedHeaders: 'x-sdk-date', date: '20060102T150405Z',
    headers: { Host: 'example.huaweicloud.com', 'X-Sdk-Date': '20060102T150405Z' } };
  assert.equal(sig.sign({ ...go, method: 'GET', query: 'limit=1' }), '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
  assert.equal(sig.sign({ ...go, method: 'POST', query: 'key=value', body: '{"Name":"test","Id":1}\n' }),
    'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  const expectedQuery = 'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29';
  assert.equal(sig.canonicalQuery({ limit: 1, enable: true, test: '一 (&=?!#%.*)', path: '/tmp/123', multi: [1, 2, 3] }), expectedQuery);
  assert.equal(sig.canonicalQuery(`multi=3&test=${encodeURIComponent('一 (&=?!#%.*)')}&limit=1&multi=1&path=%2Ftmp%2F123&enable=true&multi=2`),
    expectedQuery); // raw query string, any order, lower-case or missing escapes
  assert.equal(sig.canonicalQuery('b=x+y&a&c=%2a'), 'a=&b=x%20y&c=%2A');
  assert.equal(sig.canonicalUri('/v1/a%2Fb/c d/%7e'), '/v1/a%2Fb/c%20d/~/');
  assert.equal(sig.canonicalUri('/path/'), '/path/');
  assert.equal(sig.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.deepEqual([sig.parseSdkDate('20200608T023900Z'), sig.parseSdkDate('20201340T000000Z'), sig.parseSdkDate('2020-06-08')],
    [Date.parse('2020-06-08T02:39:00Z'), null, null]);
  assert.equal(sig.formatSdkDate(Date.parse('2006-01-02T15:04:05.678Z')), '20060102T150405Z');

  // verify() on a req-like object built from the Python vector.
  const keys = [{ ak: 'AccessKey', sk: 'SecretKey', projectId: P }];
  const authz = sig.authorization({ ak: 'AccessKey', ...py });
  assert.equal(authz, 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842');
  const req = { method: 'GET', url: '/resources?size=1', headers: { host: 'service.endpoint.myhuaweicloud.com', 'x-sdk-date': '20200608T023900Z', authorization: authz } };
  const at = Date.parse('2020-06-08T02:39:00Z');
  assert.equal(sig.verify(req, { keys, now: at }).ok, true);
  assert.equal(sig.verify(req, { findKey: (ak) => keys.find((k) => k.ak === ak), now: at + 15 * 60e3 }).ok, true);
  assert.equal(sig.verify(req, { keys, now: at + 15 * 60e3 + 999 }).ok, true); // server time truncated to seconds
  assert.equal(sig.verify(req, { keys, now: at + 15 * 60e3 + 1000 }).reason, 'expired');
  assert.equal(sig.verify(req, { keys, now: at - 15 * 60e3 - 1000 }).reason, 'expired');
  assert.equal(sig.verify({ ...req, url: '/resources?size=2' }, { keys, now: at }).reason, 'bad-signature');
  assert.equal(sig.verify(req, { keys: [{ ak: 'AccessKey', sk: 'other' }], now: at }).reason, 'bad-signature');
  assert.equal(sig.verify(req, { keys: [], now: at }).reason, 'unknown-ak');
  // The Go vectors sign x-sdk-date only: valid signatures, but the gateway wants host signed too.
  const goReq = { method: 'GET', url: '/path?limit=1', headers: { host: 'example.huaweicloud.com', 'x-sdk-date': '20060102T150405Z',
    authorization: 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624' } };
  const goRes = sig.verify(goReq, { keys, now: Date.parse('2006-01-02T15:04:05Z') });
  assert.equal(goRes.reason, 'unsigned-header');
  assert.match(goRes.message, /must be signed.*host/);
});

test('aksk: signed requests are accepted on every route and recorded as auth aksk', async () => {
  let r = await signedCall('GET', `/v1/${P}/workspaces?offset=0&limit=10`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.count, 2);
  assert.equal(lastRecord().auth, 'aksk');
  r = await signedCall('GET', `${WS}/soc/playbooks?offset=0&limit=10&name=${encodeURIComponent('Auto-block malicious*')}&search_txt=a+b`);
  assert.equal(r.status, 200, r.text);
  r = await signedCall('GET', `${WS}/soc/playbooks/instances?limit=10&offset=0&status=failed&status=FAILED`);
  assert.equal(r.status, 200, r.text);
  r = await signedCall('POST', opUrl(FAILED_OK), { body: { operation: 'RETRY' } });
  assert.deepEqual([r.status, r.json.status], [200, 'RETRYING']);
  r = await signedCall('PUT', ruleUrl(), { body: `{ "rule" : { "cron": "0 0 4 * * ?" } }\n` }); // bytes hashed as sent
  assert.equal(r.status, 200, r.text);
  expectSec(await signedCall('GET', `${WS}/soc/playbooks/instances/a%2Fb%20c`), 404, 'SecMaster.20040404', /a\/b c/);
  assert.equal(lastRecord().auth, 'aksk'); // authenticated, then SecMaster said 404
  r = await signedCall('GET', `/v1/${P}/workspaces?offset=0&limit=10`, { projectId: null }); // X-Project-Id is optional
  assert.equal(r.status, 200, r.text);
  r = await signedCall('GET', `/v1/${P}/workspaces?offset=0&limit=10`, { headers: { 'x-extra': '  padded  ' } }); // trimmed value
  assert.equal(r.status, 200, r.text);
  r = await signedCall('GET', `/v1/${P}/workspaces?offset=0&limit=10`, { alter: (h) => { h.authorization = h.authorization.replace(/[0-9a-f]{64}$/, (x) => x.toUpperCase()); } });
  expectApig(r, 401, 'APIG.0301', SIG_FAIL); // the SDKs send lower-case hex; compared exactly
  // Token requests are recorded as 'token'; rejected ones as null.
  await call('GET', `/v1/${P}/workspaces?offset=0&limit=10`);
  assert.equal(lastRecord().auth, 'token');
  await call('GET', `/v1/${P}/workspaces?offset=0&limit=10`, { token: 'nope' });
  assert.equal(lastRecord().auth, null);
  await signedCall('GET', `/v1/${P}/workspaces?offset=0&limit=10`, { sk: 'wrong' });
  assert.equal(lastRecord().auth, null);
  // An SDK-HMAC-SHA256 Authorization header takes precedence over X-Auth-Token.
  r = await signedCall('GET', `/v1/${P}/workspaces?offset=0&limit=10`, { sk: 'wrong', headers: { 'x-auth-token': TOKEN } });
  expectApig(r, 401, 'APIG.0301', SIG_FAIL);
});

test('aksk: each gateway rejection', async () => {
  const url = `${WS}/soc/playbooks?offset=0&limit=1`;
  expectApig(await signedCall('GET', url, { key: { ...KEY, ak: 'UNKNOWNAK00000000000' } }), 401, 'APIG.0301', /access key UNKNOWNAK00000000000 does not exist/);
  expectApig(await signedCall('GET', url, { sk: 'not-the-secret' }), 401, 'APIG.0301', SIG_FAIL);
  expectApig(await signedCall('POST', opUrl(FAILED_OK), { body: { operation: 'RETRY' }, sendBody: '{"operation":"TERMINATE"}' }),
    401, 'APIG.0301', SIG_FAIL); // body changed after signing
  expectApig(await signedCall('GET', url, { alter: (h) => { h['x-sdk-date'] = sig.formatSdkDate(sim.now() - 1000); } }), 401, 'APIG.0301', SIG_FAIL);
  expectApig(await signedCall('GET', url, { sendUrl: url.replace('limit=1', 'limit=2') }), 401, 'APIG.0301', SIG_FAIL);
  // %73 is 's': decoded and re-encoded, the canonical URI is the same, so the signature holds.
  assert.equal((await signedCall('GET', url, { sendUrl: url.replace('/soc/', '/%73oc/') })).status, 200);
  expectApig(await signedCall('GET', url, { alter: (h) => { h.authorization = `SDK-HMAC-SHA256 Access=${KEY.ak}`; } }), 401, 'APIG.0301', /malformed Authorization header/);
  expectApig(await signedCall('GET', url, { date: null }), 401, 'APIG.0301', /request has expired: X-Sdk-Date is missing/);
  expectApig(await signedCall('GET', url, { date: '2026-11-23T04:00:00Z' }), 401, 'APIG.0301', /request has expired.*YYYYMMDDTHHMMSSZ/);
  expectApig(await signedCall('GET', url, { signed: ['x-project-id', 'x-sdk-date'] }), 401, 'APIG.0301', /must be signed.*: host$/);
  expectApig(await signedCall('GET', url, { signed: ['host', 'x-project-id'] }), 401, 'APIG.0301', /must be signed.*: x-sdk-date$/);
  expectApig(await signedCall('GET', url, { signed: ['host', 'x-sdk-date'] }), 401, 'APIG.0301', /must be signed.*: x-project-id$/);
  expectApig(await signedCall('GET', url, { signed: ['x-sdk-date', 'host', 'x-project-id'] }), 401, 'APIG.0301', /lowercase, sorted/);
  expectApig(await signedCall('GET', url, { signed: ['Host', 'x-project-id', 'x-sdk-date'] }), 401, 'APIG.0301', /lowercase, sorted/);
  // SecMaster's own checks after a valid signature: 403 SecMaster.20010001, as for tokens.
  const other = '1ed265df3efb0083e71770a52453ba30';
  expectSec(await signedCall('GET', url, { projectId: other }), 403, 'SecMaster.20010001', /X-Project-Id header 1ed265df/);
  assert.equal(lastRecord().auth, 'aksk');
  expectSec(await signedCall('GET', `/v1/${other}/workspaces`, { projectId: other }), 403, 'SecMaster.20010001', /access key's project/);
  expectSec(await signedCall('GET', `/v1/${P}/workspaces/nope/soc/playbooks?offset=0&limit=1`), 403, 'SecMaster.20010001', /^Workspace not found: nope/);
  expectApig(await signedCall('GET', `${WS}/soc/nothing`, { sk: 'x' }), 404, 'APIG.0101', /does not exist/); // route first
  // Only real signature mismatches count towards the lock-out (3 above).
  assert.equal(sim.state.akLockouts[KEY.ak].failures, 0); // reset by the later good signatures
});

test('aksk: X-Sdk-Date clock skew in both directions (simulator clock)', async () => {
  const url = `/v1/${P}/workspaces?offset=0&limit=10`;
  const at = (deltaMs) => sig.formatSdkDate(sim.now() + deltaMs);
  assert.equal((await signedCall('GET', url, { date: at(-15 * 60e3) })).status, 200);
  assert.equal((await signedCall('GET', url, { date: at(15 * 60e3) })).status, 200);
  expectApig(await signedCall('GET', url, { date: at(-15 * 60e3 - 1000) }), 401, 'APIG.0301', /request has expired.*more than 15 minutes \(clock skew\)/);
  expectApig(await signedCall('GET', url, { date: at(15 * 60e3 + 1000) }), 401, 'APIG.0301', /request has expired.*clock skew/);
  // A request signed now and replayed after the simulator clock moved 16 minutes on.
  const date = at(0);
  sim.advanceClock(16 * 60e3);
  expectApig(await signedCall('GET', url, { date }), 401, 'APIG.0301', /expired/);
  assert.equal((await signedCall('GET', url)).status, 200);
});

test('aksk: temporary key needs its signed X-Security-Token', async () => {
  const url = `/v1/${P}/workspaces?offset=0&limit=10`;
  let r = await signedCall('GET', url, { key: TEMP_KEY });
  assert.equal(r.status, 200, r.text);
  assert.equal(lastRecord().auth, 'aksk');
  expectApig(await signedCall('GET', url, { key: TEMP_KEY, securityToken: null }), 401, 'APIG.0301', /temporary key: the X-Security-Token header is required/);
  expectApig(await signedCall('GET', url, { key: TEMP_KEY, securityToken: 'gQpjbi1ub3J0aC00WRONG' }), 401, 'APIG.0301', /X-Security-Token does not match/);
  expectApig(await signedCall('GET', url, { key: TEMP_KEY, signed: ['host', 'x-project-id', 'x-sdk-date'] }), 401, 'APIG.0301', /must be signed.*x-security-token/);
  r = await signedCall('GET', url, { key: TEMP_KEY, alter: (h) => { h['x-security-token'] = `${TEMP_KEY.securityToken}x`; } });
  expectApig(r, 401, 'APIG.0301', /does not match/);
});

test('aksk: lock-out after more than 5 failed signatures, expiry on the simulator clock', async () => {
  const url = `/v1/${P}/workspaces?offset=0&limit=10`;
  const bad = () => signedCall('GET', url, { sk: 'wrong-secret' });
  for (let i = 0; i < 5; i++) expectApig(await bad(), 401, 'APIG.0301', SIG_FAIL);
  assert.equal((await signedCall('GET', url)).status, 200); // before the 6th failure: counter reset
  assert.equal(sim.state.akLockouts[KEY.ak].failures, 0);
  for (let i = 0; i < 5; i++) expectApig(await bad(), 401, 'APIG.0301', SIG_FAIL);
  const locked = /access key O8QCXR7DPO9IZ0BOAHQF is locked after more than 5 failed signature verifications in a row; retry after .*locked for 5 minutes/;
  expectApig(await bad(), 401, 'APIG.0301', locked); // the 6th failure locks
  expectApig(await signedCall('GET', url), 401, 'APIG.0301', locked); // even a correct signature
  assert.equal(lastRecord().auth, null);
  assert.equal((await signedCall('GET', url, { key: TEMP_KEY })).status, 200); // other keys unaffected
  assert.equal((await call('GET', url)).status, 200); // tokens unaffected
  const lockInfo = (await ctl('GET', '/__sim/iam')).json.akLockouts[KEY.ak];
  assert.deepEqual(lockInfo, { failures: 6, lockedUntil: sim.now() + 5 * 60e3 });
  sim.advanceClock(5 * 60e3 - 1000);
  expectApig(await signedCall('GET', url), 401, 'APIG.0301', locked);
  await ctl('POST', '/__sim/clock', { advanceMs: 1000 });
  for (let i = 0; i < 5; i++) expectApig(await bad(), 401, 'APIG.0301', SIG_FAIL); // lock over, fresh counter
  assert.equal((await signedCall('GET', url)).status, 200);
  sim.reset();
  assert.deepEqual(sim.state.akLockouts, {});
});

test('aksk: signed bodies are limited to 12 MB', async () => {
  const limit = 12 * 1024 * 1024;
  const head = '{"operation":"RETRY"}';
  let r = await signedCall('POST', opUrl(FAILED_OK), { body: head + ' '.repeat(limit - head.length) });
  assert.deepEqual([r.status, r.json.status], [200, 'RETRYING']);
  r = await signedCall('POST', opUrl(FAILED_AGAIN), { body: head + ' '.repeat(limit - head.length + 1) });
  expectApig(r, 413, 'APIG.0201', /Request entity too large: signed request bodies are limited to 12582912 bytes \(got 12582913\)/);
  assert.equal(await status(FAILED_AGAIN), 'FAILED');
});

test('iam: POST /v3/auth/tokens issues a project-scoped token', async () => {
  let r = await login();
  assert.equal(r.status, 201, r.text);
  const token = r.headers.get('x-subject-token');
  assert.match(token, /^MII\S{100,}$/);
  assert.match(r.headers.get('x-request-id'), REQ_ID);
  assert.equal(lastRecord().auth, null);
  assert.deepEqual(r.json, { token: {
    expires_at: new Date(now + 24 * 3600e3).toISOString().replace('Z', '000Z'),
    issued_at: new Date(now).toISOString().replace('Z', '000Z'),
    methods: ['password'],
    project: { id: P, name: 'cn-north-4' },
    user: { name: USER.userName, domain: { name: USER.domainName } },
  } });
  r = await call('GET', `${WS}/soc/playbooks?offset=0&limit=1`, { token });
  assert.equal(r.status, 200, r.text);
  assert.equal(lastRecord().auth, 'token');
  r = await login({ project: { id: P } }); // scope by id
  assert.equal(r.status, 201, r.text);
  assert.notEqual(r.headers.get('x-subject-token'), token);
  assert.deepEqual(sim.state.issuedTokens.map((t) => [t.userName, t.expiresAt]),
    [[USER.userName, new Date(now + 86400e3).toISOString().replace('Z', '000Z')], [USER.userName, new Date(now + 86400e3).toISOString().replace('Z', '000Z')]]);
  assert.equal(sim.state.issuedTokens[0].token, token);
  assert.equal((await ctl('GET', '/__sim/iam')).json.issuedTokens.length, 2);
  // Faults apply to the IAM route like any other.
  sim.injectFault({ route: 'iamTokens', status: 503 });
  expectApig(await login(), 503, 'APIG.0202', /Backend unavailable/);
  assert.equal(sim.state.issuedTokens.length, 2);
});

test('iam: GET /v3/auth/tokens validates a token (the user\'s own, or any with a valid one)', async () => {
  const token = (await login()).headers.get('x-subject-token');
  const check = (auth, subject) => call('GET', '/v3/auth/tokens?nocatalog=true', { token: auth, headers: subject ? { 'X-Subject-Token': subject } : {} });
  let r = await check(token, token);
  assert.deepEqual([r.status, r.headers.get('x-subject-token'), r.json.token.expires_at, lastRecord().route], [200, token, new Date(now + 86400e3).toISOString().replace('Z', '000Z'), 'iamValidateToken']);
  assert.equal((await check(TOKEN, token)).status, 200);
  r = await check(token, 'revoked-by-iam');
  assert.deepEqual([r.status, r.json.error.message], [404, 'Could not find token.']);
  assert.equal((await check(token, EXPIRED)).status, 404);
  assert.equal((await check(token)).status, 404);
  assert.equal((await check('nope', token)).status, 401);
  assert.equal((await check(null, token)).status, 401);
  now += 86400e3;
  assert.equal((await check(token, token)).status, 401); // expired in the meantime
});

test('iam: wrong credentials, foreign project, bad bodies', async () => {
  const unauthorized = { error: { code: 401, title: 'Unauthorized', message: 'The username or password is wrong.' } };
  for (const opts of [{ password: 'wrong' }, { user: 'nobody' }, { domain: 'other-account' }]) {
    const r = await login(opts);
    assert.deepEqual([r.status, r.json], [401, unauthorized], JSON.stringify(opts));
    assert.match(r.headers.get('x-request-id'), REQ_ID);
  }
  let r = await login({ project: { name: 'cn-east-3' } });
  assert.equal(r.status, 400);
  assert.deepEqual([r.json.error.code, r.json.error.title], [400, 'Bad Request']);
  assert.match(r.json.error.message, /project \(name cn-east-3\) .*does not exist or user n8n-automation has no access/);
  r = await login({ project: { id: '1ed265df3efb0083e71770a52453ba30' } });
  assert.match(r.json.error.message, /project \(id 1ed265df3efb0083e71770a52453ba30\)/);
  r = await login({}, { auth: { identity: { methods: ['token'], token: { id: 'x' } } } });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /methods must be \["password"\]/);
  r = await call('POST', '/v3/auth/tokens', { token: null, body: '{"auth":' });
  assert.deepEqual([r.status, r.json.error.message], [400, 'The request body is not valid JSON.']);
  const noScope = iamBody();
  delete noScope.auth.scope;
  r = await login({}, noScope);
  assert.match(r.json.error.message, /scope\.project\.id or auth\.scope\.project\.name is required/);
  expectApig(await call('DELETE', '/v3/auth/tokens', { token: null }), 404, 'APIG.0101', /does not exist/);
  assert.equal(sim.state.issuedTokens.length, 0);
});

test('iam: token TTL (option, setTokenTtl, control call) and expiry', async () => {
  assert.equal(sim.tokenTtlMs, 24 * 3600e3);
  assert.equal(sim.setTokenTtl(1500), 1500);
  let token = (await login()).headers.get('x-subject-token');
  const url = `${WS}/soc/playbooks?offset=0&limit=1`;
  now += 1499;
  assert.equal((await call('GET', url, { token })).status, 200);
  now += 1;
  expectApig(await call('GET', url, { token }), 401, 'APIG.0301', /^Incorrect IAM authentication information: the token has expired/);
  assert.equal(lastRecord().auth, null);
  token = (await login()).headers.get('x-subject-token'); // logging in again helps
  assert.equal((await call('GET', url, { token })).status, 200);
  assert.equal(sim.state.issuedTokens.length, 2);

  let r = await ctl('POST', '/__sim/iam', { tokenTtlMs: 60000 });
  assert.deepEqual([r.status, r.json.tokenTtlMs, r.json.issuedTokens.length], [200, 60000, 2]);
  token = (await login()).headers.get('x-subject-token');
  await ctl('POST', '/__sim/clock', { advanceMs: 60000 });
  expectApig(await call('GET', url, { token }), 401, 'APIG.0301', /expired/);
  assert.equal((await ctl('POST', '/__sim/iam', { tokenTtlMs: -5 })).status, 400);
  assert.throws(() => sim.setTokenTtl('soon'), /tokenTtlMs/);
  sim.reset();
  assert.equal(sim.tokenTtlMs, 24 * 3600e3); // reset restores the createSimulator option
  assert.equal(sim.state.issuedTokens.length, 0);

  const other = createSimulator({ clock: () => now, tokenTtlMs: 90000 });
  const { url: otherUrl } = await other.start();
  try {
    const res = await fetch(`${otherUrl}/v3/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(iamBody()) });
    assert.equal((await res.json()).token.expires_at, new Date(now + 90000).toISOString().replace('Z', '000Z'));
  } finally { await other.stop(); }
  assert.throws(() => createSimulator({ tokenTtlMs: 0 }), /tokenTtlMs/);
});

test('iam: tokens counted by the life left on arrival; logins by the life the previous token had', async () => {
  sim.setTokenTtl(10000);
  assert.equal(sim.setTokenMargin(1000), 1000);
  const first = await login();
  const token = first.headers.get('x-subject-token');
  assert.equal(sim.state.issuedTokens[0].previousTokenLeftMs, null);
  assert.equal(sim.state.issuedTokens[0].issuedAt, first.json.token.issued_at);
  const url = `${WS}/soc/playbooks?offset=0&limit=1`;
  assert.equal((await call('GET', url, { token })).status, 200);
  assert.equal(lastRecord().tokenLeftMs, 10000);
  now += 9000; // exactly the margin left: near expiry, still accepted
  assert.equal((await call('GET', url, { token })).status, 200);
  assert.equal(lastRecord().tokenLeftMs, 1000);
  now += 1000;
  expectApig(await call('GET', url, { token }), 401, 'APIG.0301', /expired/);
  assert.equal(lastRecord().tokenLeftMs, 0);
  assert.equal((await call('GET', url)).status, 200); // a fixture token without expiry is fresh
  assert.equal(lastRecord().tokenLeftMs, null);
  await call('GET', url, { token: 'unknown' }); // not a token: not counted
  assert.equal(lastRecord().tokenLeftMs, null);
  assert.deepEqual(sim.tokenUse, { fresh: 2, nearExpiry: 1, expired: 1 });
  now -= 2500;
  await login(); // the first token still had 2.5 s
  assert.equal(sim.state.issuedTokens[1].previousTokenLeftMs, 2500);
  await login({ project: { id: P } });
  assert.equal(sim.state.issuedTokens[2].previousTokenLeftMs, 10000);
  let r = await ctl('POST', '/__sim/iam', { tokenMarginMs: 0 });
  assert.deepEqual([r.status, r.json.tokenMarginMs, r.json.tokenUse], [200, 0, { fresh: 2, nearExpiry: 1, expired: 1 }]);
  assert.equal((await ctl('POST', '/__sim/iam', { tokenMarginMs: -1 })).status, 400);
  assert.throws(() => sim.setTokenMargin('late'), /tokenMarginMs/);
  sim.setTokenMargin(500);
  sim.reset();
  assert.deepEqual([sim.tokenMarginMs, sim.tokenUse], [0, { fresh: 0, nearExpiry: 0, expired: 0 }]);
  r = await ctl('GET', '/__sim/iam');
  assert.deepEqual([r.json.tokenMarginMs, r.json.tokenUse], [0, { fresh: 0, nearExpiry: 0, expired: 0 }]);
  assert.throws(() => createSimulator({ tokenMarginMs: -1 }), /tokenMarginMs/);
});

test('control API: health shows the AK/SK pair and IAM user', async () => {
  const h = (await ctl('GET', '/__sim/health')).json;
  assert.deepEqual(h.accessKey, { ak: KEY.ak, sk: KEY.sk });
  assert.deepEqual(h.iamUser, { domainName: USER.domainName, userName: USER.userName, password: USER.password });
  assert.equal(h.projectName, 'cn-north-4');
});

test('stop() closes keep-alive sockets promptly', async () => {
  const other = createSimulator();
  const { url } = await other.start();
  const res = await fetch(`${url}/v1/${P}/workspaces`, { headers: { 'X-Auth-Token': TOKEN } });
  await res.text();
  const t0 = Date.now();
  await other.stop();
  assert.ok(Date.now() - t0 < 1000);
  await assert.rejects(fetch(`${url}/__sim/health`));
  await other.stop(); // idempotent
});

test('cli.js prints the connection details and stops on SIGINT', async () => {
  const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cli did not start: ${out}`)), 5000);
    child.stdout.on('data', (d) => { out += d; if (out.includes('control API')) { clearTimeout(timer); resolve(); } });
  });
  assert.ok(out.includes(P) && out.includes(PROD) && out.includes(TOKEN));
  for (const s of [KEY.ak, KEY.sk, TEMP_KEY.ak, USER.domainName, USER.userName, USER.password]) assert.ok(out.includes(s), s);
  const url = /listening on (\S+)/.exec(out)[1];
  assert.equal((await (await fetch(`${url}/__sim/health`)).json()).status, 'ok');
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
});

// ---- neighbouring APIs: workspaces, instances, audit logs, rules, playbooks, versions, alerts ----

const { parseTime } = require('./generate');
const ms = (t) => parseTime(t);
const instUrl = (q) => `${WS}/soc/playbooks/instances?${q}`;
const AUDIT_URL = `${WS}/soc/playbooks/instances/auditlogs`;
const SEARCH_URL = `${WS}/soc/alerts/search`;
const PB_AUTO = FX.playbooks[0].id; // Auto-block malicious IPs: v1.3.0 EDITING, v1.2.0 and v1.1.0 PUBLISHED
const PB_STAGING = FX.playbooks.find((p) => p.workspace_id === STAGING).id;
const V_NORULE = FX.versions.find((v) => v.status === 'UNPASSED').id; // rule_id null
const V2 = FX.versions.find((v) => v.version === 'v2.0.1').id;
const PROD_ALERTS = FX.alerts.filter((a) => a.workspace_id === PROD);
const ALERT_STAGING = FX.alerts.find((a) => a.workspace_id === STAGING).id;
const NONE = '00000000-0000-4000-8000-000000000000';
const VERSION_KEYS = ['create_time', 'dataclass_id', 'description', 'enabled', 'id', 'playbook_id', 'rule_id', 'status',
  'trigger_type', 'update_time', 'version', 'version_type'];
const AUDIT_KEYS = ['id', 'instance_id', 'instance_type', 'action_id', 'action_name', 'status', 'start_time', 'end_time',
  'input', 'output', 'error_msg', 'log_level', 'parent_instance_id'];
const search = (body) => call('POST', SEARCH_URL, { body });
const audit = (q = 'offset=0&limit=1000', body) => call('POST', `${AUDIT_URL}?${q}`, body === undefined ? {} : { body });
const cond = (...conditions) => ({ conditions: conditions.map((data, i) => ({ name: `c${i}`, data })) });
const titles = (r) => r.json.data.map((a) => a.data_object.title).sort();
const isSorted = (times, dir = 'DESC') => times.every((t, i) => i === 0
  || (dir === 'DESC' ? (ms(times[i - 1]) ?? Infinity) >= (ms(t) ?? Infinity) : (ms(times[i - 1]) ?? Infinity) <= (ms(t) ?? Infinity)));
const pageShape = (r) => ({ code: r.json.code, message: r.json.message, total: r.json.total, size: r.json.size, page: r.json.page });

test('listWorkspaces: offset and limit are required like in the SDK', async () => {
  expectSec(await call('GET', `/v1/${P}/workspaces`), 400, 'SecMaster.20040001', /^Parameter limit is required; Parameter offset is required$/);
  expectSec(await call('GET', `/v1/${P}/workspaces?limit=10`), 400, 'SecMaster.20040001', /^Parameter offset is required$/);
  expectSec(await call('GET', `/v1/${P}/workspaces?offset=0`), 400, 'SecMaster.20040001', /^Parameter limit is required$/);
  expectSec(await call('GET', `/v1/${P}/workspaces?offset=0&limit=1001`), 400, 'SecMaster.20040001', /limit.*1\.\.1000/);
  const r = await call('GET', `/v1/${P}/workspaces?offset=5&limit=10`); // beyond the end
  assert.deepEqual(r.json, { count: 2, workspaces: [] });
});

test('listInstances: date filters (SecMaster format and ISO), START/END, dataobject_name, order, paging edges', async () => {
  const ids = async (q) => (await call('GET', instUrl(`offset=0&limit=100&${q}`))).json.instances.map((i) => i.id);
  // Newest first by start_time, over the whole workspace.
  let r = await call('GET', instUrl('offset=0&limit=100'));
  assert.ok(isSorted(r.json.instances.map((i) => i.start_time)));
  assert.deepEqual(r.json.instances.map((i) => i.id.slice(0, 8)),
    ['18be4cae', '8bbbfd57', 'ed7bf7e7', '668db2d1', '20390ebc', '67e2ba3d', 'b1417526', 'f70a135b']);
  const all = r.json.instances.map((i) => i.id);
  // count is every match, not the page; last partial page; offset beyond the end.
  r = await call('GET', instUrl('offset=6&limit=5'));
  assert.deepEqual([r.json.count, r.json.instances.map((i) => i.id)], [8, all.slice(6)]);
  r = await call('GET', instUrl('offset=100&limit=10'));
  assert.deepEqual(r.json, { count: 8, instances: [] });
  assert.equal((await call('GET', instUrl('offset=9998&limit=1'))).status, 200);
  expectSec(await call('GET', instUrl('offset=9999&limit=1')), 400, 'SecMaster.20040001', /limit \+ offset must be less than 10000 \(got 1 \+ 9999 = 10000\)/);
  expectSec(await call('GET', instUrl('offset=0&limit=10000')), 400, 'SecMaster.20040001', /less than 10000/);

  const from = encodeURIComponent('2026-11-22T00:00:00.000Z+0800');
  const to = encodeURIComponent('2026-11-22T23:59:59.999Z+0800');
  assert.equal((await ids(`from_date=${from}`)).length, 6);
  assert.deepEqual((await ids(`from_date=${from}&to_date=${to}`)).map((i) => i.slice(0, 8)), ['20390ebc', '67e2ba3d']);
  assert.deepEqual(await ids('from_date=2026-11-21T16:00:00Z'), await ids(`from_date=${from}`)); // plain ISO, UTC
  assert.deepEqual(await ids(`from_date=${encodeURIComponent('2026-11-22T00:00:00+08:00')}`), await ids(`from_date=${from}`));
  assert.deepEqual(await ids(`from_date=${encodeURIComponent('2026-11-21T16:00:00.000Z+0000')}`), await ids(`from_date=${from}`));
  // START compares start_time (default), END end_time; running instances have no end_time.
  const at = encodeURIComponent('2026-11-22T01:45:00.000Z+0800');
  assert.deepEqual(await ids(`from_date=${at}`), await ids(`from_date=${at}&date_type=START`));
  assert.equal((await ids(`from_date=${at}`)).length, 5);
  assert.deepEqual((await ids(`from_date=${at}&date_type=end`)).map((i) => i.slice(0, 8)), ['668db2d1', '20390ebc', '67e2ba3d']);
  assert.deepEqual(await ids(`to_date=${encodeURIComponent('2026-11-20T23:59:59.000Z+0800')}&date_type=END`), [all[7]]);

  assert.equal((await ids('dataobject_name=REPORTED%20MAIL')).length, 2);
  assert.equal((await ids('trigger_type=timer')).length, 2);
  assert.equal((await ids('dataclass_name=incident')).length, 2);
  assert.equal((await ids('status=Running')).length, 3);
  assert.equal((await ids('status=failed&playbook_name=ransomware')).length, 1);

  expectSec(await call('GET', instUrl('offset=0&limit=10&from_date=yesterday')), 400, 'SecMaster.20040001',
    /^Parameter from_date is invalid: yesterday \(expected yyyy-MM-dd'T'HH:mm:ss\.SSS'Z'Z/);
  expectSec(await call('GET', instUrl('offset=0&limit=10&to_date=2026-13-01T00:00:00.000Z%2B0800')), 400, 'SecMaster.20040001', /to_date/);
  expectSec(await call('GET', instUrl('offset=0&limit=10&date_type=MIDDLE')), 400, 'SecMaster.20040001', /date_type.*START, END/);
});

test('listAuditLogs: shape, filters, sorting, paging, validation', async () => {
  const total = sim.state.auditLogs.filter((l) => l.workspace_id === PROD).length;
  let r = await audit(); // no body at all
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json), ['count', 'audit_logs']);
  assert.equal(r.json.count, total);
  assert.ok(total >= 8 * 2);
  assert.deepEqual(Object.keys(r.json.audit_logs[0]), AUDIT_KEYS);
  assert.ok(r.json.audit_logs.every((l) => l.instance_type === 'playbook'));
  assert.ok(isSorted(r.json.audit_logs.map((l) => l.start_time))); // create_time = start_time, DESC
  assert.ok(isSorted((await audit('offset=0&limit=1000&sort_dir=asc')).json.audit_logs.map((l) => l.start_time), 'ASC'));
  assert.ok(isSorted((await audit('offset=0&limit=1000&sort_key=end_time')).json.audit_logs.map((l) => l.end_time)));
  const asc = (await audit('offset=0&limit=1000&sort_key=end_time&sort_dir=asc')).json.audit_logs.map((l) => l.end_time);
  assert.ok(isSorted(asc.filter((t) => t !== null), 'ASC') && asc.at(-1) === null); // running (no end_time) last
  assert.ok(isSorted((await audit('offset=0&limit=1000&sort_key=start_time&sort_dir=desc')).json.audit_logs.map((l) => l.start_time)));

  r = await audit('offset=0&limit=1000', { instance_id: FAILED_OK });
  assert.ok(r.json.count >= 2 && r.json.audit_logs.every((l) => l.instance_id === FAILED_OK));
  const failedStep = r.json.audit_logs[0]; // the last action of a FAILED run failed
  assert.deepEqual([failedStep.status, failedStep.log_level], ['FAILED', 'ERROR']);
  assert.match(failedStep.error_msg, /failed/);
  r = await audit('offset=0&limit=1000', { status: 'failed' });
  assert.ok(r.json.count >= 3 && r.json.audit_logs.every((l) => l.status === 'FAILED'));
  r = await audit('offset=0&limit=1000', { instance_id: RUNNING_FOREVER, status: 'RUNNING' });
  assert.deepEqual([r.json.count, r.json.audit_logs[0].end_time], [1, null]);
  assert.equal((await audit('offset=0&limit=10', { instance_id: STAGING_INST })).json.count, 0); // other workspace

  // Paging: last partial page, beyond the end.
  r = await audit(`offset=${total - 2}&limit=5`);
  assert.deepEqual([r.json.count, r.json.audit_logs.length], [total, 2]);
  assert.deepEqual((await audit(`offset=${total + 10}&limit=5`)).json, { count: total, audit_logs: [] });

  expectSec(await audit('limit=10'), 400, 'SecMaster.20040001', /^Parameter offset is required$/);
  expectSec(await audit('offset=0'), 400, 'SecMaster.20040001', /^Parameter limit is required$/);
  expectSec(await audit('offset=0&limit=10&sort_key=name'), 400, 'SecMaster.20040001', /sort_key/);
  expectSec(await audit('offset=0&limit=10&sort_dir=UP'), 400, 'SecMaster.20040001', /sort_dir/);
  // Only the SDKs' values: start_time/end_time, lower-case asc/desc.
  expectSec(await audit('offset=0&limit=10&sort_key=create_time'), 400, 'SecMaster.20040001',
    /^Parameter sort_key is invalid: create_time \(expected one of start_time, end_time\)$/);
  expectSec(await audit('offset=0&limit=10&sort_dir=ASC'), 400, 'SecMaster.20040001',
    /^Parameter sort_dir is invalid: ASC \(expected one of asc, desc\)$/);
  expectSec(await audit('offset=0&limit=10', { widget: 1 }), 400, 'SecMaster.20040001', /Unknown audit log filter field: widget/);
  expectSec(await audit('offset=0&limit=10', '[1]'), 400, 'SecMaster.20040002');
  expectSec(await call('POST', `${AUDIT_URL}?offset=0&limit=10`, { body: '{}', contentType: 'text/plain' }), 400, 'SecMaster.20040003');
});

test('listAuditLogs: RETRY and TERMINATE append a log; deterministic after reset', async () => {
  const before = (await audit()).json;
  await operate(FAILED_OK, 'RETRY');
  now += 1000;
  await operate(RUNNING_FOREVER, 'TERMINATE');
  let r = await audit();
  assert.equal(r.json.count, before.count + 2);
  const [term, retry] = r.json.audit_logs.filter((l) => l.action_id === null);
  assert.deepEqual([retry.instance_id, retry.action_name, retry.input, retry.status], [FAILED_OK, 'Retry playbook instance', '{"operation":"RETRY"}', 'FINISHED']);
  assert.deepEqual([term.instance_id, term.action_name, JSON.parse(term.output).status], [RUNNING_FOREVER, 'Terminate playbook instance', 'TERMINATING']);
  now += 500; // TERMINATING → TERMINATED closes the instance's RUNNING log too
  r = await audit('offset=0&limit=100', { instance_id: RUNNING_FOREVER, status: 'TERMINATED' });
  assert.equal(r.json.count, 1);
  assert.notEqual(r.json.audit_logs[0].end_time, null);
  sim.reset();
  assert.deepEqual((await audit()).json, before);
});

test('deleteRule and createRule change the version\'s rule_id', async () => {
  const version = async (v = V1) => (await call('GET', `${WS}/soc/playbooks/versions/${v}`)).json.data;
  let r = await call('DELETE', ruleUrl());
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.code, r.json.message, r.json.data.id, r.json.data.project_id], [0, '', R1, P]);
  assert.deepEqual(JSON.parse(r.json.data.rule), FX.rules[R1].rule); // the deleted rule, as a string
  assert.deepEqual([(await version()).rule_id, (await version()).rules], [null, []]);
  expectSec(await call('GET', ruleUrl()), 400, 'SecMaster.20048004', /not found/);
  expectSec(await call('DELETE', ruleUrl()), 400, 'SecMaster.20048004', /not found/);

  const event = { expression_type: 'common', conditions: [{ name: 'condition_0', detail: 'x', data: ['severity', '==', 'Fatal'] }], logics: ['condition_0'] };
  r = await call('POST', `${WS}/soc/playbooks/versions/${V1}/rules`, { body: { rule: event } });
  assert.equal(r.status, 200, r.text);
  const newId = r.json.data.id;
  assert.match(newId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual([r.json.code, r.json.data.project_id, typeof r.json.data.rule], [0, P, 'string']);
  assert.deepEqual(JSON.parse(r.json.data.rule), event);
  let v = await version();
  assert.equal(v.rule_id, newId);
  assert.deepEqual(v.rules, [{ id: newId, rule: JSON.stringify(event) }]);
  assert.equal((await call('GET', ruleUrl(V1, newId))).status, 200);
  assert.equal((await call('PUT', ruleUrl(V1, newId), { body: { rule: { cron: '0 0 5 * * ?' } } })).status, 200);
  const listed = (await call('GET', `${WS}/soc/playbooks/${PB_AUTO}/versions`)).json.data.find((x) => x.id === V1);
  assert.equal(listed.rule_id, newId);

  // Terraform-style JSON string, on a version without a rule; and on a version that has one.
  const timer = { cron: '0 0 1 * * ?', schedule_type: 'day' };
  r = await call('POST', `${WS}/soc/playbooks/versions/${V_NORULE}/rules`, { body: { rule: JSON.stringify(timer) } });
  assert.equal((await version(V_NORULE)).rule_id, r.json.data.id);
  r = await call('POST', `${WS}/soc/playbooks/versions/${V2}/rules`, { body: { rule: timer } });
  v = await version(V2);
  assert.equal(v.rule_id, r.json.data.id);
  assert.equal(v.rules.length, 2); // the previous rule stays until deleted

  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${NONE}/rules`, { body: { rule: event } }), 400, 'SecMaster.20048004', /version not found/);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V_STAGING}/rules`, { body: { rule: event } }), 400, 'SecMaster.20048004');
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V1}/rules`, { body: {} }), 400, 'SecMaster.20040001', /rule/);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V1}/rules`, { body: { rule: 'nope' } }), 400, 'SecMaster.20040001', /rule/);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V1}/rules`, { body: { rule: event }, contentType: 'text/plain' }), 400, 'SecMaster.20040003');
  expectSec(await call('DELETE', ruleUrl(V_STAGING, FX.versions.find((x) => x.id === V_STAGING).rule_id)), 400, 'SecMaster.20048004');
  sim.reset();
  assert.equal((await version()).rule_id, R1);
});

test('listPlaybooks: filters, paging shape and edges', async () => {
  const list = async (q) => (await call('GET', `${WS}/soc/playbooks?offset=0&limit=100&${q}`)).json;
  const names = async (q) => (await list(q)).data.map((p) => p.name);
  assert.deepEqual(await names('search_txt=ECS'), ['Ransomware containment']); // description only
  assert.deepEqual(await names('search_txt=triage'), ['Phishing triage']); // name
  assert.deepEqual(await names('enabled=false'), ['Phishing triage']);
  assert.equal((await list('enabled=TRUE')).total, 3);
  assert.deepEqual(await names('description=baseline'), ['Daily compliance report']);
  assert.deepEqual(await names('dataclass_name=incident'), ['Ransomware containment']);
  assert.deepEqual(await names('name=AUTO-block'), ['Auto-block malicious IPs']);
  assert.deepEqual(await names('name=nothing-like-this'), []);
  const first = (await list('name=Auto-block')).data[0];
  assert.deepEqual([first.dataclass_id, first.version_id, first.version], [FX.playbooks[0].dataclass_id, FX.playbooks[0].version_id, 'v1.2.0']);
  let r = await call('GET', `${WS}/soc/playbooks?offset=3&limit=2`); // last, partial page
  assert.deepEqual(pageShape(r), { code: '00000000', message: '', total: 4, size: 1, page: 2 });
  r = await call('GET', `${WS}/soc/playbooks?offset=10&limit=2`); // beyond the end
  assert.deepEqual({ ...pageShape(r), data: r.json.data }, { code: '00000000', message: '', total: 4, size: 0, page: 6, data: [] });
  expectSec(await call('GET', `${WS}/soc/playbooks?offset=0&limit=10&enabled=yes`), 400, 'SecMaster.20040001', /enabled.*true or false/);
});

test('getPlaybook, and fixed path segments win over {playbook_id}', async () => {
  sim.clearRequests();
  let r = await call('GET', `${WS}/soc/playbooks/${PB_AUTO}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.code, r.json.message], ['00000000', '']);
  assert.deepEqual(r.json.data, { ...(await call('GET', `${WS}/soc/playbooks?offset=0&limit=1`)).json.data[0], workspace_id: PROD, project_id: P });
  expectSec(await call('GET', `${WS}/soc/playbooks/${NONE}`), 400, 'SecMaster.20048005', /^Playbook not found: /);
  expectSec(await call('GET', `${WS}/soc/playbooks/${PB_STAGING}`), 400, 'SecMaster.20048005');
  await call('GET', instUrl('offset=0&limit=1'));
  await call('GET', `${WS}/soc/playbooks/versions/${V1}`);
  await call('GET', `${WS}/soc/playbooks/${PB_AUTO}/versions`);
  await call('POST', AUDIT_URL + '?offset=0&limit=1');
  expectSec(await call('GET', `${WS}/soc/playbooks/versions`), 400, 'SecMaster.20048005', /versions/); // a playbook ID "versions"
  expectSec(await call('GET', `${WS}/soc/playbooks/instances/auditlogs`), 404, 'SecMaster.20040404'); // GET: an instance ID
  assert.deepEqual(sim.requests.map((q) => q.route), ['getPlaybook', 'listPlaybooks', 'getPlaybook', 'getPlaybook', 'listInstances',
    'getVersion', 'listVersions', 'listAuditLogs', 'getPlaybook', 'getInstance']);
  expectApig(await call('PATCH', `${WS}/soc/playbooks/${PB_AUTO}`), 404, 'APIG.0101', /does not exist/);
});

test('listVersions: filters, optional paging, shape', async () => {
  const url = (q = '') => `${WS}/soc/playbooks/${PB_AUTO}/versions${q && '?'}${q}`;
  let r = await call('GET', url());
  assert.deepEqual(pageShape(r), { code: '00000000', message: '', total: 3, size: 3, page: 1 });
  assert.deepEqual(r.json.data.map((v) => [v.version, v.status, v.enabled, v.version_type]),
    [['v1.3.0', 'EDITING', false, 0], ['v1.2.0', 'PUBLISHED', true, 1], ['v1.1.0', 'PUBLISHED', false, 1]]); // newest first
  assert.deepEqual(Object.keys(r.json.data[0]).sort(), VERSION_KEYS);
  assert.deepEqual([r.json.data[1].id, r.json.data[1].rule_id, r.json.data[1].trigger_type], [V1, R1, 'EVENT']);
  r = await call('GET', url('offset=2&limit=2'));
  assert.deepEqual([r.json.total, r.json.size, r.json.page, r.json.data[0].version], [3, 1, 2, 'v1.1.0']);
  const versions = async (q) => (await call('GET', url(q))).json.data.map((v) => v.version);
  assert.deepEqual(await versions('status=published'), ['v1.2.0', 'v1.1.0']);
  assert.deepEqual(await versions('status=EDITING'), ['v1.3.0']);
  assert.deepEqual(await versions('enabled=1'), ['v1.2.0']);
  assert.deepEqual(await versions('enabled=true'), ['v1.2.0']);
  assert.deepEqual(await versions('enabled=0'), ['v1.3.0', 'v1.1.0']);
  assert.deepEqual(await versions('version_type=0'), ['v1.3.0']);
  assert.deepEqual(await versions('version_type=1&enabled=0'), ['v1.1.0']);
  assert.deepEqual(await versions('offset=5'), []);
  const others = (await call('GET', `${WS}/soc/playbooks/${FX.playbooks[1].id}/versions?status=APPROVING`)).json.data;
  assert.deepEqual(others.map((v) => v.version), ['v2.1.0']);
  expectSec(await call('GET', url('status=DONE')), 400, 'SecMaster.20040001', /status.*EDITING, APPROVING, UNPASSED, PUBLISHED/);
  expectSec(await call('GET', url('enabled=2')), 400, 'SecMaster.20040001', /enabled/);
  expectSec(await call('GET', url('version_type=draft')), 400, 'SecMaster.20040001', /version_type/);
  expectSec(await call('GET', url('limit=0')), 400, 'SecMaster.20040001', /limit/);
  expectSec(await call('GET', `${WS}/soc/playbooks/${NONE}/versions`), 400, 'SecMaster.20048005');
});

test('getVersion: the version with rule_id and its rules', async () => {
  const r = await call('GET', `${WS}/soc/playbooks/versions/${V1}`);
  assert.deepEqual([r.json.code, r.json.message], ['00000000', '']);
  assert.deepEqual(Object.keys(r.json.data).sort(), [...VERSION_KEYS, 'rules'].sort());
  assert.deepEqual([r.json.data.rule_id, r.json.data.version, r.json.data.playbook_id], [R1, 'v1.2.0', PB_AUTO]);
  assert.deepEqual(r.json.data.rules.map((x) => [x.id, JSON.parse(x.rule)]), [[R1, FX.rules[R1].rule]]);
  assert.deepEqual((await call('GET', `${WS}/soc/playbooks/versions/${V_NORULE}`)).json.data.rules, []);
  expectSec(await call('GET', `${WS}/soc/playbooks/versions/${NONE}`), 400, 'SecMaster.20048004', /version not found/);
  expectSec(await call('GET', `${WS}/soc/playbooks/versions/${V_STAGING}`), 400, 'SecMaster.20048004');
});

test('playbook version reviews: approve a version awaiting approval, list its reviews', async () => {
  const awaiting = FX.versions.find((v) => v.status === 'APPROVING').id;
  const reviews = (id, type = '') => call('GET', `${WS}/soc/playbooks/versions/approval?resource_id=${id}${type}`);
  assert.deepEqual((await reviews(awaiting)).json, { code: '00000000', message: '', data: [] });
  let r = await signedCall('POST', `${WS}/soc/playbooks/versions/${awaiting}/approval`, { body: { result: 'PASS', content: 'ok' } });
  assert.deepEqual([r.status, r.json.data, lastRecord().route], [200, { result: 'PASS', content: 'ok' }, 'approveVersion']);
  assert.equal((await call('GET', `${WS}/soc/playbooks/versions/${awaiting}`)).json.data.status, 'PUBLISHED');
  r = await signedCall('GET', `${WS}/soc/playbooks/versions/approval?resource_id=${awaiting}&approve_type=PLAYBOOK`);
  assert.deepEqual([r.status, r.json.data, lastRecord().route], [200, [{ result: 'PASS', content: 'ok' }], 'listApprovals']);
  assert.deepEqual((await reviews(awaiting, '&approve_type=AOP_WORKFLOW')).json.data, []);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${awaiting}/approval`, { body: { result: 'PASS' } }), 400, 'SecMaster.20040409', /not awaiting approval/);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V1}/approval`, { body: { result: 'MAYBE' } }), 400, 'SecMaster.20040001', /result/);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V1}/approval`, { body: {} }), 400, 'SecMaster.20040001', /result is required/);
  expectSec(await call('POST', `${WS}/soc/playbooks/versions/${V_STAGING}/approval`, { body: { result: 'PASS' } }), 400, 'SecMaster.20048004');
  expectSec(await reviews(awaiting, '&approve_type=NOPE'), 400, 'SecMaster.20040001', /approve_type/);
  expectSec(await call('GET', `${WS}/soc/playbooks/versions/approval`), 400, 'SecMaster.20040001', /resource_id/);
});

test('searchAlerts: paging shape, edges, sorting, dates, validation', async () => {
  let r = await call('POST', SEARCH_URL); // no body: defaults
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json), ['code', 'message', 'total', 'size', 'page', 'success', 'data']);
  assert.deepEqual({ ...pageShape(r), success: r.json.success }, { code: '00000000', message: '', total: 10, size: 10, page: 1, success: true });
  assert.deepEqual(Object.keys(r.json.data[0]), ['id', 'create_time', 'update_time', 'workspace_id', 'data_object']);
  for (const k of ['id', 'title', 'severity', 'handle_status', 'create_time', 'update_time', 'alert_type', 'description']) {
    assert.ok(k in r.json.data[0].data_object, k);
  }
  assert.ok(isSorted(r.json.data.map((a) => a.create_time)));
  assert.deepEqual(new Set(r.json.data.map((a) => a.data_object.severity)), new Set(['Tips', 'Low', 'Medium', 'High', 'Fatal']));
  assert.deepEqual(new Set(r.json.data.map((a) => a.data_object.handle_status)), new Set(['Open', 'Block', 'Closed']));
  r = await search({ limit: 3, offset: 9 }); // last partial page
  assert.deepEqual(pageShape(r), { code: '00000000', message: '', total: 10, size: 1, page: 4 });
  r = await search({ limit: 5, offset: 20 });
  assert.deepEqual([r.json.total, r.json.size, r.json.data], [10, 0, []]);
  assert.equal((await search({ limit: '4', offset: '0' })).json.size, 4); // digit strings coerced
  assert.ok(isSorted((await search({ order: 'asc', limit: 100 })).json.data.map((a) => a.create_time), 'ASC'));
  assert.ok(isSorted((await search({ sort_by: 'update_time', limit: 100 })).json.data.map((a) => a.update_time)));
  r = await search({ from_date: '2026-11-21T16:00:00.000Z', to_date: '2026-11-22T15:59:59.999Z', limit: 100 }); // Nov 22, Beijing
  assert.equal(r.json.total, 3);
  // Only the SDK's form (UTC, milliseconds, nothing after the Z): not +0800, +0000, no offset or no milliseconds.
  for (const other of ['2026-11-22T00:00:00.000Z+0800', '2026-11-21T16:00:00.000Z+0000', '2026-11-21T16:00:00Z',
    '2026-11-22T00:00:00.000+08:00', '2026-11-21T16:00:00.000', '2026-11-21']) {
    expectSec(await search({ from_date: other }), 400, 'SecMaster.20040001',
      new RegExp(`^Parameter from_date is invalid: ${other.replace(/[.+]/g, '\\$&')} \\(expected yyyy-MM-dd'T'HH:mm:ss\\.SSS'Z' in UTC`));
  }
  expectSec(await search({ to_date: '2026-11-22T23:59:59.999Z+0800' }), 400, 'SecMaster.20040001', /to_date/);
  expectSec(await search({ from_date: '2026-02-30T00:00:00.000Z' }), 400, 'SecMaster.20040001', /from_date/);
  assert.equal((await search({ limit: 1000, offset: 8999 })).status, 200);
  expectSec(await search({ limit: 1000, offset: 9000 }), 400, 'SecMaster.20040001', /limit \+ offset must be less than 10000/);
  expectSec(await search({ limit: 1001 }), 400, 'SecMaster.20040001', /limit.*1\.\.1000/);
  expectSec(await search({ limit: 0 }), 400, 'SecMaster.20040001', /limit/);
  expectSec(await search({ limit: 2.5 }), 400, 'SecMaster.20040001', /limit/);
  expectSec(await search({ offset: -1 }), 400, 'SecMaster.20040001', /offset/);
  expectSec(await search({ sort_by: 'severity' }), 400, 'SecMaster.20040001', /sort_by/);
  expectSec(await search({ order: 'UP' }), 400, 'SecMaster.20040001', /order/);
  expectSec(await search({ from_date: '22.11.2026' }), 400, 'SecMaster.20040001', /from_date/);
  expectSec(await search('[1]'), 400, 'SecMaster.20040002');
  expectSec(await call('POST', SEARCH_URL, { body: '{}', contentType: 'text/plain' }), 400, 'SecMaster.20040003');
  r = await call('POST', `/v1/${P}/workspaces/${STAGING}/soc/alerts/search`);
  assert.equal(r.json.total, 2);
});

test('searchAlerts: conditions (both data forms, operators, logics)', async () => {
  const total = async (condition) => {
    const r = await search({ limit: 100, condition });
    assert.equal(r.status, 200, r.text);
    return r.json.total;
  };
  assert.equal(await total(cond(['severity', '=', 'High'])), 2);
  assert.equal(await total(cond(['severity, =, high'])), 2); // one string, values case-insensitive
  assert.equal(await total(cond(['handle_status, =, Block'])), 3);
  assert.equal(await total(cond(['handle_status', '!=', 'Open'])), 5);
  assert.equal(await total(cond(['severity', '>=', 'High'])), 4); // severity by rank Tips < … < Fatal
  assert.equal(await total(cond(['severity', '<', 'Medium'])), 4);
  assert.equal(await total(cond(['confidence, >, 60'])), 4); // numbers compare as numbers
  assert.equal(await total(cond(['confidence', '<=', '40'])), 4);
  assert.equal(await total(cond(['title', 'contains', 'reported MAIL'])), 2);
  assert.equal(await total(cond(['alert_type.category', '=', 'Web attack'])), 2);
  assert.equal(await total(cond(['severity', 'in', 'Low,Medium'])), 4); // Huawei's "in": one comma-joined value
  assert.equal(await total(cond(['severity', 'in', 'Low, Medium'])), 4);
  assert.equal(await total(cond(['severity', 'in', 'High'])), 2);
  assert.equal(await total(cond(['severity', '=', 'Low', 'Medium'])), 4); // several values: any
  assert.equal(await total(cond(['create_time', '>=', '2026-11-22T00:00:00.000Z+0800'])), 5);
  assert.equal(await total(cond(['no.such.field', '=', 'x'])), 0);
  // Missing logics: AND of all.
  assert.equal(await total(cond(['severity', '>=', 'High'], ['handle_status', '=', 'Open'])), 2);
  const abc = { conditions: [{ name: 'a', data: ['severity', '=', 'High'] }, { name: 'b', data: ['severity, =, Fatal'] },
    { name: 'c', data: ['handle_status', '=', 'Open'] }] };
  assert.equal(await total({ ...abc, logics: ['a', 'and', 'c'] }), 1); // Huawei's lower-case "and"
  assert.equal(await total({ ...abc, logics: ['a', 'or', 'b'] }), 4);
  assert.equal(await total({ ...abc, logics: ['a', 'or', 'b', 'and', 'c'] }), 2); // left to right: (a or b) and c
  assert.equal(await total({ ...abc, logics: [] }), 0); // empty: AND of all
  const r = await search({ limit: 100, condition: { ...abc, logics: ['a', 'or', 'b'] } });
  assert.ok(r.json.data.every((x) => ['High', 'Fatal'].includes(x.data_object.severity)));

  const bad = async (condition, msg) => expectSec(await search({ condition }), 400, 'SecMaster.20040001', msg);
  await bad(cond(['severity', '~=', 'High']), /condition is invalid: .*unsupported operator "~="/);
  // Not SecMaster's form: "==", upper case.
  await bad(cond(['severity', '==', 'High']), /unsupported operator "=="; expected one of = != >= <= > < contains in/);
  await bad(cond(['severity, ==, High']), /unsupported operator "=="/);
  await bad(cond(['title', 'CONTAINS', 'x']), /unsupported operator "CONTAINS"/);
  await bad(cond(['severity', '=']), /\["field", "operator", "value"\]/);
  await bad(cond(['severity High']), /\["field, operator, value"\]/);
  await bad({ conditions: [{ name: 'a' }] }, /data must be a non-empty array/);
  await bad({ ...abc, logics: ['a', 'AND', 'c'] }, /logics\[1\] must be and or or \(lower case\): "AND"/);
  await bad({ ...abc, logics: ['a', 'OR', 'b'] }, /logics\[1\] must be and or or/);
  await bad({ ...abc, logics: ['(', 'a', 'or', 'b', ')'] }, /logics\[0\] names no condition: "\("/);
  await bad({ ...abc, logics: ['a', 'xor', 'b'] }, /logics\[1\] must be and or or/);
  await bad({ ...abc, logics: ['a', 'and', 'zzz'] }, /logics\[2\] names no condition: "zzz"/);
  await bad({ ...abc, logics: ['a', 'and'] }, /ends where a condition name/);
  await bad({ ...abc, logics: 'a' }, /logics must be an array/);
});

test('getAlert', async () => {
  const alert = PROD_ALERTS[0];
  const r = await call('GET', `${WS}/soc/alerts/${alert.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.code, r.json.message], ['00000000', '']);
  assert.deepEqual(r.json.data, { id: alert.id, create_time: alert.create_time, update_time: alert.update_time, workspace_id: PROD, data_object: alert.data_object });
  expectSec(await call('GET', `${WS}/soc/alerts/${NONE}`), 400, 'SecMaster.20030005', /^Alert not found: /);
  expectSec(await call('GET', `${WS}/soc/alerts/${ALERT_STAGING}`), 400, 'SecMaster.20030005');
  expectSec(await call('GET', `${WS}/soc/alerts/search`), 400, 'SecMaster.20030005'); // GET: an alert ID
});

test('auth applies to every new route (token and AK/SK)', async () => {
  const routes = [
    ['POST', `${AUDIT_URL}?offset=0&limit=5`, { instance_id: FAILED_OK }],
    ['GET', `${WS}/soc/playbooks/${PB_AUTO}`],
    ['GET', `${WS}/soc/playbooks/${PB_AUTO}/versions`],
    ['GET', `${WS}/soc/playbooks/versions/${V1}`],
    ['POST', SEARCH_URL, { limit: 2 }],
    ['GET', `${WS}/soc/alerts/${PROD_ALERTS[0].id}`],
    ['POST', `${WS}/soc/playbooks/versions/${V1}/rules`, { rule: { cron: '0 0 2 * * ?' } }],
    ['DELETE', ruleUrl()],
  ];
  for (const [method, url, body] of routes) {
    expectApig(await call(method, url, { token: null, body }), 401, 'APIG.0301', /x-auth-token not found/);
    expectApig(await call(method, url, { token: EXPIRED, body }), 401, 'APIG.0301', /expired/);
    expectApig(await signedCall(method, url, { body, sk: 'wrong' }), 401, 'APIG.0301', SIG_FAIL);
    expectSec(await call(method, url.replace(P, '1ed265df3efb0083e71770a52453ba30'), { body }), 403, 'SecMaster.20010001');
    expectSec(await call(method, url.replace(PROD, 'nope'), { body }), 403, 'SecMaster.20010001', /Workspace not found/);
    sim.state.akLockouts = {};
  }
  for (const [method, url, body] of routes) {
    const r = await signedCall(method, url, { body });
    assert.equal(r.status, 200, `${method} ${url}: ${r.text}`);
    assert.equal(lastRecord().auth, 'aksk');
  }
});

test('bulk: deterministic generated records in the first workspace, paging over them', async () => {
  const options = { clock: () => now, bulk: { instances: 250, playbooks: 30, alerts: 120, auditLogs: 400 } };
  const big = createSimulator(options);
  const { url: base } = await big.start();
  const get = (u) => call('GET', u, { base });
  const post = (u, body) => call('POST', u, { base, body });
  const anchor = now;
  try {
    // Instances: 8 fixture + 250, newest first, every id exactly once when paging through.
    const seen = [];
    for (let offset = 0; ; offset += 100) {
      const r = await get(instUrl(`offset=${offset}&limit=100`));
      assert.equal(r.json.count, 258);
      seen.push(...r.json.instances);
      if (r.json.instances.length < 100) {
        assert.equal(r.json.instances.length, 58); // last partial page
        break;
      }
    }
    assert.equal(new Set(seen.map((i) => i.id)).size, 258);
    assert.ok(isSorted(seen.map((i) => i.start_time)));
    const generated = Object.values(big.state.instances).filter((i) => i.generated);
    assert.equal(generated.length, 250);
    assert.deepEqual(new Set(generated.map((i) => i.status)), new Set(['FINISHED', 'FAILED', 'RUNNING', 'TERMINATED']));
    for (const i of generated) {
      const t = ms(i.start_time);
      assert.ok(t < anchor && t >= anchor - 7 * 86400e3, i.start_time);
      assert.ok(i.status === 'RUNNING' ? i.end_time === null : ms(i.end_time) > t);
      assert.equal(i.workspace_id, PROD);
    }
    assert.ok((await get(instUrl('offset=0&limit=500&status=FAILED'))).json.count >= 60);
    assert.deepEqual((await get(instUrl('offset=300&limit=50'))).json.instances, []);
    expectSec(await get(instUrl('offset=9990&limit=10')), 400, 'SecMaster.20040001', /10000/);
    assert.equal((await call('GET', `/v1/${P}/workspaces/${STAGING}/soc/playbooks/instances?offset=0&limit=10`, { base })).json.count, 2);
    // A generated FAILED instance can be retried.
    const failed = generated.find((i) => i.status === 'FAILED');
    assert.equal((await post(`${WS}/soc/playbooks/instances/${failed.id}/operation`, { operation: 'RETRY' })).json.status, 'RETRYING');

    // Playbooks: "Generated playbook 001".., each with a PUBLISHED version and a rule.
    let r = await get(`${WS}/soc/playbooks?offset=0&limit=1000`);
    assert.deepEqual([r.json.total, r.json.size], [34, 34]);
    r = await get(`${WS}/soc/playbooks?offset=0&limit=100&search_txt=generated`);
    assert.equal(r.json.total, 30);
    assert.deepEqual(r.json.data.slice(0, 2).map((p) => p.name), ['Generated playbook 001', 'Generated playbook 002']);
    r = await get(`${WS}/soc/playbooks?offset=20&limit=12&search_txt=generated`);
    assert.deepEqual([r.json.size, r.json.page, r.json.data[9].name], [10, 2, 'Generated playbook 030']);
    const pb = r.json.data[0];
    const versions = (await get(`${WS}/soc/playbooks/${pb.id}/versions`)).json.data;
    assert.deepEqual(versions.map((v) => [v.id, v.status, v.version_type]), [[pb.version_id, 'PUBLISHED', 1]]);
    assert.equal((await get(`${WS}/soc/playbooks/versions/${pb.version_id}/rules/${versions[0].rule_id}`)).status, 200);

    // Alerts: 10 fixture + 120, every severity and status.
    r = await post(SEARCH_URL, { limit: 1000 });
    assert.deepEqual([r.json.total, r.json.size], [130, 130]);
    assert.deepEqual(new Set(r.json.data.map((a) => a.data_object.severity)).size, 5);
    assert.deepEqual(new Set(r.json.data.map((a) => a.data_object.handle_status)).size, 3);
    r = await post(SEARCH_URL, { limit: 50, offset: 100 });
    assert.deepEqual(pageShape(r), { code: '00000000', message: '', total: 130, size: 30, page: 3 });
    r = await post(SEARCH_URL, { limit: 1000, condition: cond(['title, contains, Generated alert'], ['severity', '=', 'Fatal']) });
    assert.equal(r.json.total, 24);

    // Audit logs: per-instance logs (and the RETRY's above) + 400 extra.
    const perInstance = big.state.auditLogs.filter((l) => l.workspace_id === PROD && !/^Generated action/.test(l.action_name)).length;
    r = await post(`${AUDIT_URL}?offset=0&limit=10`);
    assert.equal(r.json.count, perInstance + 400);
    assert.equal((await post(`${AUDIT_URL}?offset=0&limit=10`, { action_name: 'retry PLAYBOOK instance' })).json.count, 1);
    assert.equal((await post(`${AUDIT_URL}?offset=0&limit=10`, { action_name: 'Generated action 400' })).json.count, 1);

    // Same options + clock → the same records; reset() rebuilds them even after the clock moved.
    const snapshot = (s) => JSON.stringify([Object.values(s.instances).map(publicInstanceOf), s.playbooks, s.versions,
      s.rules, s.alerts, s.auditLogs]);
    big.reset();
    const first = snapshot(big.state);
    const twin = createSimulator(options);
    assert.equal(snapshot(twin.state), first);
    now += 3 * 3600e3;
    big.reset();
    assert.equal(snapshot(big.state), first);
    assert.notEqual(snapshot(createSimulator(options).state), first); // a later construction moves the anchor
    const fixed = { ...options, bulk: { ...options.bulk, anchor: anchor } };
    assert.equal(snapshot(createSimulator(fixed).state), first); // ... unless bulk.anchor pins it
    assert.equal(big.bulk.anchor, anchor);
  } finally { await big.stop(); }

  // Kinds are independent streams: more alerts do not change the instances.
  const a = createSimulator({ clock: () => now, bulk: { instances: 5 } }).state;
  const b = createSimulator({ clock: () => now, bulk: { instances: 5, alerts: 50 } }).state;
  assert.deepEqual(Object.keys(a.instances), Object.keys(b.instances));
  assert.throws(() => createSimulator({ bulk: { instances: -1 } }), /bulk.instances must be an integer/);
  assert.throws(() => createSimulator({ bulk: { widgets: 3 } }), /unknown bulk kind: widgets/);
  assert.throws(() => createSimulator({ bulk: { alerts: 1, anchor: 'soon' } }), /bulk.anchor/);
  const anchored = createSimulator({ bulk: { alerts: 20, anchor: '2026-01-08T00:00:00Z' } }).state;
  for (const al of Object.values(anchored.alerts).filter((x) => x.data_object.title.startsWith('Generated'))) {
    const t = ms(al.create_time);
    assert.ok(t < Date.parse('2026-01-08T00:00:00Z') && t >= Date.parse('2026-01-01T00:00:00Z'), al.create_time);
  }
});

test('cli.js --bulk-* flags', async () => {
  const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--port', '0', '--bulk-instances', '12',
    '--bulk-playbooks=3', '--bulk-alerts', '7', '--bulk-audit-logs', '9'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cli did not start: ${out}`)), 5000);
      child.stdout.on('data', (d) => { out += d; if (out.includes('control API')) { clearTimeout(timer); resolve(); } });
    });
    assert.match(out, /generated: +12 instances, 3 playbooks, 7 alerts, 9 auditLogs in SOC-Production/);
    const base = /listening on (\S+)/.exec(out)[1];
    assert.equal((await call('GET', instUrl('offset=0&limit=1'), { base })).json.count, 20);
    assert.equal((await call('GET', `${WS}/soc/playbooks?offset=0&limit=1`, { base })).json.total, 7);
    assert.equal((await call('POST', SEARCH_URL, { base })).json.total, 17);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  }
});

// ---- timeline: records and status changes that appear over time, demo feed ------------------

const { formatTime: fmt } = require('./generate');
const utc = (ms) => new Date(ms).toISOString(); // alert search's from_date/to_date
const getAlert = (id, ws = PROD) => call('GET', `/v1/${P}/workspaces/${ws}/soc/alerts/${id}`);
const getInst = async (id) => (await call('GET', `${WS}/soc/playbooks/instances/${id}`)).json;
const alertTitles = async (body) => (await search({ limit: 1000, ...body })).json.data.map((a) => a.data_object.title);
const instIds = async (q) => (await call('GET', instUrl(`offset=0&limit=1000&${q}`))).json.instances.map((i) => i.id);
const endedSince = (t) => instIds(`date_type=END&from_date=${encodeURIComponent(fmt(t))}`);

test('timeline: alerts appear on the fake clock; late arrivals; equal create_time in appearance order', async () => {
  const t0 = sim.now();
  const before = (await search({ limit: 1000 })).json.total;
  const r = sim.addAlerts([{ data_object: { title: 'Later 1', severity: 'Fatal' } }, { data_object: { title: 'Later 2' } }], { afterMs: 10000 });
  assert.equal(r.at, t0 + 10000);
  const [a1, a2] = r.alerts;
  assert.notEqual(a1.id, a2.id);
  assert.deepEqual([a1.create_time, a2.create_time, a1.update_time], Array(3).fill(fmt(t0 + 10000))); // equal timestamps
  assert.deepEqual([a1.workspace_id, a1.data_object.id, a2.data_object.severity, a2.data_object.handle_status], [PROD, a1.id, 'Medium', 'Open']);
  assert.deepEqual(Object.keys(a1), ['id', 'create_time', 'update_time', 'workspace_id', 'data_object']);
  now += 9999;
  assert.equal((await search({ limit: 1000 })).json.total, before);
  expectSec(await getAlert(a1.id), 400, 'SecMaster.20030005');
  now += 1;
  assert.equal((await search({ limit: 1000 })).json.total, before + 2);
  assert.equal((await getAlert(a1.id)).json.data.data_object.title, 'Later 1');
  // from_date on create_time; ties keep the order of appearance in both directions.
  const from = utc(t0);
  const lates = cond(['title', 'contains', 'late']);
  assert.deepEqual(await alertTitles({ from_date: from, order: 'ASC', condition: lates }), ['Later 1', 'Later 2']);
  assert.deepEqual(await alertTitles({ from_date: from, condition: lates }), ['Later 1', 'Later 2']);
  assert.ok((await search({ from_date: utc(t0 + 10001), limit: 1000 })).json.data.every((a) => !/^Later/.test(a.data_object.title)));
  // Late arrival: visible from t0 + 20 s, but create_time t0 + 5 s, before a poller's watermark.
  const late = sim.addAlerts({ create_time: fmt(t0 + 5000), data_object: { title: 'Late' } }, { at: t0 + 20000 }).alerts[0];
  assert.equal(late.create_time, fmt(t0 + 5000));
  assert.ok(!(await alertTitles({})).includes('Late'));
  now += 10000;
  assert.deepEqual(await alertTitles({ from_date: utc(t0 + 10000), to_date: utc(t0 + 10000) }), ['Later 1', 'Later 2']);
  assert.deepEqual(await alertTitles({ from_date: from, order: 'asc', condition: lates }), ['Late', 'Later 1', 'Later 2']);
  assert.deepEqual(await alertTitles({ from_date: from, condition: lates }), ['Later 1', 'Later 2', 'Late']);
  assert.equal((await search({ condition: cond(['title', '=', 'Late']) })).json.data[0].data_object.create_time, fmt(t0 + 5000));
  // Explicit ids, epoch-ms times, other workspaces; a bad record adds nothing.
  const own = sim.addAlerts({ id: 'alert-own-1', workspace_id: STAGING, create_time: t0 - 3600e3 }).alerts[0];
  assert.deepEqual([own.id, own.create_time, own.data_object.id], ['alert-own-1', fmt(t0 - 3600e3), 'alert-own-1']);
  assert.equal((await getAlert('alert-own-1', STAGING)).status, 200);
  expectSec(await getAlert('alert-own-1'), 400, 'SecMaster.20030005');
  const total = Object.keys(sim.state.alerts).length;
  assert.throws(() => sim.addAlerts([{ id: 'x-1' }, { id: 'x-1' }]), /alert already exists: x-1/);
  assert.throws(() => sim.addAlerts({ id: late.id }), /already exists/);
  assert.throws(() => sim.addAlerts([{}, { workspace_id: 'nope' }]), /unknown workspace: nope/);
  assert.throws(() => sim.addAlerts({ create_time: 'yesterday' }), /create_time is not a time/);
  assert.throws(() => sim.addAlerts({}, { at: t0, afterMs: 1 }), /not both/);
  assert.throws(() => sim.addAlerts({}, { at: 'soon' }), /at must be epoch ms/);
  assert.throws(() => sim.addAlerts([]), /at least one alert/);
  assert.equal(Object.keys(sim.state.alerts).length, total);
  // The same calls after a reset give the same IDs.
  sim.reset();
  assert.equal(sim.addAlerts([{}, {}], { afterMs: 10000 }).alerts[1].id, a2.id);
});

test('timeline: instances appear and change status; date_type=END sees each new end_time', async () => {
  const t0 = sim.now();
  const [alert] = sim.addAlerts({ data_object: { title: 'Beacon to 198.51.100.99', severity: 'High' } }).alerts;
  const added = sim.addInstances([{ alertId: alert.id },
    { playbook: 'Ransomware containment', status: 'failed', retryOutcome: 'FAILED', start_time: t0 - 60e3 }], { afterMs: 1000 });
  const [a, b] = added.instances;
  assert.deepEqual([a.playbook.name, a.dataclass.name, a.dataobject, a.status, a.start_time, a.end_time, a.trigger_type],
    ['Auto-block malicious IPs', 'Alert', { id: alert.id, name: alert.data_object.title }, 'RUNNING', fmt(t0 + 1000), null, 'EVENT']);
  assert.equal(a.name, `Auto-block malicious IPs-${fmt(t0 + 1000).slice(0, 19).replace(/\D/g, '')}`);
  assert.deepEqual(Object.keys(a), Object.keys(publicInstanceOf(FX.instances[0])));
  assert.deepEqual([b.playbook.name, b.dataclass.name, b.status, b.start_time, b.end_time],
    ['Ransomware containment', 'Incident', 'FAILED', fmt(t0 - 60e3), fmt(t0 + 1000)]);
  assert.equal((await call('GET', `${WS}/soc/playbooks/instances/${a.id}`)).status, 404);
  now += 1000;
  // The workflow finds the instances for an alert through its data object.
  assert.deepEqual(await instIds(`dataobject_name=${encodeURIComponent('beacon to 198.51.100.99')}`), [a.id]);
  let logs = (await audit(undefined, { instance_id: a.id })).json.audit_logs;
  assert.ok(logs.length >= 2 && logs.some((l) => l.status === 'RUNNING'));
  assert.ok((await endedSince(t0)).includes(b.id) && !(await endedSince(t0)).includes(a.id));

  const change = sim.setInstanceStatus(a.id, 'failed', { afterMs: 3000 });
  assert.deepEqual(change, { at: t0 + 4000, id: a.id, status: 'FAILED', end_time: fmt(t0 + 4000) });
  now += 2999;
  assert.equal((await getInst(a.id)).status, 'RUNNING');
  now += 1;
  assert.deepEqual(await endedSince(t0 + 2000), [a.id]);
  logs = (await audit(undefined, { instance_id: a.id })).json.audit_logs;
  assert.ok(logs.every((l) => l.status !== 'RUNNING' && ms(l.start_time) <= t0 + 4000 && ms(l.end_time) <= t0 + 4000));
  assert.ok(logs.some((l) => l.status === 'FAILED' && l.log_level === 'ERROR'));
  // RETRY works on added instances: end_time null while retrying, then a new one.
  assert.equal((await operate(a.id, 'RETRY')).json.end_time, null);
  assert.deepEqual(await endedSince(t0 + 2000), []);
  assert.equal((await operate(b.id, 'RETRY')).status, 200);
  now += 2000;
  assert.deepEqual([(await getInst(a.id)).status, (await getInst(a.id)).end_time], ['FINISHED', fmt(t0 + 6000)]);
  assert.deepEqual([(await getInst(b.id)).status, (await getInst(b.id)).end_time], ['FAILED', fmt(t0 + 6000)]); // fails again
  assert.deepEqual((await endedSince(t0 + 5000)).sort(), [a.id, b.id].sort());

  // Forced changes keep the same model and happen in time order with the retry clock.
  assert.equal((await operate(b.id, 'RETRY')).status, 200); // would finish (FAILED) at t0 + 8000
  sim.setInstanceStatus(b.id, 'TERMINATED', { afterMs: 1000 });
  now += 5000;
  assert.deepEqual([(await getInst(b.id)).status, (await getInst(b.id)).end_time], ['TERMINATED', fmt(t0 + 7000)]);
  assert.equal(sim.setInstanceStatus(b.id, 'RUNNING').end_time, null);
  assert.deepEqual([(await getInst(b.id)).status, (await getInst(b.id)).end_time], ['RUNNING', null]);
  sim.setInstanceStatus(b.id, 'RETRYING');
  now += 2000;
  assert.deepEqual([(await getInst(b.id)).status, (await getInst(b.id)).end_time], ['FAILED', fmt(now)]); // retryOutcome

  // A status change may not precede the instance; at the same time it lands after it.
  const t1 = sim.now();
  const later = sim.addInstances({ playbook: FX.playbooks[2].id }, { afterMs: 10000 }).instances[0];
  assert.throws(() => sim.setInstanceStatus(later.id, 'FAILED', { afterMs: 5000 }), /appears only at/);
  sim.setInstanceStatus(later.id, 'FINISHED', { at: fmt(t1 + 10000) });
  assert.throws(() => sim.setInstanceStatus('nope', 'FAILED'), /unknown instance: nope/);
  assert.throws(() => sim.setInstanceStatus(a.id, 'PAUSED'), /status must be one of/);
  assert.throws(() => sim.addInstances({ alertId: 'nope' }), /unknown alert: nope/);
  assert.throws(() => sim.addInstances({ playbook: 'No such playbook' }), /unknown playbook/);
  assert.throws(() => sim.addInstances({ id: a.id }), /instance already exists/);
  now += 10000;
  const l = await getInst(later.id);
  assert.deepEqual([l.status, l.start_time, l.end_time, l.playbook.name], ['FINISHED', fmt(t1 + 10000), fmt(t1 + 10000), FX.playbooks[2].name]);
  assert.equal((await audit(undefined, { instance_id: later.id })).json.audit_logs.filter((x) => x.status === 'RUNNING').length, 0);
  // reset() drops added records and pending changes.
  sim.addAlerts({ data_object: { title: 'Pending' } }, { afterMs: 1000 });
  sim.reset();
  now += 1000;
  assert.deepEqual([Object.keys(sim.state.instances).length, sim.state.timeline.length], [FX.instances.length, 0]);
  assert.ok(!(await alertTitles({})).includes('Pending'));
});

test('timeline: alert and incident handle status changes move update_time; Closed stamps close_time', async () => {
  const t0 = sim.now();
  const [alert] = sim.addAlerts({ data_object: { title: 'Handle me' } }).alerts;
  const [incId] = sim.seedSoc({ incidents: [{ data_object: { title: 'Handle me too' } }] }).incidents;
  const r = sim.setHandleStatus('alert', alert.id, 'Closed', { afterMs: 1000 });
  assert.deepEqual(r, { at: t0 + 1000, object: 'alert', id: alert.id, handle_status: 'Closed', update_time: fmt(t0 + 1000) });
  assert.equal((await getAlert(alert.id)).json.data.data_object.handle_status, 'Open'); // not yet due
  now += 1000;
  let a = (await getAlert(alert.id)).json.data;
  assert.deepEqual([a.update_time, a.data_object.update_time, a.data_object.close_time, a.data_object.close_reason, a.create_time],
    [fmt(t0 + 1000), fmt(t0 + 1000), fmt(t0 + 1000), 'Resolved', fmt(t0)]);
  // Searched on update_time: a condition and sort_by update_time see the change.
  const changed = await search({ sort_by: 'update_time', order: 'ASC', condition: cond(['update_time', '>=', utc(t0 + 1000)]) });
  assert.deepEqual(changed.json.data.map((x) => x.id), [alert.id]);
  sim.setHandleStatus('alert', alert.id, 'Open', { afterMs: 500 });
  now += 500;
  a = (await getAlert(alert.id)).json.data.data_object;
  assert.deepEqual([a.handle_status, a.close_time, a.close_reason, a.update_time], ['Open', null, undefined, fmt(t0 + 1500)]);
  // Over HTTP, for an incident, with a close reason.
  const h = await ctl('POST', `/__sim/incidents/${incId}/status`, { status: 'Closed', closeReason: 'False detection' });
  assert.equal(h.status, 200, JSON.stringify(h.json));
  const inc = (await soc('GET', `/incidents/${incId}`)).json.data;
  assert.deepEqual([inc.data_object.handle_status, inc.data_object.close_reason, inc.update_time, inc.data_object.close_time],
    ['Closed', 'False detection', fmt(t0 + 1500), fmt(t0 + 1500)]);
  const found = await soc('POST', '/incidents/search', { sort_by: 'update_time', order: 'DESC', condition: cond(['update_time', '>=', utc(t0 + 1500)]) });
  assert.deepEqual(found.json.data.map((x) => x.id), [incId]);
  assert.throws(() => sim.setHandleStatus('alert', 'nope', 'Closed'), /unknown alert: nope/);
  assert.throws(() => sim.setHandleStatus('alert', alert.id, 'closed'), /status must be one of Open, Block, Closed/);
  assert.throws(() => sim.setHandleStatus('note', alert.id, 'Open'), /object must be alert or incident/);
  assert.throws(() => sim.setHandleStatus('incident', incId, 'Closed', undefined, 'Fixed'), /closeReason must be one of/);
  assert.equal((await ctl('POST', '/__sim/alerts/nope/status', { status: 'Open' })).status, 400);
});

test('timeline over HTTP: /__sim/alerts, /__sim/instances, /__sim/instances/{id}/status; PATCH sets end_time', async () => {
  const t0 = sim.now();
  let r = await ctl('POST', '/__sim/alerts', { alerts: [{ data_object: { title: 'HTTP alert', severity: 'Low' } }], afterMs: 5000 });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.at, r.json.alerts[0].create_time, r.json.alerts[0].data_object.severity], [t0 + 5000, fmt(t0 + 5000), 'Low']);
  const alertId = r.json.alerts[0].id;
  assert.equal((await ctl('GET', '/__sim/state')).json.timeline.length, 1);
  await ctl('POST', '/__sim/clock', { advanceMs: 5000 });
  assert.equal((await getAlert(alertId)).status, 200);

  r = await ctl('POST', '/__sim/instances', { instances: [{ alertId }], at: fmt(t0 + 6000) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const id = r.json.instances[0].id;
  assert.equal(r.json.instances[0].dataobject.name, 'HTTP alert');
  r = await ctl('POST', `/__sim/instances/${id}/status`, { status: 'failed', afterMs: 3000 });
  assert.deepEqual(r.json, { at: t0 + 8000, id, status: 'FAILED', end_time: fmt(t0 + 8000) });
  await ctl('POST', '/__sim/clock', { advanceMs: 3000 });
  assert.deepEqual(await instIds(`status=FAILED&date_type=END&from_date=${encodeURIComponent(fmt(t0 + 7000))}`), [id]);
  assert.equal((await operate(id, 'RETRY')).json.status, 'RETRYING');

  for (const [url, body, msg] of [
    ['/__sim/alerts', {}, /at least one alert/],
    ['/__sim/alerts', { alerts: [{}], at: 'later' }, /at must be epoch ms/],
    ['/__sim/instances', { instances: [{ alertId: 'nope' }] }, /unknown alert/],
    ['/__sim/instances/nope/status', { status: 'FAILED' }, /unknown instance: nope/],
    [`/__sim/instances/${id}/status`, { status: 'DONE' }, /status must be one of/],
    [`/__sim/instances/${id}/status`, { status: 'FAILED', at: 1, afterMs: 1 }, /not both/],
  ]) {
    const e = await ctl('POST', url, body);
    assert.equal(e.status, 400, url);
    assert.match(e.json.error, msg);
  }

  // PATCH /__sim/state: a terminal status gets end_time = now (or the one given), RUNNING clears it.
  const t1 = sim.now();
  r = await ctl('PATCH', '/__sim/state', { instances: { [FINISHED]: { status: 'FAILED' }, [RUNNING_FOREVER]: { status: 'TERMINATED' } } });
  assert.deepEqual([r.json.instances[FINISHED].end_time, r.json.instances[RUNNING_FOREVER].end_time], [fmt(t1), fmt(t1)]);
  assert.ok((await endedSince(t1)).includes(FINISHED));
  r = await ctl('PATCH', '/__sim/state', { instances: { [FINISHED]: { status: 'RUNNING' }, [FAILED_OK]: { status: 'FAILED', end_time: '2026-11-21T09:31:00.000Z+0800' } } });
  assert.deepEqual([r.json.instances[FINISHED].end_time, r.json.instances[FAILED_OK].end_time], [null, '2026-11-21T09:31:00.000Z+0800']);

  await ctl('POST', '/__sim/alerts', { alerts: [{ data_object: { title: 'Never' } }], afterMs: 1000 });
  assert.deepEqual((await ctl('POST', '/__sim/reset')).json, { reset: true });
  now += 1000;
  assert.equal((await getAlert(alertId)).status, 400);
  assert.deepEqual([(await ctl('GET', '/__sim/state')).json.timeline, (await search({ limit: 1000 })).json.total], [[], PROD_ALERTS.length]);
});

test('feed: deterministic ticks on the fake clock, retryable instances, reset, setFeed, max', async () => {
  const t0 = now;
  const options = { clock: () => now, feed: { everyMs: 20000 } };
  const stepwise = createSimulator(options);
  const atOnce = createSimulator(options); // read only at the end: the same records
  const plain = createSimulator({ clock: () => now });
  const feedAlerts = (s) => Object.values(s.state.alerts).filter((a) => a.data_object.data_source?.product_name === 'Demo feed');
  const feedInstances = (s) => Object.values(s.state.instances).filter((i) => ms(i.start_time) >= t0);
  assert.equal(plain.state.feed, null);
  now += 19999;
  assert.equal(feedAlerts(stepwise).length, 0);
  now += 1;
  assert.equal(feedAlerts(stepwise).length, 1);
  let [inst] = feedInstances(stepwise);
  assert.deepEqual([inst.status, inst.start_time, inst.end_time], ['RUNNING', fmt(t0 + 20000), null]);
  assert.equal(inst.dataobject.id, feedAlerts(stepwise)[0].id);
  now += 5000; // runMs default: min(5 s, everyMs / 2)
  inst = stepwise.state.instances[inst.id];
  assert.deepEqual([inst.status, inst.end_time], ['FAILED', fmt(t0 + 25000)]);
  for (let i = 0; i < 12; i++) { now += 9000; void stepwise.state; } // read at odd moments
  now = t0 + 200000;
  const snap = (s) => JSON.stringify([feedAlerts(s), feedInstances(s).map(publicInstanceOf),
    s.state.auditLogs.filter((l) => feedInstances(s).some((i) => i.id === l.instance_id))]);
  assert.equal(snap(stepwise), snap(atOnce));
  const alerts = feedAlerts(stepwise);
  assert.equal(alerts.length, 10);
  assert.deepEqual(alerts.map((a) => a.create_time), alerts.map((_, k) => fmt(t0 + 20000 * (k + 1))));
  assert.ok(alerts.every((a) => ['High', 'Fatal', 'Low'].includes(a.data_object.severity)));
  assert.ok(alerts.filter((a) => a.data_object.severity !== 'Low').length >= 6);
  const enabledAlertPlaybooks = FX.playbooks.filter((p) => p.workspace_id === PROD && p.enabled && p.dataclass_name === 'Alert').map((p) => p.id);
  const runs = feedInstances(stepwise);
  assert.deepEqual(runs.map((i) => i.status), [...Array(9).fill('FAILED'), 'RUNNING']); // the 10th fails at t0 + 205 s
  for (const i of runs) {
    assert.ok(enabledAlertPlaybooks.includes(i.playbook.id) && alerts.some((a) => a.id === i.dataobject.id));
    if (i.end_time) assert.equal(ms(i.end_time) - ms(i.start_time), 5000);
  }
  // Added records keep their IDs whether or not a feed runs.
  assert.equal(stepwise.addAlerts({}).alerts[0].id, plain.addAlerts({}).alerts[0].id);
  // reset(): the feed starts over from the reset time with the same records.
  const first = alerts[0];
  stepwise.reset();
  assert.equal(feedAlerts(stepwise).length, 0);
  now += 20000;
  assert.deepEqual(feedAlerts(stepwise)[0].data_object.title, first.data_object.title);
  // setFeed at runtime; max; runMs 0 = FAILED at once; null stops it.
  plain.setFeed({ everyMs: 1000, runMs: 0, max: 3 });
  now += 10000;
  assert.equal(feedAlerts(plain).length, 3);
  assert.deepEqual(feedInstances(plain).map((i) => [i.status, i.start_time === i.end_time]), Array(3).fill(['FAILED', true]));
  plain.setFeed(null);
  assert.equal(plain.state.feed, null);
  assert.throws(() => createSimulator({ feed: { everyMs: 0 } }), /feed.everyMs/);
  assert.throws(() => plain.setFeed({ everyMs: 10, runMs: -1 }), /feed.runMs/);
});

test('feed over HTTP: POST /__sim/feed, polls by create_time and end_time, RETRY and its daily limit', async () => {
  const t0 = sim.now();
  let r = await ctl('POST', '/__sim/feed', { everyMs: 10000 });
  assert.deepEqual([r.status, r.json.feed.everyMs, r.json.feed.runMs, r.json.feed.origin], [200, 10000, 5000, t0]);
  await ctl('POST', '/__sim/clock', { advanceMs: 30000 });
  const fresh = (await search({ from_date: utc(t0 + 1), order: 'ASC', limit: 100 })).json.data
    .filter((a) => a.data_object.data_source.product_name === 'Demo feed');
  assert.deepEqual(fresh.map((a) => a.create_time), [fmt(t0 + 10000), fmt(t0 + 20000), fmt(t0 + 30000)]);
  const failed = await instIds(`status=FAILED&date_type=END&from_date=${encodeURIComponent(fmt(t0 + 1))}`);
  assert.equal(failed.length, 2); // the third one still runs until t0 + 35 s
  assert.equal((await operate(failed[0], 'RETRY')).json.status, 'RETRYING');
  await ctl('POST', '/__sim/clock', { advanceMs: 2000 });
  assert.equal(await status(failed[0]), 'FINISHED');
  await ctl('PATCH', '/__sim/state', { retriesToday: { [PROD]: 100 } });
  expectSec(await operate(failed[1], 'RETRY'), 400, 'SecMaster.20040429');
  assert.deepEqual((await ctl('POST', '/__sim/feed', {})).json, { feed: null });
  assert.equal((await ctl('POST', '/__sim/feed', { everyMs: -5 })).status, 400);
  await ctl('POST', '/__sim/reset');
  assert.equal(sim.state.feed, null);
});

test('cli.js --feed-every-ms: records trickle in on the real clock', async () => {
  const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--port', '0', '--feed-every-ms', '150'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cli did not start: ${out}`)), 5000);
      child.stdout.on('data', (d) => { out += d; if (out.includes('control API')) { clearTimeout(timer); resolve(); } });
    });
    assert.match(out, /feed: +a new alert and a failing instance every 150 ms in SOC-Production/);
    const base = /listening on (\S+)/.exec(out)[1];
    const count = async () => (await call('POST', SEARCH_URL, { base })).json.total;
    const first = await count();
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(await count() >= first + 2);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  }
});

// ---- SOC objects: alert writes, incidents, indicators, notes, AOP workflows (soc/) ------------

const SOC = `${WS}/soc`;
const SOC_FX = require('./fixtures/soc.json');
const INC_OPEN = SOC_FX.incidents[0].id; // Ransomware, linked to a fixture alert
const INC_STAGING = SOC_FX.incidents.find((i) => i.workspace_id === STAGING).id;
const IND_IP = SOC_FX.indicators[0].id;
const TYPE = Object.fromEntries(SOC_FX.indicatorTypes.map((t) => [t.indicator_type, t.id]));
const WF = Object.fromEntries(SOC_FX.workflows.map((w) => [w.name.split(' ')[0], w.id])); // Block, Enrich, Collect, Notify, Staging
const ALERT_KEYS = ['create_time', 'data_object', 'dataclass_ref', 'format_version', 'id', 'project_id', 'type', 'update_time', 'version', 'workspace_id'];
const INSTANCE_KEYS = ['id', 'name', 'workflow', 'dataclass', 'playbook', 'trigger_type', 'status', 'start_time', 'end_time',
  'retry_count', 'defense_id', 'dataobject_id'];
const RUN = { command_type: 'ActionInstanceRunCommand', action_type: 'workflow' };
const soc = (method, url, body, opts) => call(method, `${SOC}${url}`, { body, ...opts });
const newAlert = async (dataObject = {}) => (await soc('POST', '/alerts', { data_object: { title: 'Created alert', severity: 'High', ...dataObject } })).json.data;
const indicatorBody = (o = {}) => ({
  data_object: {
    name: 'Bad domain', indicator_type: { category: 'Domain', indicator_type: 'Domain', id: TYPE.Domain }, value: 'test.terraform.com',
    verdict: 'Black', status: 'Open', confidence: 80, granular_marking: 1, defanged: false,
    data_source: { source_type: 1, product_feature: 'hss', product_name: 'hss' },
    environment: { domain_id: 'd', project_id: P, region_id: 'cn-north-4' },
    first_report_time: '2023-10-24T17:23:55.000Z+0800', last_report_time: '2023-10-25T11:15:30.000Z+0800', ...o,
  },
});
const run = (wf, body = RUN) => soc('POST', `/workflows/${wf}/instances`, body);
const wfInst = async (id, q = '') => (await soc('GET', `/workflows/instances/${id}${q}`)).json;
const operateWf = (id, command_type) => soc('PUT', `/workflows/instances/${id}`, { command_type });

test('alert writes reach alert search at once (the store list is kept in step)', async () => {
  const byTitle = async (title) => (await soc('POST', '/alerts/search', { offset: 0, limit: 10, condition: { conditions: [{ name: 't', data: ['title', '=', title] }], logics: ['t'] } })).json.total;
  assert.equal(await byTitle('Fresh write'), 0); // a search first, so the list exists before the write
  const r = await soc('POST', '/alerts', { data_object: { title: 'Fresh write', severity: 'Low' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(await byTitle('Fresh write'), 1);
  assert.equal((await soc('DELETE', '/alerts', { batch_ids: [r.json.data.id] })).status, 200);
  assert.equal(await byTitle('Fresh write'), 0);
});

test('createAlert: AlertDetail envelope, defaults, observed times read back as +08:00, required title', async () => {
  const r = await soc('POST', '/alerts', { data_object: {
    title: 'Abnormal access', description: '', severity: 'Tips', handle_status: 'Open', verification_state: 'Unknown',
    ipdrr_phase: 'Preparation', alert_type: { category: 'Abnormal network behavior', alert_type: 'Abnormal access frequency of IP address' },
    data_source: { source_type: 1, product_feature: 'hss', product_name: 'hss' }, first_observed_time: '2023-04-18T13:00:00.000Z+0800',
    id: 'ignored', workspace_id: 'ignored',
  } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.code, r.json.message], ['00000000', '']);
  const a = r.json.data;
  assert.deepEqual(Object.keys(a).sort(), ALERT_KEYS);
  assert.deepEqual([a.data_object.id, a.workspace_id, a.data_object.workspace_id, a.project_id], [a.id, PROD, PROD, P]);
  assert.equal(a.data_object.first_observed_time, '2023-04-18T13:00:00.000+08:00');
  assert.deepEqual(a.dataclass_ref, { id: '9fffec7f-8627-44ca-9723-176d192a6447', name: 'Alert' });
  assert.equal((await getAlert(a.id)).json.data.data_object.title, 'Abnormal access');
  assert.equal((await search({ condition: cond(['title', '=', 'Abnormal access']) })).json.total, 1);
  expectSec(await soc('POST', '/alerts', { data_object: { severity: 'High' } }), 400, 'SecMaster.20040001', /title is required/);
  expectSec(await soc('POST', '/alerts', {}), 400, 'SecMaster.20040001', /data_object is required/);
  expectSec(await soc('POST', '/alerts', { data_object: { title: 't', severity: 'Critical' } }), 400, 'SecMaster.20040001', /severity.*Tips, Low/);
  expectSec(await soc('POST', '/alerts', { data_object: { title: 't', first_observed_time: 'yesterday' } }), 400, 'SecMaster.20040001', /first_observed_time/);
  expectSec(await soc('POST', '/alerts', { data_object: { title: 't', handle_status: 'Closed' } }), 400, 'SecMaster.20040001', /close_reason is required/);
  expectSec(await soc('POST', '/alerts', '{"data_object":', {}), 400, 'SecMaster.20040002');
});

test('changeAlert / changeAlerts: partial update, close reason required, batch all-or-nothing', async () => {
  const a = await newAlert({ description: 'keep me' });
  let r = await soc('PUT', `/alerts/${a.id}`, { batch_ids: [a.id], data_object: { severity: 'Medium' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.data.data_object.severity, r.json.data.data_object.description, r.json.data.version], ['Medium', 'keep me', 2]);
  expectSec(await soc('PUT', `/alerts/${a.id}`, { data_object: { handle_status: 'Closed' } }), 400, 'SecMaster.20040001', /close_reason/);
  expectSec(await soc('PUT', `/alerts/${a.id}`, { data_object: { handle_status: 'Closed', close_reason: 'Fixed' } }), 400, 'SecMaster.20040001', /False detection, Resolved, Repeated, Other/);
  now += 1000;
  r = await soc('PUT', `/alerts/${a.id}`, { data_object: { handle_status: 'Closed', close_reason: 'False detection', close_comment: 'scanner' } });
  assert.equal(r.json.data.data_object.close_time, fmt(now));
  assert.equal(r.json.data.update_time, fmt(now));
  r = await soc('PUT', `/alerts/${a.id}`, { data_object: { handle_status: 'Open' } });
  assert.deepEqual([r.json.data.data_object.close_reason, r.json.data.data_object.close_time], [undefined, null]);
  expectSec(await soc('PUT', `/alerts/${NONE}`, { data_object: { severity: 'Low' } }), 400, 'SecMaster.20030005', /Alert not found/);
  expectSec(await soc('PUT', `/alerts/${ALERT_STAGING}`, { data_object: { severity: 'Low' } }), 400, 'SecMaster.20030005');
  // Batch: a fixture alert Closed without a reason may keep its status while other fields change.
  const closed = PROD_ALERTS.find((x) => x.data_object.handle_status === 'Closed').id;
  r = await soc('POST', '/alerts/batch-update', { batch_ids: [a.id, closed], data_object: { owner: 'alice' } });
  assert.equal(r.json.data.id, a.id);
  assert.equal((await getAlert(closed)).json.data.data_object.owner, 'alice');
  expectSec(await soc('POST', '/alerts/batch-update', { batch_ids: [a.id, NONE], data_object: { owner: 'bob' } }), 400, 'SecMaster.20030005', new RegExp(NONE));
  assert.equal((await getAlert(a.id)).json.data.data_object.owner, 'alice'); // nothing changed
  expectSec(await soc('POST', '/alerts/batch-update', { data_object: { owner: 'bob' } }), 400, 'SecMaster.20040001', /batch_ids/);
  expectSec(await soc('POST', '/alerts/batch-update', { batch_ids: [a.id, closed], data_object: { handle_status: 'Closed' } }), 400, 'SecMaster.20040001', /close_reason/);
});

test('deleteAlert (DELETE) / batchDeleteAlerts: success_ids and error_ids; the alert is gone', async () => {
  const [a, b] = [await newAlert(), await newAlert()];
  let r = await soc('DELETE', '/alerts', { batch_ids: [a.id, NONE] });
  assert.deepEqual(r.json, { code: '00000000', message: '', data: { success_ids: [a.id], error_ids: [NONE] } });
  expectSec(await getAlert(a.id), 400, 'SecMaster.20030005');
  r = await soc('POST', '/alerts/batch-delete', { batch_ids: [b.id, ALERT_STAGING] });
  assert.deepEqual(r.json.data, { success_ids: [b.id], error_ids: [ALERT_STAGING] });
  expectSec(await soc('DELETE', '/alerts', { batch_ids: [] }), 400, 'SecMaster.20040001', /batch_ids/);
  expectSec(await soc('DELETE', '/alerts', undefined), 400, 'SecMaster.20040003');
});

test('convertAlerts (batch-order): one incident linked both ways; unknown IDs in error_ids', async () => {
  const [a, b] = [await newAlert({ severity: 'Low' }), await newAlert({ severity: 'Fatal', title: 'Worst' })];
  const r = await soc('POST', '/alerts/batch-order', { ids: [a.id, b.id, NONE], incident_content: { title: 'DDoS on web', incident_type: { category: 'DDoS', incident_type: 'ACK Flood' } } });
  assert.deepEqual(r.json, { code: '00000000', message: '', data: { success_ids: [a.id, b.id], error_ids: [NONE] } });
  const found = await soc('POST', '/incidents/search', { condition: cond(['title', '=', 'DDoS on web']) });
  assert.equal(found.json.total, 1);
  const inc = found.json.data[0];
  assert.deepEqual([inc.data_object.alert_list, inc.data_object.severity, inc.data_object.incident_type.incident_type], [[a.id, b.id], 'Fatal', 'ACK Flood']);
  assert.deepEqual((await getAlert(a.id)).json.data.data_object.incident_list, [inc.id]);
  assert.deepEqual((await soc('POST', '/alerts/batch-order', { ids: [NONE] })).json.data, { success_ids: [], error_ids: [NONE] });
  expectSec(await soc('POST', '/alerts/batch-order', { incident_content: {} }), 400, 'SecMaster.20040001', /ids/);
  // Deleting the alert drops it from the incident; deleting the incident drops the alert's link.
  await soc('DELETE', '/alerts', { batch_ids: [a.id] });
  assert.deepEqual((await soc('GET', `/incidents/${inc.id}`)).json.data.data_object.alert_list, [b.id]);
  await soc('DELETE', '/incidents', { batch_ids: [inc.id] });
  assert.deepEqual((await getAlert(b.id)).json.data.data_object.incident_list, []);
});

test('incidents: create, get, change, batch-update, search with condition and paging, delete forms', async () => {
  let r = await soc('POST', '/incidents', { data_object: { title: 'New incident', severity: 'Tips', handle_status: 'Open', verification_state: 'Positive',
    ipdrr_phase: 'Detection and analysis', incident_type: { category: 'DDoS', incident_type: 'ACK Flood' }, labels: 'test1,test2', simulation: false } });
  assert.equal(r.status, 200, r.text);
  const inc = r.json.data;
  assert.deepEqual(Object.keys(inc).sort(), ALERT_KEYS);
  assert.deepEqual([inc.dataclass_ref.name, inc.data_object.verification_state, inc.data_object.ipdrr_phase], ['Incident', 'Positive', 'Detection and analysis']);
  r = await soc('GET', `/incidents/${INC_OPEN}`);
  assert.deepEqual([r.json.code, r.json.data.data_object.title], ['00000000', 'Ransomware on ecs-web-03']);
  expectSec(await soc('GET', `/incidents/${NONE}`), 400, 'SecMaster.20030005', /Incident not found/);
  expectSec(await soc('GET', `/incidents/${INC_STAGING}`), 400, 'SecMaster.20030005');
  r = await soc('PUT', `/incidents/${inc.id}`, { data_object: { severity: 'Low', handle_status: 'Block' } });
  assert.deepEqual([r.json.data.data_object.severity, r.json.data.data_object.handle_status, r.json.data.data_object.labels], ['Low', 'Block', 'test1,test2']);
  expectSec(await soc('PUT', `/incidents/${inc.id}`, { data_object: { handle_status: 'Closed' } }), 400, 'SecMaster.20040001', /close_reason/);
  r = await soc('POST', '/incidents/batch-update', { batch_ids: [inc.id, INC_OPEN], data_object: { handle_status: 'Closed', close_reason: 'Resolved' } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await soc('GET', `/incidents/${INC_OPEN}`)).json.data.data_object.close_reason, 'Resolved');
  expectSec(await soc('POST', '/incidents/batch-update', { batch_ids: [NONE], data_object: {} }), 400, 'SecMaster.20030005');
  r = await soc('POST', '/incidents/search', { limit: 2, offset: 0, sort_by: 'create_time', order: 'ASC' });
  assert.deepEqual([r.json.total, r.json.size, r.json.page, r.json.success], [3, 2, 1, true]);
  assert.ok(isSorted(r.json.data.map((i) => i.create_time), 'ASC'));
  r = await soc('POST', '/incidents/search', { condition: { conditions: [{ name: 'c', data: ['handle_status', '=', 'Closed'] }], logics: ['c'] } });
  assert.equal(r.json.total, 3);
  expectSec(await soc('POST', '/incidents/search', { condition: { conditions: [{ name: 'c', data: ['x'] }] } }), 400, 'SecMaster.20040001', /condition/);
  expectSec(await soc('POST', '/incidents/search', { limit: 0 }), 400, 'SecMaster.20040001', /limit/);
  // Terraform's DeleteIncident sends batch_ids as a bare string; the batch form needs an array.
  r = await soc('DELETE', '/incidents', { batch_ids: inc.id });
  assert.deepEqual(r.json.data, { success_ids: [inc.id], error_ids: [] });
  r = await soc('POST', '/incidents/batch-delete', { batch_ids: [INC_OPEN, NONE] });
  assert.deepEqual(r.json.data, { success_ids: [INC_OPEN], error_ids: [NONE] });
  expectSec(await soc('POST', '/incidents/batch-delete', { batch_ids: INC_OPEN }), 400, 'SecMaster.20040001', /batch_ids/);
});

test('indicators: create (type and value format), get, update, search, delete', async () => {
  let r = await soc('POST', '/indicators', indicatorBody());
  assert.equal(r.status, 200, r.text);
  const ind = r.json.data;
  assert.deepEqual(Object.keys(ind).sort(), ['create_time', 'data_object', 'dataclass_ref', 'id', 'name', 'project_id', 'update_time', 'workspace_id']);
  assert.deepEqual([ind.name, ind.data_object.granular_marking, ind.data_object.first_report_time], ['Bad domain', 1, '2023-10-24T17:23:55.000+08:00']);
  assert.equal((await soc('GET', `/indicators/${ind.id}`)).json.data.data_object.value, 'test.terraform.com');
  expectSec(await soc('GET', `/indicators/${NONE}`), 400, 'SecMaster.20030005', /Indicator not found/);
  expectSec(await soc('POST', '/indicators', indicatorBody({ value: 'not a domain' })), 400, 'SecMaster.20040001', /value is invalid for indicator type Domain/);
  expectSec(await soc('POST', '/indicators', indicatorBody({ indicator_type: { id: TYPE.IPv4, indicator_type: 'IPv4' }, value: '300.1.1.1' })), 400, 'SecMaster.20040001', /IPv4/);
  expectSec(await soc('POST', '/indicators', indicatorBody({ indicator_type: { id: NONE } })), 400, 'SecMaster.20040001', /no indicator type/);
  expectSec(await soc('POST', '/indicators', indicatorBody({ verdict: 'Red' })), 400, 'SecMaster.20040001', /Black, White, Gray/);
  expectSec(await soc('POST', '/indicators', indicatorBody({ granular_marking: 5 })), 400, 'SecMaster.20040001', /granular_marking/);
  expectSec(await soc('POST', '/indicators', { data_object: { name: 'x' } }), 400, 'SecMaster.20040001', /indicator_type.*value.*verdict/);
  // Update: a URL takes a path (Terraform's live test stores "/v1/test").
  r = await soc('PUT', `/indicators/${ind.id}`, { data_object: { indicator_type: { id: TYPE.URL, indicator_type: 'URL' }, value: '/v1/test', verdict: 'Gray', status: 'Closed', confidence: 90 } });
  assert.deepEqual([r.json.data.data_object.value, r.json.data.data_object.status, r.json.data.data_object.indicator_type.category], ['/v1/test', 'Closed', 'URL']);
  expectSec(await soc('PUT', `/indicators/${ind.id}`, { data_object: { indicator_type: { id: TYPE.IPv4 } } }), 400, 'SecMaster.20040001', /IPv4/);
  expectSec(await soc('PUT', `/indicators/${NONE}`, { data_object: {} }), 400, 'SecMaster.20030005');
  r = await soc('POST', '/indicators/search', { offset: 0, limit: 1000 });
  assert.deepEqual([r.json.total, 'success' in r.json], [3, false]);
  r = await soc('POST', '/indicators/search', { offset: 0, limit: 10, condition: { conditions: [{ name: 'n', data: ['verdict', '=', 'Gray'] }, { name: 's', data: ['status', '=', 'Closed'] }], logics: ['n', 'and', 's'] } });
  assert.deepEqual(r.json.data.map((i) => i.id), [ind.id]);
  assert.equal((await soc('POST', '/indicators/search', { offset: 0, limit: 10, ids: [IND_IP] })).json.total, 1);
  expectSec(await soc('POST', '/indicators/search', { limit: 10 }), 400, 'SecMaster.20040001', /offset is required/);
  r = await soc('DELETE', '/indicators', { batch_ids: [ind.id, NONE] });
  assert.deepEqual(r.json.data, { success_ids: [ind.id], error_ids: [NONE] });
});

test('notes: add to an alert or incident, list with paging and war_room_id, delete', async () => {
  const alertId = PROD_ALERTS[0].id;
  let r = await soc('POST', '/notes', { war_room_id: alertId, type: 'comment', content: 'Looking into it', note_type: 'manual' }, { contentType: 'application/json;charset=utf-8' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.success, true);
  const note = r.json.data;
  assert.deepEqual([note.war_room_id, note.data, note.type, note.is_deleted, note.user.name], [alertId, { content: 'Looking into it' }, 'comment', false, USER.userName]);
  expectSec(await soc('POST', '/notes', { war_room_id: NONE, type: 'comment', content: 'x' }), 400, 'SecMaster.20030005');
  expectSec(await soc('POST', '/notes', { war_room_id: alertId, type: 'comment' }), 400, 'SecMaster.20040001', /content/);
  expectSec(await soc('POST', '/notes', { type: 'comment', content: 'x' }), 400, 'SecMaster.20040001', /war_room_id/);
  now += 1000;
  await soc('POST', '/notes', { war_room_id: alertId, type: 'comment', content: 'Second' });
  r = await soc('POST', '/notes/search', { war_room_id: alertId, limit: 1, offset: 1, order: 'asc' });
  assert.deepEqual([r.json.total, r.json.size, r.json.page, r.json.success, r.json.data[0].data.content], [2, 1, 2, true, 'Second']);
  assert.equal((await soc('POST', '/notes/search', { war_room_id: INC_OPEN })).json.total, 1); // the fixture note
  expectSec(await soc('POST', '/notes/search', { order: 'up' }), 400, 'SecMaster.20040001', /order/);
  r = await soc('DELETE', '/notes', { batch_ids: [note.id, NONE] });
  assert.deepEqual(r.json.data, { success_ids: [note.id], error_ids: [NONE] });
});

test('workflows: list (filters, sortby, paging envelope), get, versions', async () => {
  let r = await soc('GET', '/workflows');
  assert.deepEqual(Object.keys(r.json), ['code', 'message', 'success', 'request_id', 'total', 'offset', 'limit', 'size', 'page', 'data']);
  assert.deepEqual([r.json.total, r.json.limit, r.json.request_id], [4, 10, r.headers.get('x-request-id')]);
  r = await soc('GET', '/workflows?enabled=false');
  assert.deepEqual(r.json.data.map((w) => w.id), [WF.Notify]);
  r = await soc('GET', '/workflows?aop_type=SURVEY&name=enrich');
  assert.deepEqual(r.json.data.map((w) => w.name), ['Enrich indicator']);
  r = await soc('GET', '/workflows?sortby=create_time&order=ASC&offset=1&limit=2');
  assert.deepEqual([r.json.size, r.json.page, r.json.data[0].id], [2, 1, WF.Enrich]);
  expectSec(await soc('GET', '/workflows?sortby=name'), 400, 'SecMaster.20040001', /sortby/);
  r = await soc('GET', `/workflows/${WF.Block}`);
  assert.deepEqual([r.json.data.version, r.json.data.version_id, r.json.data.engine_type], ['v2', SOC_FX.workflows[0].versions[0].id, 'public_engine']);
  expectSec(await soc('GET', `/workflows/${NONE}`), 400, 'SecMaster.20040611', /Workflow not found/);
  r = await soc('GET', `/workflows/${WF.Block}/versions`);
  assert.deepEqual([r.json.total, r.json.data.map((v) => v.status).sort()], [2, ['activated', 'not_activated']]);
  assert.equal(Buffer.from(r.json.data[0].taskflow, 'base64').toString().includes('actions'), true);
  assert.equal((await soc('GET', `/workflows/${WF.Block}/versions?status=activated`)).json.total, 1);
  expectSec(await soc('GET', `/workflows/${WF.Block}/versions?status=ACTIVE`), 400, 'SecMaster.20040001', /status/);
  expectSec(await soc('GET', `/workflows/${WF.Staging}`), 400, 'SecMaster.20040611');
});

test('runWorkflow and workflow instances: statuses over simulated time, topology, finish / fail / hang', async () => {
  let r = await run(WF.Block, { ...RUN, action_id: WF.Block, playbook_context: { data_object: { content: { id: PROD_ALERTS[0].id }, dataclass: { name: 'Alert' } } } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json), ['command_type', 'action_type', 'action_id', 'action_instance_id', 'playbook_context']);
  const ok = r.json.action_instance_id;
  let inst = await wfInst(ok);
  assert.deepEqual(Object.keys(inst), INSTANCE_KEYS); // no envelope, no topology unless asked
  assert.deepEqual([inst.status, inst.end_time, inst.dataobject_id, inst.trigger_type], ['RUNNING', null, PROD_ALERTS[0].id, 'MANUAL']);
  now += 2000; // 2 of 4 actions done
  assert.deepEqual((await wfInst(ok, '?show_topology=true')).topology.audit_logs.map((l) => l.status), ['FINISHED', 'FINISHED', 'RUNNING']);
  now += 2000;
  inst = await wfInst(ok, '?show_topology=true');
  assert.deepEqual([inst.status, inst.end_time, inst.topology.audit_logs.length], ['FINISHED', fmt(now), 4]);
  assert.ok(inst.topology.audit_logs.every((l) => l.succeed && l.instance_type === 'TASK' && l.parent_instance_id === ok));
  // Enrich fails at its 2nd action; Collect hangs at its 2nd for ever.
  const bad = (await run(WF.Enrich)).json.action_instance_id;
  const stuck = (await run(WF.Collect)).json.action_instance_id;
  now += 60000;
  inst = await wfInst(bad, '?show_topology=true');
  assert.deepEqual([inst.status, inst.topology.audit_logs.map((l) => l.status)], ['FAILED', ['FINISHED', 'FAILED']]);
  assert.match(inst.topology.audit_logs[1].error_msg, /Query threat intelligence failed/);
  inst = await wfInst(stuck, '?show_topology=true');
  assert.deepEqual([inst.status, inst.topology.audit_logs.map((l) => l.status)], ['RUNNING', ['FINISHED', 'RUNNING']]);
  expectSec(await run(WF.Notify), 400, 'SecMaster.20040409', /disabled/);
  expectSec(await run(NONE), 400, 'SecMaster.20040611');
  expectSec(await run(WF.Block, { ...RUN, command_type: 'ActionInstanceRetryCommand' }), 400, 'SecMaster.20040001', /command_type/);
  expectSec(await run(WF.Block, { ...RUN, action_type: 'Workflow' }), 400, 'SecMaster.20040001', /action_type/);
  expectSec(await run(WF.Block, { ...RUN, action_id: WF.Enrich }), 400, 'SecMaster.20040001', /action_id/);
  expectSec(await run(WF.Block, { ...RUN, playbook_context: { data_object: { dataclass: {} } } }), 400, 'SecMaster.20040001', /dataclass.name/);
  expectSec(await soc('GET', `/workflows/instances/${NONE}`), 404, 'SecMaster.20040404');
  expectSec(await soc('GET', `/workflows/instances/${ok}?show_topology=yes`), 400, 'SecMaster.20040001', /show_topology/);
  // List: filters, sort, paging.
  r = await soc('GET', '/workflows/instances?limit=1000');
  assert.deepEqual([r.json.count, r.json.instances.length], [3, 3]);
  assert.deepEqual(Object.keys(r.json.instances[0]), INSTANCE_KEYS);
  assert.deepEqual((await soc('GET', '/workflows/instances?status=FAILED')).json.instances.map((i) => i.id), [bad]);
  assert.deepEqual((await soc('GET', `/workflows/instances?workflow_id=${WF.Collect}`)).json.instances.map((i) => i.id), [stuck]);
  assert.deepEqual((await soc('GET', `/workflows/instances?dataobject_id=${PROD_ALERTS[0].id}`)).json.instances.map((i) => i.id), [ok]);
  r = await soc('GET', '/workflows/instances?sort_dir=ASC&limit=1&offset=1');
  assert.deepEqual([r.json.count, r.json.instances.length], [3, 1]);
  expectSec(await soc('GET', '/workflows/instances?status=DONE'), 400, 'SecMaster.20040001', /status/);
  expectSec(await soc('GET', '/workflows/instances?limit=0'), 400, 'SecMaster.20040001', /limit/);
  expectSec(await soc('GET', '/workflows/instances?from_date=soon'), 400, 'SecMaster.20040001', /from_date/);
});

test('operateWorkflowInstance: retry and terminate rules, debug, daily retry limit', async () => {
  const bad = (await run(WF.Enrich)).json.action_instance_id;
  const stuck = (await run(WF.Collect)).json.action_instance_id;
  expectSec(await operateWf(bad, 'ActionInstanceRetryCommand'), 400, 'SecMaster.20040409', /only FAILED/);
  now += 3000;
  let r = await operateWf(bad, 'ActionInstanceRetryCommand');
  assert.deepEqual(r.json, { code: '00000000', message: '', success: true, request_id: r.headers.get('x-request-id') });
  let inst = await wfInst(bad, '?show_topology=true');
  assert.deepEqual([inst.status, inst.end_time, inst.retry_count, inst.topology.audit_logs.at(-1).status], ['RETRYING', null, 1, 'RUNNING']);
  expectSec(await operateWf(bad, 'ActionInstanceRetryCommand'), 400, 'SecMaster.20040409');
  now += 2000; // retryDurationMs
  assert.equal((await wfInst(bad)).status, 'FINISHED');
  expectSec(await operateWf(bad, 'ActionInstanceTerminateCommand'), 400, 'SecMaster.20040409', /RUNNING or RETRYING/);
  r = await operateWf(stuck, 'ActionInstanceTerminateCommand');
  assert.equal(r.status, 200, r.text);
  assert.equal((await wfInst(stuck)).status, 'TERMINATING');
  now += 500;
  inst = await wfInst(stuck, '?show_topology=true');
  assert.deepEqual([inst.status, inst.end_time, inst.topology.audit_logs.at(-1).error_msg], ['TERMINATED', fmt(now), 'Terminated by user']);
  expectSec(await soc('PUT', `/workflows/instances/${stuck}`, { command_type: 'ActionInstanceDebugCommand' }), 400, 'SecMaster.20040001', /task_id/);
  assert.equal((await soc('PUT', `/workflows/instances/${stuck}`, { command_type: 'ActionInstanceDebugCommand', task_id: 't1', input_dataobject: '{}' })).status, 200);
  expectSec(await operateWf(stuck, 'RETRY'), 400, 'SecMaster.20040001', /command_type/);
  expectSec(await operateWf(NONE, 'ActionInstanceRetryCommand'), 404, 'SecMaster.20040404');
  // At most 100 retries per workspace per UTC day.
  const again = (await run(WF.Enrich)).json.action_instance_id;
  now += 3000;
  sim.state.soc.workflowRetries.byWorkspace[PROD] = 100;
  expectSec(await operateWf(again, 'ActionInstanceRetryCommand'), 400, 'SecMaster.20040429');
  now += 24 * 3600e3;
  assert.equal((await operateWf(again, 'ActionInstanceRetryCommand')).status, 200);
});

test('SOC routes: gateway auth, workspace check and fault injection like every route', async () => {
  expectApig(await soc('POST', '/incidents/search', {}, { token: null }), 401, 'APIG.0301', /x-auth-token not found/);
  expectApig(await soc('GET', '/workflows', undefined, { token: EXPIRED }), 401, 'APIG.0301', /expired/);
  expectSec(await call('GET', `/v1/${P}/workspaces/nope/soc/workflows`), 403, 'SecMaster.20010001', /Workspace not found/);
  const r = await signedCall('POST', `${SOC}/indicators/search`, { body: { offset: 0, limit: 1 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(lastRecord().route, 'searchIndicators');
  sim.injectFault({ route: 'createIncident', status: 429 });
  expectApig(await soc('POST', '/incidents', { data_object: { title: 'x' } }), 429, 'APIG.0308', /throttling/);
  assert.equal((await soc('POST', '/incidents', { data_object: { title: 'x' } })).status, 200);
  sim.injectFault({ route: 'runWorkflow', kind: 'reset' });
  await assert.rejects(run(WF.Block));
  // Routing: literal segments win over IDs.
  for (const [method, url, route] of [['GET', '/workflows/instances', 'listWorkflowInstances'], ['POST', '/alerts/batch-update', 'changeAlerts'],
    ['POST', '/incidents/search', 'searchIncidents'], ['POST', '/alerts/batch-order', 'convertAlerts'], ['DELETE', '/notes', 'deleteNotes']]) {
    await soc(method, url, method === 'GET' ? undefined : {});
    assert.equal(lastRecord().route, route);
  }
});

test('SOC control API: seed, inspect, queue and decide workflow outcomes; reset; feed incidents', async () => {
  let r = await ctl('POST', '/__sim/soc', { incidents: [{ id: 'inc-seeded', data_object: { title: 'Seeded', alert_list: [PROD_ALERTS[1].id] } }],
    indicators: [{ id: 'ind-seeded', data_object: { name: 'n', value: '198.51.100.9', verdict: 'Black' } }],
    notes: [{ war_room_id: 'inc-seeded', content: 'seeded note' }],
    workflows: [{ id: 'wf-seeded', name: 'Seeded workflow', versions: [{ version: 'v1', status: 'activated', enabled: true, actions: ['A', 'B'] }] }] });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.incidents, r.json.indicators, r.json.workflows], [['inc-seeded'], ['ind-seeded'], ['wf-seeded']]);
  assert.deepEqual((await getAlert(PROD_ALERTS[1].id)).json.data.data_object.incident_list, ['inc-seeded']);
  assert.equal((await soc('GET', '/incidents/inc-seeded')).json.data.data_object.title, 'Seeded');
  assert.equal((await ctl('POST', '/__sim/soc', { incidents: [{ id: 'inc-seeded' }] })).status, 400);
  assert.match((await ctl('POST', '/__sim/soc', { workflows: [{ name: 'x', outcome: { result: 'BOOM' } }] })).json.error, /outcome.result/);
  // Queued outcomes win over the workflow's own, then it is back to normal (FINISHED by default).
  r = await ctl('POST', '/__sim/workflows/wf-seeded/outcome', { result: 'FAILED', action: 'A', afterMs: 1000, runs: 1 });
  assert.deepEqual(r.json, { workflow_id: 'wf-seeded', queued: 1 });
  const failing = (await run('wf-seeded')).json.action_instance_id;
  const fine = (await run('wf-seeded')).json.action_instance_id;
  now += 3000;
  assert.deepEqual([(await wfInst(failing)).status, (await wfInst(fine)).status], ['FAILED', 'FINISHED']);
  assert.equal((await ctl('POST', '/__sim/workflows/wf-seeded/outcome', { result: 'FAILED', action: 'Z' })).status, 400);
  // A hanging instance is told to fail now.
  const stuck = (await run(WF.Collect)).json.action_instance_id;
  now += 10000;
  r = await ctl('POST', `/__sim/workflow-instances/${stuck}/outcome`, { result: 'FAILED', action: 'Upload to OBS' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const inst = await wfInst(stuck, '?show_topology=true');
  assert.deepEqual([inst.status, inst.end_time, inst.topology.audit_logs.length], ['FAILED', fmt(now), 3]);
  // Seeded instances, in process.
  const [id] = sim.seedSoc({ workflowInstances: [{ workflow_id: WF.Block, outcome: { result: 'HANG', action: 'Get alert details' } }] }).workflowInstances;
  now += 60000;
  assert.equal((await wfInst(id)).status, 'RUNNING');
  assert.equal((await ctl('GET', '/__sim/soc')).json.workflowInstances[id].plan.result, 'HANG');
  await ctl('POST', '/__sim/reset');
  assert.equal(sim.state.soc.incidents['inc-seeded'], undefined);
  assert.equal(Object.keys(sim.state.soc.workflowInstances).length, 0);
  // The demo feed turns each Fatal alert into an incident linked to it.
  sim.setFeed({ everyMs: 1000, max: 20 });
  now += 20000;
  const fatal = Object.values(sim.state.alerts).filter((a) => a.data_object.data_source?.product_name === 'Demo feed' && a.data_object.severity === 'Fatal');
  assert.ok(fatal.length > 0);
  for (const a of fatal) {
    const [incId] = a.data_object.incident_list;
    assert.deepEqual(sim.state.soc.incidents[incId].data_object.alert_list, [a.id]);
  }
  sim.setFeed(null);
});

(async () => {
  await sim.start();
  let failed = 0;
  for (const t of tests) {
    sim.reset();
    try {
      await t.fn();
      console.log(`ok   ${t.name}`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${t.name}\n     ${String(err.stack || err).split('\n').slice(0, 6).join('\n     ')}`);
    }
  }
  await sim.stop();
  console.log(`\n${tests.length - failed}/${tests.length} passed`);
  process.exitCode = failed ? 1 : 0;
})();
