/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The real-n8n suite runs on its own: npm run test:e2e (jest.e2e.config.js).
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/setup/n8nLogs.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/wireSecrets.ts'],
	testTimeout: 30000,
};
