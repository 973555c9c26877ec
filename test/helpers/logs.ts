/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code runs in Node beside n8n, not inside it */
import { existsSync, readFileSync } from 'node:fs';
import { sleep } from 'n8n-workflow';

/**
 * What n8n has logged in this test file so far (see test/setup/n8nLogs.ts). A leak search
 * in a log that is not there would find nothing and pass, so no log fails the test.
 */
export async function loggedText(): Promise<string> {
	const file = process.env.N8N_LOG_FILE_LOCATION;
	if (!file || process.env.N8N_LOG_OUTPUT !== 'file') {
		throw new Error('n8n logs to the console (SHOW_N8N_LOGS=1), so there is no log file to search for secrets');
	}
	// winston creates the file on its first write and writes asynchronously.
	for (let waited = 0; !existsSync(file) && waited < 2000; waited += 50) await sleep(50);
	await sleep(50);
	if (!existsSync(file)) throw new Error(`n8n wrote no log to ${file}: the logger does not write where the leak tests search`);
	const text = readFileSync(file, 'utf8');
	if (!text.trim()) throw new Error(`n8n's log ${file} is empty: the logger does not write where the leak tests search`);
	return text;
}
