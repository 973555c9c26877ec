/** @type {import('jest').Config} */
module.exports = {
	// Node's environment, recording unhandled rejections (test/setup/rejectionsEnvironment.js).
	testEnvironment: '<rootDir>/test/setup/rejectionsEnvironment.js',
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The real-n8n suite runs on its own: npm run test:e2e (jest.e2e.config.js).
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/setup/n8nLogs.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/wireSecrets.ts', '<rootDir>/test/setup/rejections.ts'],
	testTimeout: 30000,
};
