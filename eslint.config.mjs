// Lint rules double as architecture checks: core/ is pure, and the dependency arrows point one way
// (main -> cards, services, core; cards -> core; services -> core; core -> nothing).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const appsScriptGlobals = [
  'GmailApp',
  'CalendarApp',
  'Calendar',
  'SpreadsheetApp',
  'UrlFetchApp',
  'CardService',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'Session',
  'Utilities',
  'MailApp',
  'DriveApp',
  'Logger',
  'HtmlService',
  'ContentService',
].map((name) => ({ name, message: 'core/ is pure: pass what you need through a port in core/ports.ts.' }));

const sendCapable = [
  { object: 'GmailApp', property: 'sendEmail', message: 'Prospector is draft-only.' },
  { object: 'MailApp', property: 'sendEmail', message: 'Prospector is draft-only.' },
];

// Draft-only, structurally: any access to a member that sends mail or invitations, dotted or computed with
// a literal or a template without substitutions (tools/draft-only-scan.ts does the same on the bundle and
// also follows constants and destructuring; docs/draft-only.md).
const SEND_MEMBER = '/^(send|sendEmail|reply|replyAll|forward|addGuest)$/';
const draftOnlySyntax = [
  `MemberExpression[computed=false][property.name=${SEND_MEMBER}]`,
  `MemberExpression[computed=true][property.type='Literal'][property.value=${SEND_MEMBER}]`,
  `MemberExpression[computed=true][property.type='TemplateLiteral'][property.expressions.length=0][property.quasis.0.value.cooked=${SEND_MEMBER}]`,
  `ObjectPattern > Property[key.name=${SEND_MEMBER}]`,
  `ObjectPattern > Property[key.value=${SEND_MEMBER}]`,
].map((selector) => ({
  selector,
  message: 'Prospector is draft-only: no member that sends mail or invitations.',
}));

export default tseslint.config(
  {
    // Apps Script projects the workbench runs as they are (Google's samples unchanged, a test add-on).
    ignores: [
      'dist/',
      'out/',
      'coverage/',
      'node_modules/',
      'bench/',
      'jest.config.js',
      'fixtures/projects/',
      'test/workbench/projects/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', ...sendCapable],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '../../tools/*'] }],
      'no-restricted-syntax': ['error', ...draftOnlySyntax],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptGlobals, 'process', 'require', 'setTimeout', 'fetch'],
      'no-restricted-imports': ['error', { patterns: ['../services/*', '../cards/*', '../main', 'node:*'] }],
    },
  },
  {
    files: ['src/cards/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../services/*', '../main', 'node:*'] }] },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../cards/*', '../main', 'node:*'] }] },
  },
);
