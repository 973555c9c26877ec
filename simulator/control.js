'use strict';

// Control API under /__sim/ for tests that drive the simulator from another process.
// Not recorded, not subject to faults or auth.
const { applyStatus } = require('./timeline');

const when = (body) => ({ at: body?.at, afterMs: body?.afterMs });

function validToken(sim) {
  const now = sim.now();
  const t = sim.state.tokens.find((tok) => !tok.expiresAt || Date.parse(tok.expiresAt) > now);
  return t ? t.value : null;
}

function iamInfo(sim) {
  return {
    tokenTtlMs: sim.tokenTtlMs, tokenMarginMs: sim.tokenMarginMs, tokenUse: sim.tokenUse,
    issuedTokens: sim.state.issuedTokens, akLockouts: sim.state.akLockouts,
  };
}

function describeFaults(faults) {
  return faults.map((f) => ({ ...f, count: f.count === Infinity ? 'Infinity' : f.count }));
}

// Lets an out-of-process test force situations that would otherwise take long to reach
// (e.g. the daily retry limit, or an instance in a given status).
function patchState(sim, patch) {
  const state = sim.state;
  if (patch.retriesToday) Object.assign(state.retriesToday, patch.retriesToday);
  for (const [id, fields] of Object.entries(patch.instances || {})) {
    const inst = state.instances[id];
    if (!inst) throw new Error(`unknown instance: ${id}`);
    const { status, ...rest } = fields;
    Object.assign(inst, rest);
    // Like any other change: a terminal status gets end_time = now unless the patch sets one.
    if (status !== undefined) applyStatus(state, inst, status, sim.now());
    if ('end_time' in rest) inst.end_time = rest.end_time;
  }
  return state;
}

function handleControl(sim, { method, pathname, text }, reply) {
  let body;
  if (text) {
    try { body = JSON.parse(text); } catch { return reply(400, { error: 'invalid JSON body' }); }
  }
  const key = `${method} ${pathname.replace(/\/+$/, '')}`;
  try {
    switch (key) {
      case 'GET /__sim/health': {
        const s = sim.state;
        const key = s.accessKeys.find((k) => !k.securityToken);
        const user = s.iamUsers[0];
        return reply(200, {
          status: 'ok', url: sim.url, projectId: s.projectId, projectName: s.projectName, token: validToken(sim),
          workspaces: Object.values(s.workspaces).map(({ id, name }) => ({ id, name })),
          accessKey: key ? { ak: key.ak, sk: key.sk } : null,
          iamUser: user ? { domainName: user.domainName, userName: user.userName, password: user.password } : null,
        });
      }
      case 'GET /__sim/requests': return reply(200, sim.requests);
      case 'DELETE /__sim/requests': {
        const cleared = sim.requests.length;
        sim.clearRequests();
        return reply(200, { cleared });
      }
      case 'GET /__sim/faults': return reply(200, describeFaults(sim.faults));
      case 'POST /__sim/faults': {
        if (body === undefined) return reply(400, { error: 'body must be a fault or an array of faults' });
        const added = sim.injectFault(body);
        return reply(200, { added: added.length, faults: describeFaults(sim.faults) });
      }
      case 'DELETE /__sim/faults': {
        const cleared = sim.faults.length;
        sim.clearFaults();
        return reply(200, { cleared });
      }
      case 'POST /__sim/reset': sim.reset(); return reply(200, { reset: true });
      case 'GET /__sim/state': return reply(200, sim.state);
      case 'PATCH /__sim/state': return reply(200, patchState(sim, body || {}));
      case 'POST /__sim/clock': {
        const now = sim.advanceClock(body && body.advanceMs);
        return reply(200, { now, iso: new Date(now).toISOString() });
      }
      case 'GET /__sim/iam': return reply(200, iamInfo(sim));
      case 'POST /__sim/iam': {
        if (body && body.tokenTtlMs !== undefined) sim.setTokenTtl(body.tokenTtlMs);
        if (body && body.tokenMarginMs !== undefined) sim.setTokenMargin(body.tokenMarginMs);
        return reply(200, iamInfo(sim));
      }
      case 'POST /__sim/alerts': return reply(200, sim.addAlerts(body?.alerts, when(body)));
      case 'POST /__sim/instances': return reply(200, sim.addInstances(body?.instances, when(body)));
      case 'POST /__sim/feed': return reply(200, { feed: sim.setFeed(body?.everyMs ? body : null) });
      case 'GET /__sim/soc': return reply(200, sim.state.soc);
      case 'POST /__sim/soc': return reply(200, sim.seedSoc(body));
      default: {
        const m = /^POST \/__sim\/instances\/([^/]+)\/status$/.exec(key);
        if (m) return reply(200, sim.setInstanceStatus(decodeURIComponent(m[1]), body?.status, when(body)));
        const h = /^POST \/__sim\/(alerts|incidents)\/([^/]+)\/status$/.exec(key);
        if (h) {
          const object = h[1] === 'alerts' ? 'alert' : 'incident';
          return reply(200, sim.setHandleStatus(object, decodeURIComponent(h[2]), body?.status, when(body), body?.closeReason));
        }
        const w = /^POST \/__sim\/(workflows|workflow-instances)\/([^/]+)\/outcome$/.exec(key);
        if (w && w[1] === 'workflows') return reply(200, sim.queueWorkflowOutcome(decodeURIComponent(w[2]), body));
        if (w) return reply(200, sim.setWorkflowInstanceOutcome(decodeURIComponent(w[2]), body));
        return reply(404, { error: `unknown control route: ${method} ${pathname}` });
      }
    }
  } catch (err) {
    return reply(400, { error: err.message });
  }
}

module.exports = { handleControl };
