// The engine of n8n's 1.x line (the 1.123 LTS: n8n@1.123.81 ships n8n-core 1.122.48 and
// n8n-workflow 1.120.31), installed from the npm registry into .cache/compat beside the
// 2.x engine the project develops against. Not a dependency and not in the lockfile: the
// whole n8n 1.x package does not install here (a dependency is a tarball on another host),
// its engine does.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const COMPAT_DIR = path.join(ROOT, '.cache', 'compat');
const COMPAT_MODULES = path.join(COMPAT_DIR, 'node_modules');
const ENGINE = { 'n8n-core': '1.122.48', 'n8n-workflow': '1.120.31' };
const N8N_LINE = '1.123.x';

/** The version in a package folder's package.json, read from disk (not through any resolver). */
function installedVersion(packageDir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

function isInstalled() {
	return Object.entries(ENGINE).every(([name, version]) => installedVersion(path.join(COMPAT_MODULES, name)) === version);
}

/** Installs the 1.x engine once; later calls find it and return at once. */
function ensureCompatEngine(log = (message) => process.stderr.write(`[compat] ${message}\n`)) {
	if (isInstalled()) return false;
	const started = Date.now();
	const specs = Object.entries(ENGINE).map(([name, version]) => `${name}@${version}`);
	log(`installing ${specs.join(' ')} into .cache/compat (about 250 MB, once)`);
	fs.rmSync(COMPAT_DIR, { recursive: true, force: true });
	fs.mkdirSync(COMPAT_DIR, { recursive: true });
	fs.writeFileSync(path.join(COMPAT_DIR, 'package.json'), JSON.stringify({ name: 'n8n-compat-engine', private: true }));
	// Scripts off: the engine needs no native build to run nodes (isolated-vm is loaded lazily).
	const result = spawnSync(
		'npm',
		['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...specs],
		{ cwd: COMPAT_DIR, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
	);
	if (result.status !== 0 || !isInstalled()) {
		throw new Error(`installing ${specs.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`);
	}
	log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return true;
}

module.exports = { COMPAT_DIR, COMPAT_MODULES, ENGINE, N8N_LINE, ROOT, ensureCompatEngine, installedVersion };
