'use strict';
// IAM token issuance: POST /v3/auth/tokens with password authentication, project scope.
// Shape per ../shared/secmaster-api.md; errors in IAM's {"error":{code,title,message}} shape.
// The real IAM also accepts unscoped/domain-scoped requests and other methods: not simulated.
const { randomBytes } = require('node:crypto');

const DEFAULT_TOKEN_TTL_MS = 24 * 3600e3;
const WRONG_CREDENTIALS = 'The username or password is wrong.';

const iamError = (status, title, message) => ({ status, body: { error: { code: status, title, message } } });
const badRequest = (message) => iamError(400, 'Bad Request', message);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
// IAM writes microseconds: 2026-11-24T04:00:00.000000Z
const iamTime = (ms) => new Date(ms).toISOString().replace(/Z$/, '000Z');
const newToken = () => `MIIDsimulator${randomBytes(96).toString('base64url')}`;

function projectOf(state, user) {
  const id = user.projectId || state.projectId;
  return { id, name: user.projectName || (id === state.projectId ? state.projectName : id) };
}

function issueToken({ state, text, now, tokenTtlMs }) {
  let json;
  try { json = JSON.parse(text); } catch { return badRequest('The request body is not valid JSON.'); }
  const identity = isObject(json) && isObject(json.auth) ? json.auth.identity : undefined;
  if (!isObject(identity)) return badRequest('auth.identity is required.');
  if (!Array.isArray(identity.methods) || !identity.methods.includes('password')) {
    return badRequest('auth.identity.methods must be ["password"] (the simulator supports password authentication only).');
  }
  const u = isObject(identity.password) ? identity.password.user : undefined;
  const domain = isObject(u) && isObject(u.domain) ? u.domain : {};
  if (!isObject(u) || typeof u.name !== 'string' || typeof u.password !== 'string'
    || (typeof domain.name !== 'string' && typeof domain.id !== 'string')) {
    return badRequest('auth.identity.password.user needs name, password and domain.name (or domain.id).');
  }
  const user = state.iamUsers.find((x) => x.userName === u.name && x.password === u.password
    && (domain.name !== undefined ? x.domainName === domain.name : x.domainId === domain.id));
  if (!user) return iamError(401, 'Unauthorized', WRONG_CREDENTIALS);

  const scope = isObject(json.auth.scope) && isObject(json.auth.scope.project) ? json.auth.scope.project : undefined;
  if (!scope || (typeof scope.id !== 'string' && typeof scope.name !== 'string')) {
    return badRequest('auth.scope.project.id or auth.scope.project.name is required (the simulator issues project-scoped tokens only).');
  }
  const project = projectOf(state, user);
  if ((scope.id !== undefined && scope.id !== project.id) || (scope.id === undefined && scope.name !== project.name)) {
    const which = scope.id !== undefined ? `id ${scope.id}` : `name ${scope.name}`;
    return badRequest(`The project (${which}) in auth.scope does not exist or user ${user.userName} has no access to it; `
      + `the user's project is ${project.name} (${project.id}).`);
  }

  const token = newToken();
  const expiresAt = iamTime(now + tokenTtlMs);
  // How much life the user's newest token still had: a client that logs in only when its token
  // is due shows a small number here, one that logs in per request or per item a large one.
  const previous = state.issuedTokens.filter((t) => t.userName === user.userName).at(-1);
  const previousTokenLeftMs = previous ? Date.parse(previous.expiresAt) - now : null;
  state.tokens.push({ value: token, projectId: project.id, expiresAt, issuedTo: user.userName });
  state.issuedTokens.push({ token, userName: user.userName, issuedAt: iamTime(now), expiresAt, previousTokenLeftMs });
  return {
    status: 201,
    headers: { 'X-Subject-Token': token },
    body: {
      token: {
        expires_at: expiresAt,
        issued_at: iamTime(now),
        methods: ['password'],
        project: { id: project.id, name: project.name },
        user: { name: user.userName, domain: { name: user.domainName } },
      },
    },
  };
}

// GET /v3/auth/tokens: a user checks their own token (X-Auth-Token = X-Subject-Token) or another
// one with a valid token. 401 when X-Auth-Token is not valid, 404 when the checked one is not.
function validateToken({ state, headers, now }) {
  const valid = (value) => {
    const token = value && state.tokens.find((t) => t.value === value);
    return token && (!token.expiresAt || Date.parse(token.expiresAt) > now) ? token : null;
  };
  if (!valid(headers['x-auth-token'])) return iamError(401, 'Unauthorized', 'The request you have made requires authentication.');
  const token = valid(headers['x-subject-token']);
  if (!token) return iamError(404, 'Not Found', 'Could not find token.');
  const issued = state.issuedTokens.find((t) => t.token === token.value);
  return {
    status: 200,
    headers: { 'X-Subject-Token': token.value },
    body: {
      token: {
        expires_at: token.expiresAt ?? null,
        issued_at: issued?.issuedAt ?? null,
        methods: ['password'],
        project: { id: token.projectId },
        user: { name: token.issuedTo ?? null },
      },
    },
  };
}

module.exports = { issueToken, validateToken, DEFAULT_TOKEN_TTL_MS, WRONG_CREDENTIALS };
