'use strict';
const { CODES, secError, gatewayError } = require('./errors');
const signature = require('./signature');

const IAM_PREFIX = 'Incorrect IAM authentication information: ';
const MAX_FAILURES = 5; // more than 5 failed signatures in a row lock the AK ...
const LOCK_MS = 5 * 60 * 1000; // ... for 5 minutes (simulator clock)

// Gateway authentication. A request whose Authorization header uses SDK-HMAC-SHA256 is checked
// as an AK/SK signature, anything else as an IAM token (X-Auth-Token).
// Returns { auth: 'token' | 'aksk' | null, error: response | null }; `auth` is set as soon as the
// gateway accepted the credentials, even if a SecMaster check (project/workspace) then fails.
function authenticate(ctx) {
  const { headers } = ctx;
  const viaAkSk = signature.isAkSkRequest(headers);
  const result = viaAkSk ? checkAkSk(ctx) : checkToken(ctx);
  if (result.error) return { auth: null, error: result.error };
  const auth = viaAkSk ? 'aksk' : 'token';
  return { auth, error: checkProject(ctx, result.projectId, viaAkSk) };
}

// Counts the requests of a known token by the life it had left on arrival: `expired` ones are
// refused, `nearExpiry` ones (at most tokenMarginMs left) pass but show a client that renews late.
function countTokenUse(state, token, now, tokenMarginMs) {
  const left = token.expiresAt ? Date.parse(token.expiresAt) - now : Infinity;
  const kind = left <= 0 ? 'expired' : left <= tokenMarginMs ? 'nearExpiry' : 'fresh';
  state.tokenUse[kind] += 1;
  return Number.isFinite(left) ? left : null;
}

function checkToken({ state, headers, requestId, now, tokenMarginMs = 0, record }) {
  const value = headers['x-auth-token'];
  if (!value) return { error: gatewayError(401, 'APIG.0301', `${IAM_PREFIX}x-auth-token not found`, requestId) };
  const token = state.tokens.find((t) => t.value === value);
  if (!token) return { error: gatewayError(401, 'APIG.0301', `${IAM_PREFIX}decrypt token fail`, requestId) };
  const left = countTokenUse(state, token, now, tokenMarginMs);
  if (record) record.tokenLeftMs = left;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) {
    return { error: gatewayError(401, 'APIG.0301', `${IAM_PREFIX}the token has expired (expired at ${token.expiresAt})`, requestId) };
  }
  return { projectId: token.projectId };
}

function lockedMessage(ak, until) {
  return `${IAM_PREFIX}the access key ${ak} is locked after more than ${MAX_FAILURES} failed signature `
    + `verifications in a row; retry after ${new Date(until).toISOString()} (locked for ${LOCK_MS / 60000} minutes)`;
}

function checkAkSk({ state, method, url, headers, body, requestId, now }) {
  const v = signature.verify({ method, url, headers, body }, { keys: state.accessKeys, now });
  const err = (status, code, msg) => ({ error: gatewayError(status, code, msg, requestId) });
  if (!v.ok && !v.key) return err(v.status, v.errorCode, v.message); // too large, malformed, unknown AK

  const lock = state.akLockouts[v.ak] || (state.akLockouts[v.ak] = { failures: 0, lockedUntil: null });
  if (lock.lockedUntil !== null) {
    if (now < lock.lockedUntil) return err(401, 'APIG.0301', lockedMessage(v.ak, lock.lockedUntil));
    lock.lockedUntil = null; // lock expired: a fresh start
    lock.failures = 0;
  }
  if (!v.ok) {
    if (v.reason === 'bad-signature') {
      lock.failures += 1;
      if (lock.failures > MAX_FAILURES) {
        lock.lockedUntil = now + LOCK_MS; // this (6th) failure already answers "locked"
        return err(401, 'APIG.0301', lockedMessage(v.ak, lock.lockedUntil));
      }
    }
    return err(v.status, v.errorCode, v.message);
  }
  lock.failures = 0;
  return { projectId: v.key.projectId };
}

// SecMaster's own checks, after the gateway accepted the credentials.
function checkProject({ state, params, headers }, credentialProject, viaAkSk) {
  if (viaAkSk && headers['x-project-id'] !== undefined && headers['x-project-id'] !== params.project_id) {
    return secError(403, CODES.WORKSPACE_NOT_FOUND,
      `The project ${params.project_id} in the path does not match the X-Project-Id header ${headers['x-project-id']}`);
  }
  if (params.project_id !== credentialProject) {
    return secError(403, CODES.WORKSPACE_NOT_FOUND,
      `The project ${params.project_id} in the path does not match the ${viaAkSk ? 'access key' : 'token'}'s project`);
  }
  if (params.workspace_id !== undefined) {
    const ws = state.workspaces[params.workspace_id];
    if (!ws || ws.project_id !== params.project_id) {
      return secError(403, CODES.WORKSPACE_NOT_FOUND, `Workspace not found: ${params.workspace_id}`);
    }
  }
  return null;
}

module.exports = { authenticate, MAX_FAILURES, LOCK_MS };
