/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on CI's two cores: test files wait on the HubSpot sandbox's worker thread much of the time.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
};
