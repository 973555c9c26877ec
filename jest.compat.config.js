// The node suite on n8n's 1.x engine (npm run test:compat; scripts/compat.js installs it).
// Every import of n8n-core / n8n-workflow — the tests', and the built node's in dist/ —
// is mapped to the copies in .cache/compat; test/setup/compatEngine.ts fails every test
// file when it is not so.
const base = require('./jest.config');
const { COMPAT_MODULES } = require('./scripts/lib/compat');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/node'],
	// 10,000 simultaneous requests: on the 1.x engine half fail at the connection (README, n8n 1.x).
	testPathIgnorePatterns: ['/node_modules/', '/test/node/load\\.test\\.ts$'],
	moduleNameMapper: {
		'^(n8n-core|n8n-workflow)(/.*)?$': `${COMPAT_MODULES}/$1$2`,
	},
	// The same checks after every test as npm test (secrets on the wire, unhandled rejections), and the engine guard.
	setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/test/setup/compatEngine.ts'],
	// The 1.x engine is slower (Return All over 10,050 records: ~34 s on a busy machine); this run
	// checks behaviour, speed is bench/'s business.
	testTimeout: 120000,
};
