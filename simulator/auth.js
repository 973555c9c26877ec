'use strict';
const { CODES, secError, gatewayError } = require('./errors');

const IAM_PREFIX = 'Incorrect IAM authentication information: ';

// Same order as the real gateway: token first (APIG), then SecMaster's own checks.
function authenticate({ state, headers, params, requestId, now }) {
  const value = headers['x-auth-token'];
  if (!value) return gatewayError(401, 'APIG.0301', `${IAM_PREFIX}x-auth-token not found`, requestId);
  const token = state.tokens.find((t) => t.value === value);
  if (!token) return gatewayError(401, 'APIG.0301', `${IAM_PREFIX}decrypt token fail`, requestId);
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) {
    return gatewayError(401, 'APIG.0301', `${IAM_PREFIX}the token has expired (expired at ${token.expiresAt})`, requestId);
  }
  if (params.project_id !== token.projectId) {
    return secError(403, CODES.WORKSPACE_NOT_FOUND,
      `The project ${params.project_id} in the path does not match the token's project`);
  }
  if (params.workspace_id !== undefined) {
    const ws = state.workspaces[params.workspace_id];
    if (!ws || ws.project_id !== params.project_id) {
      return secError(403, CODES.WORKSPACE_NOT_FOUND, `Workspace not found: ${params.workspace_id}`);
    }
  }
  return null;
}

module.exports = { authenticate };
