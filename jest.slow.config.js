// `npm run test:slow`: the slow sweeps, workbench tests too long for npm test's minute; CI runs them.
/* global module */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/slow'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  maxWorkers: 2,
};
