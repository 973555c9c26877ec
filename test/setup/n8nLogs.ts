/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test setup runs in Node beside n8n, not inside it */
// n8n's logger writes to a file per test file instead of the console: the test
// output stays readable, and the leak tests search the file for secrets, as
// they would search a production log. SHOW_N8N_LOGS=1 keeps the console.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

if (process.env.SHOW_N8N_LOGS !== '1') {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'n8n-logs-')), 'n8n.log');
	process.env.N8N_LOG_OUTPUT = 'file';
	process.env.N8N_LOG_FILE_LOCATION = file;
	process.env.N8N_LOG_LEVEL = 'debug';
}
