/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node beside n8n, not inside it: the rules for shipped node code do not apply */
// What `npm pack` would publish: dist/ only (npm always adds package.json,
// README and LICENSE), with the node, its codex and icons, and the credential.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import packageJson from '../../package.json';

const ROOT = path.resolve(__dirname, '..', '..');

function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path).sort();
}

describe('npm pack', () => {
	const files = packedFiles();

	it('holds only dist/ besides the files npm always adds', () => {
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(files.filter((file) => /test|simulator|fixture|\.ts$|\.map$/.test(file))).toEqual([]);
	});

	it('holds the node, its codex and light/dark icons, and the credential', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/HuaweiSecMaster/HuaweiSecMaster.node.js',
				'dist/nodes/HuaweiSecMaster/HuaweiSecMaster.node.json',
				'dist/nodes/HuaweiSecMaster/huaweiSecMaster.svg',
				'dist/nodes/HuaweiSecMaster/huaweiSecMaster.dark.svg',
				'dist/credentials/HuaweiSecMasterApi.credentials.js',
			]),
		);
	});

	it('points the n8n block at files that are packed and exist', () => {
		const { n8n, peerDependencies, keywords } = packageJson as typeof packageJson & { dependencies?: object };
		for (const file of [...n8n.nodes, ...n8n.credentials]) {
			expect(files).toContain(file);
			expect(existsSync(path.join(ROOT, file))).toBe(true);
		}
		expect(n8n.n8nNodesApiVersion).toBe(1);
		expect(peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect((packageJson as { dependencies?: object }).dependencies).toBeUndefined();
		expect(keywords).toContain('n8n-community-node-package');
	});
});
