// One simulated world: the state behind every Apps Script fake, the HubSpot sandbox (a real HTTP server in a
// worker thread), the simulated clock and the call ledger. run() executes one entry point of the real
// bundle in a fresh bare vm context, as Apps Script starts each execution anew.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheStores, FakeCacheService } from './fakes/cache';
import { createCalendarState, FakeCalendarApp } from './fakes/calendar';
import type { CalendarEventState, CalendarState } from './fakes/calendar';
import { FakeCardService } from './fakes/card-service';
import { createMailboxState, FakeGmailApp } from './fakes/gmail';
import type { MailboxState, MailThreadState } from './fakes/gmail';
import { FakeLockService, LockTable } from './fakes/lock';
import { FakeLogger } from './fakes/logger';
import { FakePropertiesService, PropertyStores } from './fakes/properties';
import { FakeScriptApp, TriggerRegistry, workbenchOAuthToken } from './fakes/script-app';
import { FakeSession } from './fakes/session';
import { createSpreadsheetsState, FakeCharts, FakeSpreadsheetApp } from './fakes/spreadsheet';
import type { SpreadsheetsState } from './fakes/spreadsheet';
import { FakeUrlFetchApp } from './fakes/url-fetch';
import { FakeUtilities } from './fakes/utilities';
import { googleApis } from './google-apis';
import { runExecution } from './bundle-runner';
import { CallLedger, SimClock } from './runtime';
import type { ExecutionKind } from './runtime';
import { createSyncHttp } from './sync-http';
import type { SyncHttp } from './sync-http';
import { startSandboxWorker } from '../sandbox/worker-host';
import type { SandboxWorker } from '../sandbox/worker-host';
import type { FaultConfig } from '../sandbox/faults';
import type { RateLimits } from '../sandbox/rate-limit';
import type { SandboxSeed, SandboxState } from '../sandbox/types';
import type { RequestLogEntry } from '../sandbox/sandbox';

const ROOT = join(__dirname, '..', '..');
const SCRIPT_ID = 'workbench-script';

export interface WorldOptions {
  bundleCode: string;
  now: number;
  user: { email: string; name?: string; timeZone: string; locale?: string };
  /** Other people who use the add-on (e.g. a second salesperson), by email. */
  scriptTimeZone?: string;
  addOn?: boolean;
  hubspot: SandboxSeed;
  hubspotFaults?: FaultConfig;
  hubspotRateLimits?: Partial<RateLimits>;
  threads: MailThreadState[];
  calendarEvents: CalendarEventState[];
  /** Deterministic ids (Utilities.getUuid) so runs of one scenario compare line by line. */
  deterministicIds?: boolean;
}

export class World {
  readonly clock: SimClock;
  readonly ledger: CallLedger;
  readonly mailbox: MailboxState;
  readonly calendar: CalendarState;
  readonly spreadsheets: SpreadsheetsState;
  readonly properties = new PropertyStores();
  readonly caches = new CacheStores();
  readonly locks = new LockTable();
  readonly triggers = new TriggerRegistry();
  readonly urlFetches: FakeUrlFetchApp[] = [];
  readonly manifest: { urlFetchWhitelist: string[] };
  private readonly http: SyncHttp;
  private readonly sandbox: SandboxWorker;
  private uuid = 0;

  constructor(readonly options: WorldOptions) {
    this.clock = new SimClock(options.now);
    this.ledger = new CallLedger(this.clock);
    this.manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
    this.mailbox = createMailboxState({
      userEmail: options.user.email,
      userName: options.user.name,
      threads: options.threads,
    });
    this.calendar = createCalendarState({
      ownerEmail: options.user.email,
      timeZone: options.user.timeZone,
      events: options.calendarEvents,
    });
    this.spreadsheets = createSpreadsheetsState(options.user.email);
    this.sandbox = startSandboxWorker({
      seed: options.hubspot,
      faults: options.hubspotFaults,
      rateLimits: options.hubspotRateLimits,
    });
    this.http = createSyncHttp();
  }

  get hubspotUrl(): string {
    return this.sandbox.url;
  }

  /**
   * The Apps Script globals one execution sees. Another user (a colleague on the same script) shares the
   * script's properties, locks and triggers registry but has their own user properties and cache; the
   * mailbox and calendar stay the world user's.
   */
  private globals(kind: ExecutionKind, asUser?: string): Record<string, unknown> {
    const user = asUser ? { ...this.options.user, email: asUser } : this.options.user;
    const ledger = this.ledger;
    const token = workbenchOAuthToken(user.email);
    const urlFetch = new FakeUrlFetchApp({
      ledger,
      http: this.http,
      hubspotBaseUrl: this.sandbox.url,
      googleApis: googleApis({ mailbox: this.mailbox, calendar: this.calendar, now: () => this.clock.now() }),
      googleOAuthToken: token,
      allowlist: this.manifest.urlFetchWhitelist,
    });
    this.urlFetches.push(urlFetch);
    const scriptTimeZone = this.options.scriptTimeZone ?? 'Etc/UTC';
    return {
      // The manifest grants the full mail scope, which triggers use; card callbacks read the open message
      // with its current-message token, as add-ons are meant to.
      GmailApp: new FakeGmailApp(this.mailbox, ledger, this.clock, { requireMessageToken: kind === 'card' }),
      CalendarApp: new FakeCalendarApp(this.calendar, ledger, this.clock),
      SpreadsheetApp: new FakeSpreadsheetApp(this.spreadsheets, ledger, this.clock),
      Charts: FakeCharts,
      PropertiesService: new FakePropertiesService({
        ledger,
        stores: this.properties,
        userEmail: user.email,
      }),
      CacheService: new FakeCacheService({ ledger, stores: this.caches, userEmail: user.email }),
      LockService: new FakeLockService({ ledger, table: this.locks, userEmail: user.email }),
      ScriptApp: new FakeScriptApp({
        ledger,
        registry: this.triggers,
        userEmail: user.email,
        scriptId: SCRIPT_ID,
        scriptTimeZone,
        addOn: this.options.addOn ?? true,
      }),
      Session: new FakeSession({
        activeUserEmail: user.email,
        scriptId: SCRIPT_ID,
        scriptTimeZone,
        locale: user.locale,
      }),
      Utilities: new FakeUtilities({
        ledger,
        newUuid: this.options.deterministicIds === false ? undefined : () => deterministicUuid(++this.uuid),
      }),
      CardService: new FakeCardService(),
      UrlFetchApp: urlFetch,
      Logger: new FakeLogger(),
      console: quietConsole,
    };
  }

  /** One execution of an entry point; kind 'card' gets 30 s, 'trigger' 6 min. */
  run(functionName: string, kind: ExecutionKind, args: unknown[] = [], asUser?: string): unknown {
    return runExecution({
      ledger: this.ledger,
      locks: this.locks,
      kind,
      bundleCode: this.options.bundleCode,
      globals: this.globals(kind, asUser),
      functionName,
      args,
    });
  }

  hubspotState(): SandboxState {
    return this.admin('GET', 'state') as SandboxState;
  }

  hubspotRequests(): RequestLogEntry[] {
    return this.admin('GET', 'requests') as RequestLogEntry[];
  }

  setHubspotFaults(faults: FaultConfig): void {
    this.admin('POST', 'faults', faults);
  }

  addSubmission(formGuid: string, submission: unknown): void {
    this.admin('POST', `forms/${encodeURIComponent(formGuid)}/submissions`, submission);
  }

  private admin(method: string, path: string, body?: unknown): unknown {
    const [response] = this.http.requestAll(
      [
        {
          url: `${this.sandbox.url}/__sandbox/${path}`,
          method,
          headers: { 'content-type': 'application/json', 'x-workbench-now': String(this.clock.now()) },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
      ],
      10_000,
    );
    if (response.status >= 300)
      throw new Error(`sandbox admin ${method} ${path}: ${response.status} ${response.body}`);
    return response.body ? JSON.parse(response.body) : null;
  }

  async close(): Promise<void> {
    this.http.close();
    await this.sandbox.stop();
  }
}

/** The add-on's console.log lines are kept out of the story; Apps Script sends them to Cloud Logging. */
const quietConsole = {
  log: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function deterministicUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
