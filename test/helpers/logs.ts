/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code runs in Node beside n8n, not inside it */
import { existsSync, readFileSync } from 'node:fs';
import { sleep } from 'n8n-workflow';

/** What n8n has logged in this test file so far (see test/setup/n8nLogs.ts). */
export async function loggedText(): Promise<string> {
	await sleep(50); // winston writes asynchronously
	const file = process.env.N8N_LOG_FILE_LOCATION;
	return file && existsSync(file) ? readFileSync(file, 'utf8') : '';
}
