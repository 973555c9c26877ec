// What the later suites install on first use, installed ahead of them: `.ci/run` starts this in
// the background while the unit suite runs, since the installs wait mostly on the registry and
// the disk (n8n alone took 290–470 s on a fresh machine). Arguments, in order: compat (n8n's 1.x
// engine, for test:compat), n8n (the real n8n for test:e2e and test:queue), services (Debian's
// Postgres and Redis, for test:queue). Each is skipped when already there.
const { ensureCompatEngine } = require('./lib/compat');
const { ensureN8n } = require('./lib/runtime');
const { ensureServices } = require('./lib/services');

const INSTALLS = { compat: ensureCompatEngine, n8n: ensureN8n, services: ensureServices };

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !INSTALLS[name]);
if (wanted.length === 0 || unknown.length > 0) {
	process.stderr.write(`usage: node scripts/install-runtimes.js ${Object.keys(INSTALLS).join('|')} …\n`);
	process.exit(2);
}
for (const name of wanted) {
	const started = Date.now();
	INSTALLS[name]();
	process.stderr.write(`[install-runtimes] ${name} ready after ${Math.round((Date.now() - started) / 1000)} s\n`);
}
