/** @type {import('jest').Config} n8n in queue mode (Postgres, Redis, a main and two workers): npm run test:queue. */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	testTimeout: 300000,
	maxWorkers: 1,
};
