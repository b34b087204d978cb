// `npm run test:slow`: the slow sweeps, workbench tests too long for npm test's minute; CI runs them.
/* global module */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/slow'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // SWC strips the types (no type checking: `npm run typecheck` does that); a cold cache costs seconds, not ts-jest's 15.
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  maxWorkers: 2,
};
