/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test setup runs in Node beside n8n, not inside it */
// For the compat run (jest.compat.config.js), before every test file.
import { createRequire } from 'node:module';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS helper shared with the scripts
const { COMPAT_MODULES, ENGINE, ROOT, installedVersion } = require('../../scripts/lib/compat') as {
	COMPAT_MODULES: string;
	ENGINE: Record<string, string>;
	ROOT: string;
	installedVersion: (dir: string) => string | undefined;
};

// The run proves nothing if anything loads the 2.x engine: n8n-core and n8n-workflow must
// resolve to the 1.x copies from the tests, from the built node in dist/ (which requires
// n8n-workflow at run time) and from inside the engine.
const fromEngine = createRequire(path.join(COMPAT_MODULES, 'n8n-core', 'dist', 'index.js'));
const loaders = {
	'the tests': createRequire(path.join(ROOT, 'test', 'helpers', 'engine.ts')),
	'the built node': createRequire(path.join(ROOT, 'dist', 'nodes', 'HuaweiSecMaster', 'HuaweiSecMaster.node.js')),
	'the engine': fromEngine,
};
for (const [who, load] of Object.entries(loaders)) {
	for (const [name, expected] of Object.entries(ENGINE)) {
		const entry = load.resolve(name);
		const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
		const packageDir = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
		const version = installedVersion(packageDir);
		if (version !== expected) {
			throw new Error(`compat run: ${who} load ${name} ${version ?? '?'} from ${packageDir}, expected ${expected}`);
		}
	}
}

// n8n-core 1.x starts a referenced 60 s cleanup timer with the first execution context
// (2.x unrefs it); n8n clears it on shutdown, and so do we, or jest never exits.
afterAll(() => {
	const { Container } = fromEngine('@n8n/di') as typeof import('@n8n/di');
	const { SSHClientsManager } = fromEngine('./execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: unknown[]) => { onShutdown(): void };
	};
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
