/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// The promise rejections that went unhandled in this test file so far, even those handled
// later (recorded by test/setup/rejectionsEnvironment.js); emptied by each call.
const RECORD = Symbol.for('secmaster.unhandledRejections');

export function takeUnhandledRejections(): unknown[] {
	const record = (globalThis as unknown as Record<symbol, unknown[] | undefined>)[RECORD];
	if (!record) throw new Error('Jest does not run this file in test/setup/rejectionsEnvironment.js: unhandled rejections are not recorded');
	return record.splice(0);
}
