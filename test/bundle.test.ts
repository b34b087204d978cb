// The bundle is what Apps Script runs: it must load with nothing but Apps Script's globals, expose every
// function the manifest and the cards name, and contain no way to send mail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildBundle, BUNDLE_GLOBAL } from '../tools/build';
import { ACTIONS } from '../src/cards/actions';
import { sendCapableAccesses } from '../tools/draft-only-scan';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'appsscript.json'), 'utf8'));

let code = '';
beforeAll(async () => {
  code = (await buildBundle()).code;
}, 60_000);

/** A global whose every property access throws: loading the bundle must not touch any service. */
function untouchable(name: string): unknown {
  return new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`${name}.${String(property)} was used while the bundle loaded`);
      },
    },
  );
}

const APPS_SCRIPT_GLOBALS = [
  'GmailApp',
  'CalendarApp',
  'SpreadsheetApp',
  'UrlFetchApp',
  'CardService',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'Session',
  'Utilities',
  'Logger',
];

function loadBare(): vm.Context {
  const globals: Record<string, unknown> = { console };
  for (const name of APPS_SCRIPT_GLOBALS) globals[name] = untouchable(name);
  const context = vm.createContext(globals);
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context;
}

function manifestFunctions(): string[] {
  const addOns = manifest.addOns;
  return [
    addOns.common.homepageTrigger.runFunction,
    ...addOns.common.universalActions.map((a: { runFunction: string }) => a.runFunction),
    ...addOns.gmail.contextualTriggers.map((t: { onTriggerFunction: string }) => t.onTriggerFunction),
    ...addOns.gmail.composeTrigger.selectActions.map((a: { runFunction: string }) => a.runFunction),
    addOns.calendar.homepageTrigger.runFunction,
    addOns.calendar.eventOpenTrigger.runFunction,
  ];
}

describe('dist/Code.js', () => {
  it('is one IIFE plus top-level function declarations, with no module syntax', () => {
    expect(code).toMatch(new RegExp(`^("use strict";\\n)?var ${BUNDLE_GLOBAL} = \\(\\(\\) => \\{`));
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('loads in a bare context with only Apps Script globals (no require, process or setTimeout)', () => {
    const context = loadBare();
    for (const name of ['require', 'process', 'setTimeout', 'Buffer', 'module']) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
    }
  });

  it('declares a global function for every trigger in the manifest, every card action and every timer', () => {
    const context = loadBare();
    const needed = [
      ...manifestFunctions(),
      ...Object.values(ACTIONS),
      'pollSubmissions',
      'dailyMaintenance',
      'verifyAuditTrail',
    ];
    for (const name of needed) {
      expect({ name, type: vm.runInContext(`typeof ${name}`, context) }).toEqual({ name, type: 'function' });
      // A function declaration, not a variable holding a function: Apps Script lists only declarations.
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('reaches no send-capable member, however spelled (a parse of the bundle, not a text search)', () => {
    expect(sendCapableAccesses(code)).toEqual([]);
    // The same scan over the same bundle with one bracketed send slipped in finds exactly that.
    const tampered = `${code}\nfunction leak(d) { return d['send'](); }\n`;
    expect(sendCapableAccesses(tampered).map((f) => f.text)).toEqual(["d['send']"]);
  });
});

describe('sendCapableAccesses', () => {
  const found = (sample: string) => sendCapableAccesses(sample).map((f) => f.why);

  it.each([
    ['draft.send()', 'property access .send'],
    ["draft['send']()", "computed access ['send']"],
    ['draft[`send`]()', "computed access ['send']"],
    ["draft['se' + 'nd']()", "computed access ['send']"],
    ["const m = 'reply'; message[m]()", "computed access ['reply']"],
    ["const f = thread['replyAll']; f.call(thread, 'x')", "computed access ['replyAll']"],
    ["const { forward } = message; forward.apply(message, ['a@b.example'])", 'destructured forward'],
    ["const { 'sendEmail': s } = GmailApp; s('a@b.example', 's', 'b')", 'destructured sendEmail'],
    ["Reflect.get(draft, 'send').call(draft)", "Reflect lookup of 'send'"],
    ["MailApp['sendEmail']('a@b.example', 's', 'b')", "computed access ['sendEmail']"],
    ['event.addGuest("a@b.example")', 'property access .addGuest'],
    ["cal.createEvent('t', a, b, { guests: 'x', sendInvites: true })", 'sendInvites may email guests'],
    ["insert(e, 'primary', { sendUpdates: 'all' })", 'sendUpdates may email guests'],
    ["fetch('https://gmail.googleapis.com/gmail/v1/users/me/drafts/send')", 'a REST URL that sends'],
  ])('finds %s', (sample, why) => {
    expect(found(sample)).toContain(why);
  });

  it.each([
    "mailbox.createReplyDraft(id, content); draft.getId(); thread['getMessages']()",
    "cal.createEvent('t', a, b, { description: 'x', sendInvites: false }); const s = 'sender'",
    "const label = 'Reply with what suits you'; insert(e, 'primary', { sendUpdates: 'none' })",
  ])('passes draft-only code: %s', (sample) => {
    expect(found(sample)).toEqual([]);
  });

  it('cannot see a name built at run time (the Gmail fake throws and counts instead)', () => {
    // Documented limit (docs/draft-only.md): only literals and constants bound to them are followed.
    expect(found("const m = ['se', 'nd'].join(''); draft[m]()")).toEqual([]);
  });
});

describe('appsscript.json', () => {
  it('uses V8 with Stackdriver logging', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('asks for no sending scope', () => {
    for (const scope of manifest.oauthScopes) {
      expect(scope).not.toMatch(/gmail\.send|script\.send_mail/);
    }
  });

  it('allows fetching only https URLs with a path, HubSpot first', () => {
    expect(manifest.urlFetchWhitelist[0]).toBe('https://api.hubapi.com/');
    for (const prefix of manifest.urlFetchWhitelist) expect(prefix).toMatch(/^https:\/\/[^/]+\/.*/);
  });
});
