/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code reads the sources from disk, beside n8n, not inside it */
// The layers the folders name: the credential reaches only what authentication needs, SecMaster's
// domain rules never reach transport, and no shipped code reaches the simulator or the tests.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE = 'nodes/HuaweiSecMaster';

function sourceFiles(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
		const file = path.join(dir, name);
		if (statSync(path.join(ROOT, file)).isDirectory()) return sourceFiles(file);
		return file.endsWith('.ts') ? [file] : [];
	});
}

/** The repository-relative source files `file` imports (relative imports only). */
function importsOf(file: string): string[] {
	const text = readFileSync(path.join(ROOT, file), 'utf8');
	return [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)].map(([, spec]) => {
		const target = path.join(path.dirname(file), spec);
		if (existsSync(path.join(ROOT, `${target}.ts`))) return `${target}.ts`;
		if (existsSync(path.join(ROOT, target, 'index.ts'))) return path.join(target, 'index.ts');
		return target;
	});
}

function closure(start: string[]): Set<string> {
	const seen = new Set<string>();
	const queue = [...start];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		queue.push(...importsOf(file));
	}
	return seen;
}

const shipped = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

describe('layering', () => {
	it('finds the sources it checks', () => {
		expect(shipped.length).toBeGreaterThan(40);
		expect(importsOf(`${NODE}/transport/credentialAuth.ts`)).toContain(`${NODE}/transport/signer.ts`);
	});

	it('the credential imports only what authentication needs', () => {
		const reached = [...closure(sourceFiles('credentials'))].filter((file) => !file.startsWith('credentials/'));
		expect(reached.sort()).toEqual(
			['callOptions', 'credentialAuth', 'errorAnswer', 'iamToken', 'regions', 'signer', 'wireRequest'].map((name) => `${NODE}/transport/${name}.ts`),
		);
	});

	it("SecMaster's domain rules never reach transport", () => {
		const reached = [...closure(sourceFiles(`${NODE}/domain`))];
		expect(reached.filter((file) => file.includes('/transport/'))).toEqual([]);
	});

	it('no shipped code imports the simulator, the tests or the credential class', () => {
		const offending = shipped.flatMap((file) =>
			importsOf(file)
				.filter((target) => /^(simulator|test|bench|scripts)\//.test(target) || (!file.startsWith('credentials/') && target.startsWith('credentials/')))
				.map((target) => `${file} -> ${target}`),
		);
		expect(offending).toEqual([]);
	});
});
