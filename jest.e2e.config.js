// `npm run test:e2e`: the browser tests (headless Chromium against `npm run dev`), kept out of `npm test`.
/* global module */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testTimeout: 120_000,
  maxWorkers: 2,
};
