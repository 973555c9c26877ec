'use strict';

// Codes marked "documented" appear in Huawei material (see simulator/README.md);
// the rest are the simulator's own, chosen in the same SecMaster.NNNNNNNN shape.
const CODES = {
  WORKSPACE_NOT_FOUND: 'SecMaster.20010001', // documented (403)
  RULE_NOT_FOUND: 'SecMaster.20048004', // documented (rule or version not found)
  ALERT_NOT_FOUND: 'SecMaster.20030005', // documented (alert / data object not found)
  PLAYBOOK_NOT_FOUND: 'SecMaster.20048005', // simulator (400, beside the documented 20048004)
  INVALID_PARAMETER: 'SecMaster.20040001', // simulator
  INVALID_BODY: 'SecMaster.20040002', // simulator
  UNSUPPORTED_MEDIA_TYPE: 'SecMaster.20040003', // simulator
  INSTANCE_NOT_FOUND: 'SecMaster.20040404', // simulator (404)
  INVALID_STATUS: 'SecMaster.20040409', // simulator
  RETRY_LIMIT: 'SecMaster.20040429', // simulator
  INTERNAL: 'SecMaster.00000001', // simulator (500, a bug in the simulator itself)
  INJECTED: 'SecMaster.00000000', // simulator (default injected-fault body)
};

function secError(status, code, message) {
  return { status, body: { code, message } };
}

function gatewayError(status, errorCode, errorMsg, requestId) {
  return { status, body: { error_code: errorCode, error_msg: errorMsg, request_id: requestId } };
}

module.exports = { CODES, secError, gatewayError };
