/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test setup runs in Node beside n8n, not inside it */
// After every test: no promise rejection went unhandled during it, not even one
// handled later (Jest fails only for those never handled; Node reports both).
import { takeUnhandledRejections } from '../helpers/rejections';

afterEach(async () => {
	// One turn of the event loop: Node reports a rejection left unhandled after the microtasks ran.
	await new Promise((resolve) => setImmediate(resolve));
	expect(takeUnhandledRejections()).toEqual([]);
});
