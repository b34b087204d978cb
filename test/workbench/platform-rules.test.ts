// The platform's rules the fakes enforce (docs/workbench.md, "Platform rules"), each shown refusing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withGoogleAccessChecks } from '../../tools/workbench/google-api-access';
import {
  ADDON_FREQUENCY_MESSAGE,
  FakeScriptApp,
  HOUR_INTERVAL_MESSAGE,
  TriggerRegistry,
} from '../../tools/workbench/fakes/script-app';
import { FakeUrlFetchApp } from '../../tools/workbench/fakes/url-fetch';
import type { GoogleApiRequest } from '../../tools/workbench/fakes/url-fetch';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';
import { loadScenario } from '../../tools/workbench/scenario';
import { bundleProject } from '../../tools/workbench/project';
import { World } from '../../tools/workbench/world';
import { composeDraftMetadata, scopeChecked, SCOPE } from '../../tools/workbench/scopes';
import type { Manifest } from '../../tools/workbench/scopes';
import type { SyncHttp } from '../../tools/workbench/sync-http';

const REPO_MANIFEST: Manifest = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'appsscript.json'), 'utf8'),
);
const T0 = Date.UTC(2026, 2, 10, 9);
const noHttp = { requestAll: () => [], close: () => undefined } as unknown as SyncHttp;

describe('scopes of Apps Script services', () => {
  const service = { openById: (id: string) => `sheet ${id}`, newColor: () => 'color', flag: 'x' };

  test("a method whose scope the manifest lacks fails with Apps Script's message", () => {
    const checked = scopeChecked('SpreadsheetApp', service, { oauthScopes: [SCOPE.mail] });
    expect(() => checked.openById('abc')).toThrow(
      'Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    // A method that needs no scope, and a property, pass.
    expect(checked.newColor()).toBe('color');
    expect(checked.flag).toBe('x');
  });

  test('several acceptable scopes are listed the way Apps Script lists them', () => {
    const calendar = scopeChecked('CalendarApp', { getDefaultCalendar: () => 'cal' }, { oauthScopes: [] });
    expect(() => calendar.getDefaultCalendar()).toThrow(
      'Required permissions: (https://www.googleapis.com/auth/calendar.readonly || https://www.googleapis.com/auth/calendar || https://www.google.com/calendar/feeds)',
    );
  });

  test('with the scope (or without explicit oauthScopes, when Apps Script detects them) the call runs', () => {
    expect(scopeChecked('SpreadsheetApp', service, { oauthScopes: [SCOPE.spreadsheets] }).openById('a')).toBe(
      'sheet a',
    );
    expect(scopeChecked('SpreadsheetApp', service, {}).openById('b')).toBe('sheet b');
  });

  test('UrlFetchApp needs script.external_request', () => {
    const urlFetch = scopeChecked('UrlFetchApp', { fetch: () => 'ok' }, { oauthScopes: [SCOPE.mail] });
    expect(() => urlFetch.fetch()).toThrow(
      'Specified permissions are not sufficient to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
  });
});

describe('compose draftAccess', () => {
  const metadata = { toRecipients: ['a@b.example'] };
  const composeManifest = (draftAccess: string, oauthScopes: string[]): Manifest => ({
    oauthScopes,
    addOns: { gmail: { composeTrigger: { selectActions: [], draftAccess } } },
  });

  test('METADATA without the gmail.addons.current.message.metadata scope is refused, naming the rule', () => {
    expect(() => composeDraftMetadata(composeManifest('METADATA', [SCOPE.mail]), metadata)).toThrow(
      /draftAccess METADATA requires the https:\/\/www\.googleapis\.com\/auth\/gmail\.addons\.current\.message\.metadata scope/,
    );
    expect(composeDraftMetadata(composeManifest('METADATA', [SCOPE.addonMessageMetadata]), metadata)).toBe(
      metadata,
    );
  });

  test('NONE gives the trigger no recipients; Prospector declares METADATA with its scope, for the recipient’s zone', () => {
    expect(composeDraftMetadata(composeManifest('NONE', []), metadata)).toBeNull();
    expect(REPO_MANIFEST.addOns?.gmail?.composeTrigger?.draftAccess).toBe('METADATA');
    expect(REPO_MANIFEST.oauthScopes).toContain(SCOPE.addonMessageMetadata);
    expect(composeDraftMetadata(REPO_MANIFEST, metadata)).toBe(metadata);
  });
});

describe('UrlFetchApp and the manifest allowlist', () => {
  const setup = (canned = [{ url: 'https://api.example.com/v1/', status: 200, body: { ok: true } }]) =>
    new FakeUrlFetchApp({
      ledger: new CallLedger(new SimClock(T0)),
      http: noHttp,
      hubspotBaseUrl: 'http://127.0.0.1:1',
      allowlist: ['https://api.example.com/', 'https://unanswered.example.com/'],
      canned: [
        ...canned,
        { url: 'https://api.example.com/v1/things', method: 'post', status: 201, body: 'made' },
      ],
    });

  test("a URL outside urlFetchWhitelist is refused with Apps Script's message", () => {
    expect(() => setup().fetch('https://elsewhere.example.com/x')).toThrow(
      'Exception requesting https://elsewhere.example.com/x failed because the URL has not been whitelisted in the script manifest.',
    );
  });

  test("an allowed host is answered from the scenario's canned responses, the longest prefix and method first", () => {
    const app = setup();
    const got = app.fetch('https://api.example.com/v1/things');
    expect(got.getResponseCode()).toBe(200);
    expect(JSON.parse(got.getContentText())).toEqual({ ok: true });
    const made = app.fetch('https://api.example.com/v1/things', { method: 'post', payload: 'x' });
    expect([made.getResponseCode(), made.getContentText()]).toEqual([201, 'made']);
  });

  test('an allowed URL with no canned answer fails like a host that does not resolve', () => {
    expect(() => setup().fetch('https://unanswered.example.com/ping')).toThrow(
      'Address unavailable: https://unanswered.example.com/ping',
    );
    expect(() => setup().fetch('https://api.example.com/v2/other')).toThrow('Address unavailable');
  });
});

describe("Google REST APIs called with the script's token", () => {
  const answered = () => ({ status: 200, headers: {}, body: '{"answered":true}' });
  const freeBusy: GoogleApiRequest = {
    url: 'https://www.googleapis.com/calendar/v3/freeBusy',
    method: 'post',
    headers: {},
    body: '{}',
  };
  const threads: GoogleApiRequest = {
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/threads?q=x',
    method: 'get',
    headers: {},
  };

  test('answer when the Cloud project enables the API and the manifest has a covering scope', () => {
    const gate = withGoogleAccessChecks({ apis: ['gmail', 'calendar'] }, REPO_MANIFEST, answered);
    expect(gate(freeBusy).status).toBe(200);
    expect(gate(threads).status).toBe(200);
  });

  test("a disabled API answers 403 with Google's SERVICE_DISABLED text and the page that enables it", () => {
    const gate = withGoogleAccessChecks({ apis: ['gmail'], number: '555' }, REPO_MANIFEST, answered);
    const response = gate(freeBusy);
    expect(response.status).toBe(403);
    const error = JSON.parse(response.body).error;
    expect(error.status).toBe('PERMISSION_DENIED');
    expect(error.message).toBe(
      'Google Calendar API has not been used in project 555 before or it is disabled. Enable it by visiting ' +
        'https://console.developers.google.com/apis/api/calendar-json.googleapis.com/overview?project=555 then retry. ' +
        'If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.',
    );
    expect(error.details[0]).toMatchObject({ reason: 'SERVICE_DISABLED' });
    expect(gate(threads).status).toBe(200);
  });

  test("Google's default project enables only the manifest's advanced services", () => {
    const withGmail: Manifest = {
      ...REPO_MANIFEST,
      dependencies: { enabledAdvancedServices: [{ serviceId: 'gmail', userSymbol: 'Gmail', version: 'v1' }] },
    };
    const gate = withGoogleAccessChecks({ default: true }, withGmail, answered);
    expect(gate(threads).status).toBe(200);
    expect(gate(freeBusy).status).toBe(403);
    expect(withGoogleAccessChecks({ default: true }, REPO_MANIFEST, answered)(threads).status).toBe(403);
  });

  test("a token without a covering scope answers 403 'Request had insufficient authentication scopes.'", () => {
    const noCalendar: Manifest = {
      oauthScopes: (REPO_MANIFEST.oauthScopes ?? []).filter((s) => !s.includes('calendar')),
    };
    const gate = withGoogleAccessChecks({ apis: ['gmail', 'calendar'] }, noCalendar, answered);
    const response = gate(freeBusy);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.message).toBe('Request had insufficient authentication scopes.');
    const onlyFreeBusy = withGoogleAccessChecks(
      { apis: ['calendar'] },
      { oauthScopes: [SCOPE.calendarFreeBusy] },
      answered,
    );
    expect(onlyFreeBusy(freeBusy).status).toBe(200);
  });
});

describe('time-driven triggers of an add-on', () => {
  const app = () =>
    new FakeScriptApp({
      ledger: new CallLedger(new SimClock(T0)),
      registry: new TriggerRegistry(),
      userEmail: 'ana@example.com',
      scriptId: 'script',
      scriptTimeZone: 'Etc/UTC',
      addOn: true,
    });

  test('run at most hourly: everyMinutes is refused at create()', () => {
    expect(() => app().newTrigger('poll').timeBased().everyMinutes(30).create()).toThrow(
      ADDON_FREQUENCY_MESSAGE,
    );
  });

  test('everyHours takes only 1, 2, 4, 6, 8 or 12', () => {
    for (const hours of [1, 2, 4, 6, 8, 12]) app().newTrigger('poll').timeBased().everyHours(hours).create();
    for (const hours of [3, 5, 24, 0, 1.5]) {
      expect(() => app().newTrigger('poll').timeBased().everyHours(hours)).toThrow(HOUR_INTERVAL_MESSAGE);
    }
  });
});

describe('a World on a project manifest and a scenario world', () => {
  it("refuses through the bundle a call the manifest's scopes do not cover, and answers canned http", async () => {
    const bundleCode = [
      "function openSheet() { return SpreadsheetApp.openById('x'); }",
      "function ping() { return UrlFetchApp.fetch('https://api.example.com/v1/ping').getContentText(); }",
    ].join('\n');
    const manifest = {
      oauthScopes: [SCOPE.externalRequest],
      urlFetchWhitelist: ['https://api.example.com/'],
    };
    const world = new World({
      project: bundleProject(bundleCode, JSON.stringify(manifest)),
      now: T0,
      users: [{ email: 'ana@example.com', timeZone: 'Etc/UTC' }],
      hubspot: { portalId: 1, tokens: {} },
      threads: [],
      calendarEvents: [],
      http: [{ url: 'https://api.example.com/', status: 200, body: 'pong' }],
    });
    try {
      expect(() => world.run('openSheet', 'trigger')).toThrow(
        /Specified permissions are not sufficient to call SpreadsheetApp\.openById/,
      );
      expect(world.run('ping', 'trigger')).toBe('pong');
    } finally {
      await world.close();
    }
  });

  it('a scenario file carries http and cloudProject, and the schema refuses an unknown API', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-rules-'));
    const write = (name: string, world: Record<string, unknown>) => {
      const file = join(dir, name);
      writeFileSync(
        file,
        JSON.stringify({
          name,
          now: '2026-03-10T09:00:00Z',
          user: { email: 'a@b.example', timeZone: 'UTC' },
          steps: [],
          ...world,
        }),
      );
      return file;
    };
    const loaded = loadScenario(
      write('ok.json', {
        http: [{ url: 'https://api.example.com/', method: 'get', status: 503, body: { error: 'busy' } }],
        cloudProject: { default: true },
      }),
    );
    expect(loaded.http).toEqual([
      { url: 'https://api.example.com/', method: 'get', status: 503, body: { error: 'busy' } },
    ]);
    expect(loaded.cloudProject).toEqual({ default: true });
    expect(() => loadScenario(write('bad.json', { cloudProject: { apis: ['drive'] } }))).toThrow(
      /cloudProject\.apis\.0 must be equal to one of the allowed values/,
    );
  });
});
