/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node beside n8n, not inside it */
// Which n8n engine the suite runs on: 2.x (npm test) or the 1.x line (npm run test:compat).
// Read from the n8n-core package jest really loads, so it follows jest.compat.config.js.
import { readFileSync } from 'node:fs';
import path from 'node:path';

function loadedVersion(name: string): string {
	const entry = require.resolve(name);
	const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
	const dir = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
	return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export const N8N_CORE_VERSION = loadedVersion('n8n-core');
/** n8n 1.x (n8n-core 1.x): some of n8n's own behaviour differs, see README "Works with". */
export const ON_N8N_1 = N8N_CORE_VERSION.startsWith('1.');

/**
 * What n8n 1.x's credential test says for a refused status. Its NodeApiError loses the HTTP
 * response (a class field resets `cause`), which is where the test reads the status for the
 * credential's own rules, so n8n 1.x shows the error's text for that status instead.
 */
export const N8N_1_CREDENTIAL_TEST_TEXT: Record<number, string> = {
	401: 'Authorization failed - please check your credentials',
	403: 'Forbidden - perhaps check your credentials?',
};

/** The credential test's message for a refusal: the credential's own rule on n8n 2.x, n8n's text on 1.x. */
export function credentialTestMessage(status: number, rule: RegExp): RegExp {
	if (!ON_N8N_1) return rule;
	return new RegExp(`^${N8N_1_CREDENTIAL_TEST_TEXT[status].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
