/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node beside n8n, not inside it */
// The ESLint gate n8n runs before it verifies a community package, run here on what
// `npm pack` would publish and on the sources. It uses `analyzePackage` from
// `@n8n/scan-community-package` itself (its own ESLint, plugins and config, inline
// `eslint-disable` comments ignored), so no copy of its rules can drift.
//
// The scanner is an ES module that creates a temp folder when imported, and jest runs
// this file as CommonJS (a dynamic `import()` would need --experimental-vm-modules), so
// it runs in a child Node process whose TMPDIR is this test's own temp folder.
//
// Needs a build (`npm test` builds first): without dist/ every check fails instead of
// passing on an empty package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import packageJson from '../../package.json';

const ROOT = path.resolve(__dirname, '..', '..');

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
	error?: string;
}

interface Leg {
	dir: string;
	/** File globs; 'SOURCE' means the scanner's own SOURCE_FILE_PATTERNS; omitted means its default. */
	patterns?: string[] | 'SOURCE';
}

// Runs in the child: argv = [node, scanner URL, legs as JSON]; prints the results as JSON.
const RUNNER = `
const [scannerUrl, legsJson] = process.argv.slice(1);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerUrl);
const results = [];
for (const { dir, patterns } of JSON.parse(legsJson)) {
	const result = await analyzePackage(dir, patterns === 'SOURCE' ? SOURCE_FILE_PATTERNS : patterns);
	results.push({
		passed: result.passed,
		message: result.message,
		details: result.details,
		error: result.error ? String(result.error.stack ?? result.error) : undefined,
	});
}
process.stdout.write(JSON.stringify(results));
`;

function scan(legs: Leg[], tmpDir: string): ScanResult[] {
	const scanner = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	// jest sets NODE_ENV=test, which switches eslint-plugin-n8n-nodes-base into its own
	// rule-test mode (other filename conventions, false errors); n8n scans without it.
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmpDir, TMP: tmpDir, TEMP: tmpDir };
	delete env.NODE_ENV;
	const child = spawnSync(
		process.execPath,
		['--input-type=module', '-e', RUNNER, pathToFileURL(scanner).href, JSON.stringify(legs)],
		{
			cwd: ROOT,
			encoding: 'utf8',
			env,
			timeout: 25000,
		},
	);
	if (child.status !== 0 || child.error) {
		throw new Error(
			`scanner process failed (status ${child.status}${child.error ? `, ${child.error.message}` : ''}):\n${child.stderr}`,
		);
	}
	return JSON.parse(child.stdout) as ScanResult[];
}

function packAndExtract(tmpDir: string): string {
	const output = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmpDir], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (output.status !== 0) throw new Error(`npm pack failed:\n${output.stderr}`);
	const [{ filename }] = JSON.parse(output.stdout) as Array<{ filename: string }>;

	const extracted = path.join(tmpDir, 'package');
	mkdirSync(extracted);
	const tar = spawnSync('tar', ['-xzf', path.join(tmpDir, filename), '-C', extracted, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.status !== 0) throw new Error(`tar failed:\n${tar.stderr}`);

	const missing = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials].filter(
		(file) => !existsSync(path.join(extracted, file)),
	);
	if (missing.length > 0) {
		throw new Error(`the packed tarball lacks ${missing.join(', ')}: run \`npm run build\` first`);
	}
	return extracted;
}

function expectPassed(result: ScanResult): void {
	if (!result.passed) {
		throw new Error(
			[`n8n's community package scanner fails: ${result.message}`, result.details, result.error]
				.filter(Boolean)
				.join('\n'),
		);
	}
	// Also refuses { passed: true, message: 'No files found to analyze' }.
	expect(result).toEqual({ passed: true });
}

describe("n8n's community package scanner (@n8n/scan-community-package)", () => {
	let tmpDir: string;
	let tarball: ScanResult;
	let source: ScanResult;

	beforeAll(() => {
		tmpDir = mkdtempSync(path.join(os.tmpdir(), 'secmaster-scan-'));
		const extracted = packAndExtract(tmpDir);
		[tarball, source] = scan(
			[
				// Every .js/.ts/.json file of the tarball (the scanner's default); n8n's own
				// tarball leg lints a subset of these: '**/*.js' and 'package.json'.
				{ dir: extracted },
				// n8n's source leg, on the repository the package is published from.
				{ dir: ROOT, patterns: 'SOURCE' },
			],
			tmpDir,
		);
	});

	afterAll(() => {
		if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
	});

	it('passes on the packed tarball', () => {
		expectPassed(tarball);
	});

	it('passes on the node and credential sources and package.json', () => {
		expectPassed(source);
	});
});
