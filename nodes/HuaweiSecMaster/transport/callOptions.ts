import type { IN8nHttpFullResponse } from 'n8n-workflow';

/**
 * How every SecMaster and IAM call is made. The whole response comes back whatever its status, so
 * that SecMaster's own code, message and request ID reach the user (isSuccess, apiError). Redirects
 * are not followed: SecMaster and IAM never redirect an API call, and n8n would send the token, the
 * signed headers or the password on to wherever one points.
 */
export const CALL_OPTIONS = {
	json: true,
	returnFullResponse: true,
	ignoreHttpStatusErrors: true,
	disableFollowRedirect: true,
} as const;

/** What every SecMaster call answers when it worked: a 2xx with a JSON object. */
export function isSuccess(response: IN8nHttpFullResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300 && isJsonObject(response.body);
}

export function isJsonObject(body: unknown): boolean {
	return body !== null && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body);
}
