// One simulated world: the state behind every Apps Script fake, the HubSpot sandbox (a real HTTP server in a
// worker thread), the simulated clock and the call ledger. run() executes one entry point of the real
// bundle in a fresh bare vm context, as Apps Script starts each execution anew.
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
import type { CannedResponse } from './fakes/url-fetch';
import { FakeUtilities } from './fakes/utilities';
import { googleApis } from './google-apis';
import { DEFAULT_CLOUD_PROJECT, withGoogleAccessChecks } from './google-api-access';
import type { CloudProject } from './google-api-access';
import { scopeChecked } from './scopes';
import { runExecution } from './bundle-runner';
import type { Manifest, Project } from './project';
import { CallLedger, SimClock } from './runtime';
import type { ExecutionKind } from './runtime';
import { join } from 'node:path';
import { createSyncHttp } from './sync-http';
import type { SyncHttp } from './sync-http';
import { startSandboxWorker, startServerWorker } from '../sandbox/worker-host';
import type { ModelLogEntry } from '../sandbox/model/gemini-sandbox';
import type { ModelSandboxOptions } from '../sandbox/model/model-server';
import type { SandboxWorker } from '../sandbox/worker-host';
import type { FaultConfig } from '../sandbox/faults';
import type { RateLimits } from '../sandbox/rate-limit';
import type { SandboxSeed, SandboxState } from '../sandbox/types';
import type { RequestLogEntry } from '../sandbox/sandbox';

const SCRIPT_ID = 'workbench-script';

/** Sandboxes of closed worlds, reseeded for the next one (see World.sandboxFor). */
const idleSandboxes: SandboxWorker[] = [];
const IDLE_SANDBOXES = 2;

/** One person in the world: a rep, an admin or a reviewer of the same Workspace domain. */
export interface UserProfile {
  email: string;
  name?: string;
  timeZone: string;
  locale?: string;
}

export interface WorldOptions {
  /** The Apps Script project every execution loads (dist/ for Prospector). */
  project: Project;
  now: number;
  /** Everyone who uses the add-on; the first is the default actor. Each has a mailbox and a calendar. */
  users: UserProfile[];
  scriptTimeZone?: string;
  addOn?: boolean;
  hubspot: SandboxSeed;
  hubspotFaults?: FaultConfig;
  hubspotRateLimits?: Partial<RateLimits>;
  /** Threads with `mailbox` (an email) go to that user's mailbox; the rest to the first user's. */
  threads: Array<MailThreadState & { mailbox?: string }>;
  /** Events with `calendar` (an email) go to that user's calendar; the rest to the first user's. */
  calendarEvents: Array<CalendarEventState & { calendar?: string }>;
  /** Deterministic ids (Utilities.getUuid) so runs of one scenario compare line by line. */
  deterministicIds?: boolean;
  /** Canned answers for hosts other than HubSpot and Google's APIs (scenario field `http`). */
  http?: CannedResponse[];
  /** Which Google APIs the script's Cloud project enables (scenario field `cloudProject`). */
  cloudProject?: CloudProject;
  /** The Gemini stand-in's script (scenario field `model`); absent: the Gemini host is unreachable. */
  model?: ModelSandboxOptions;
}

/** What belongs to one user: their Gmail and their primary calendar. */
interface UserSpace {
  profile: UserProfile;
  mailbox: MailboxState;
  calendar: CalendarState;
}

export class World {
  readonly clock: SimClock;
  readonly ledger: CallLedger;
  readonly spreadsheets: SpreadsheetsState;
  readonly properties = new PropertyStores();
  readonly caches = new CacheStores();
  readonly locks = new LockTable();
  readonly triggers = new TriggerRegistry();
  readonly urlFetches: FakeUrlFetchApp[] = [];
  readonly manifest: Manifest;
  private readonly spaces = new Map<string, UserSpace>();
  private readonly http: SyncHttp;
  private readonly sandbox: SandboxWorker;
  /** Started by the first model request only: a world whose add-on never asks a model pays nothing. */
  private modelSandbox: SandboxWorker | null = null;
  private uuid = 0;
  private closed = false;

  constructor(readonly options: WorldOptions) {
    if (!options.users.length) throw new Error('A world needs at least one user');
    this.clock = new SimClock(options.now);
    this.ledger = new CallLedger(this.clock);
    this.manifest = options.project.manifest;
    for (const profile of options.users) this.addUser(profile);
    for (const thread of options.threads) {
      const { mailbox: owner, ...state } = thread;
      this.space(owner).mailbox.threads.push(state);
      for (const label of state.labels)
        if (!this.space(owner).mailbox.labels.includes(label)) this.space(owner).mailbox.labels.push(label);
    }
    for (const event of options.calendarEvents) {
      const { calendar: owner, ...state } = event;
      this.space(owner).calendar.events.push(state);
    }
    this.spreadsheets = createSpreadsheetsState(this.user.email);
    this.http = createSyncHttp();
    this.sandbox = this.sandboxFor(options);
  }

  /**
   * A HubSpot sandbox for this world: a closed world's, reseeded, when one is idle (starting a worker
   * thread costs a quarter of a second, and sweeps make hundreds of worlds), else a new one. A world with
   * its own rate limits gets its own.
   */
  private sandboxFor(options: WorldOptions): SandboxWorker {
    const idle = options.hubspotRateLimits ? undefined : idleSandboxes.pop();
    if (idle) {
      try {
        this.admin('POST', 'seed', options.hubspot, idle.url);
        this.admin('POST', 'faults', options.hubspotFaults ?? {}, idle.url);
        idle.worker.ref();
        return idle;
      } catch {
        void idle.stop();
      }
    }
    return startSandboxWorker({
      seed: options.hubspot,
      faults: options.hubspotFaults,
      rateLimits: options.hubspotRateLimits,
    });
  }

  private addUser(profile: UserProfile): UserSpace {
    const key = profile.email.toLowerCase();
    if (this.spaces.has(key)) throw new Error(`The world has two users ${profile.email}`);
    const space = {
      profile,
      mailbox: createMailboxState({ userEmail: profile.email, userName: profile.name }),
      calendar: createCalendarState({ ownerEmail: profile.email, timeZone: profile.timeZone }),
    };
    this.spaces.set(key, space);
    return space;
  }

  private space(email?: string): UserSpace {
    if (!email) return this.spaces.values().next().value as UserSpace;
    const space = this.spaces.get(email.toLowerCase());
    if (!space)
      throw new Error(`${email} is not a user of this world (users: ${this.userEmails().join(', ')})`);
    return space;
  }

  /** The default actor: the first user. */
  get user(): UserProfile {
    return this.space().profile;
  }

  userEmails(): string[] {
    return [...this.spaces.values()].map((s) => s.profile.email);
  }

  profileOf(email?: string): UserProfile {
    return this.space(email).profile;
  }

  /** The first user's mailbox; mailboxOf(email) for anyone's. */
  get mailbox(): MailboxState {
    return this.space().mailbox;
  }

  get calendar(): CalendarState {
    return this.space().calendar;
  }

  mailboxOf(email?: string): MailboxState {
    return this.space(email).mailbox;
  }

  calendarOf(email?: string): CalendarState {
    return this.space(email).calendar;
  }

  /** Every user's mailbox and calendar, in the order users were declared. */
  everyone(): Array<{ profile: UserProfile; mailbox: MailboxState; calendar: CalendarState }> {
    return [...this.spaces.values()];
  }

  get hubspotUrl(): string {
    return this.sandbox.url;
  }

  /**
   * The Apps Script globals one execution of `email` sees: their own mailbox, calendar, user properties,
   * user cache and user lock; the script's properties, script lock, triggers registry and Drive are shared.
   */
  private globals(kind: ExecutionKind, email?: string): Record<string, unknown> {
    const { profile: user, mailbox, calendar } = this.space(email);
    const ledger = this.ledger;
    const token = workbenchOAuthToken(user.email);
    const urlFetch = new FakeUrlFetchApp({
      ledger,
      http: this.http,
      hubspotBaseUrl: this.sandbox.url,
      googleApis: withGoogleAccessChecks(
        this.options.cloudProject ?? DEFAULT_CLOUD_PROJECT,
        this.manifest,
        googleApis({ mailbox, calendar, now: () => this.clock.now() }),
      ),
      googleOAuthToken: token,
      allowlist: this.manifest.urlFetchWhitelist,
      canned: this.options.http,
      modelBaseUrl: () => this.modelUrl(),
    });
    this.urlFetches.push(urlFetch);
    const scriptTimeZone = this.options.scriptTimeZone ?? this.manifest.timeZone ?? 'Etc/UTC';
    // Each service refuses a method whose scope the manifest's oauthScopes lacks (scopes.ts).
    const checked = <T extends object>(service: string, fake: T): T =>
      scopeChecked(service, fake, this.manifest);
    return {
      // The manifest grants the full mail scope, which triggers use; card callbacks read the open message
      // with its current-message token, as add-ons are meant to.
      GmailApp: checked(
        'GmailApp',
        new FakeGmailApp(mailbox, ledger, this.clock, { requireMessageToken: kind === 'card' }),
      ),
      CalendarApp: checked('CalendarApp', new FakeCalendarApp(calendar, ledger, this.clock)),
      SpreadsheetApp: checked(
        'SpreadsheetApp',
        new FakeSpreadsheetApp(this.spreadsheets, ledger, this.clock, user.email),
      ),
      Charts: FakeCharts,
      PropertiesService: new FakePropertiesService({
        ledger,
        stores: this.properties,
        userEmail: user.email,
      }),
      CacheService: new FakeCacheService({ ledger, stores: this.caches, userEmail: user.email }),
      LockService: new FakeLockService({ ledger, table: this.locks, userEmail: user.email }),
      ScriptApp: checked(
        'ScriptApp',
        new FakeScriptApp({
          ledger,
          registry: this.triggers,
          userEmail: user.email,
          scriptId: SCRIPT_ID,
          scriptTimeZone,
          addOn: this.options.addOn ?? true,
        }),
      ),
      Session: checked(
        'Session',
        new FakeSession({
          userEmail: user.email,
          executionKind: kind,
          scriptId: SCRIPT_ID,
          scriptTimeZone,
          locale: user.locale,
          now: () => this.clock.now(),
        }),
      ),
      Utilities: new FakeUtilities({
        ledger,
        newUuid: this.options.deterministicIds === false ? undefined : () => deterministicUuid(++this.uuid),
      }),
      CardService: new FakeCardService(),
      UrlFetchApp: checked('UrlFetchApp', urlFetch),
      Logger: new FakeLogger(),
      console: quietConsole,
    };
  }

  /** One execution of an entry point by a user (default: the first); kind 'card' gets 30 s, 'trigger' 6 min. */
  run(functionName: string, kind: ExecutionKind, args: unknown[] = [], asUser?: string): unknown {
    return runExecution({
      ledger: this.ledger,
      locks: this.locks,
      kind,
      project: this.options.project,
      globals: this.globals(kind, asUser),
      functionName,
      args,
    });
  }

  private modelUrl(): string | null {
    if (!this.options.model) return null;
    if (!this.modelSandbox)
      this.modelSandbox = startServerWorker(
        join(__dirname, '../sandbox/model/model-worker-entry.ts'),
        this.options.model,
        'model sandbox',
      );
    return this.modelSandbox.url;
  }

  /** Every request the model sandbox answered (none when nothing asked it). */
  modelRequests(): ModelLogEntry[] {
    if (!this.modelSandbox) return [];
    const [response] = this.http.requestAll(
      [{ url: `${this.modelSandbox.url}/__model/requests`, method: 'GET', headers: {} }],
      10_000,
    );
    return JSON.parse(response.body) as ModelLogEntry[];
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

  private admin(method: string, path: string, body?: unknown, base = this.sandbox.url): unknown {
    const [response] = this.http.requestAll(
      [
        {
          url: `${base}/__sandbox/${path}`,
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
    if (this.closed) return;
    this.closed = true;
    this.http.close();
    if (this.modelSandbox) await this.modelSandbox.stop();
    if (!this.options.hubspotRateLimits && idleSandboxes.length < IDLE_SANDBOXES) {
      // Kept for the next world; an idle one does not keep the process alive.
      this.sandbox.worker.unref();
      idleSandboxes.push(this.sandbox);
      return;
    }
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
