// npm run test:compat: the node suite (test/node) a second time, on n8n's 1.x engine.
// Installs that engine into .cache/compat when missing, then runs jest.compat.config.js;
// arguments go on to jest (e.g. a test file).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ENGINE, ROOT, ensureCompatEngine } = require('./lib/compat');

ensureCompatEngine();
process.stderr.write(`[compat] node suite on n8n-core ${ENGINE['n8n-core']}, n8n-workflow ${ENGINE['n8n-workflow']}\n`);
const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
const result = spawnSync(process.execPath, [jest, '-c', path.join(ROOT, 'jest.compat.config.js'), ...process.argv.slice(2)], {
	cwd: ROOT,
	stdio: 'inherit',
});
process.exit(result.status ?? 1);
