// `npm run test:e2e`: the browser tests (headless Chromium against `npm run dev`), kept out of `npm test`.
/* global module */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // SWC strips the types (no type checking: `npm run typecheck` does that); a cold cache costs seconds, not ts-jest's 15.
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  testTimeout: 120_000,
  maxWorkers: 2,
};
