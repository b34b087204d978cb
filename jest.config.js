/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on CI's two cores: test files wait on the HubSpot sandbox's worker thread much of the time.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Browser tests (npm run test:e2e) and slow sweeps (npm run test:slow) run on their own.
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/slow/'],
  transform: {
    // SWC strips the types (no type checking: `npm run typecheck` does that); a cold cache costs seconds, not ts-jest's 15.
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
};
