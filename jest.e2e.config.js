/** @type {import('jest').Config} The real-n8n suite: npm run test:e2e. */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// Each `n8n execute` boots n8n (several seconds); the first run installs n8n.
	testTimeout: 180000,
	maxWorkers: 1,
};
