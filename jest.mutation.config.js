// The unit tests of the modules `npm run test:mutation` mutates (stryker.config.json):
// Stryker runs them once per mutant, so the engine and simulator suites stay out.
// Local time is UTC+8 (Huawei's home zone, and not UTC), so that a date-time read in
// local time where UTC was meant, or the other way round, changes a result.
process.env.TZ = 'Asia/Shanghai';

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit'],
	testMatch: ['**/{apiError,pollState,retry,retrying,ruleBody,signer,url}.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};
