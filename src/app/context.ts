// Wires one execution: the Apps Script services behind the core's ports, the settings, the audit trail.
// Everything is created lazily, so an execution only pays for the services it uses.
import { AuditTrail } from '../core/audit-trail';
import type { Crm } from '../core/ports';
import type { UserSettings } from '../core/settings';
import { AppsScriptHttp } from '../services/apps-script-http';
import { appsScriptClock, appsScriptHasher, newId } from '../services/apps-script-clock';
import type { WriterPorts } from '../core/lead-writer';
import { GeminiWriter } from '../services/gemini-writer';
import { GmailMailbox } from '../services/gmail-mailbox';
import { GmailRestSearch } from '../services/gmail-rest';
import { GoogleCalendar } from '../services/google-calendar';
import { HubSpotCrm } from '../services/hubspot/hubspot-crm';
import { RetryingHttp } from '../services/hubspot/retrying-http';
import { readTeamConfig, readUserSettings } from '../services/settings-store';
import type { TeamConfig } from '../services/settings-store';
import { SheetAuditLog } from '../services/sheet-audit-log';
import { PropertiesStore, ScriptLock } from '../services/stores';

/** Apps Script gives add-on callbacks 30 s and triggers 6 min; we stop well before either. */
export const CARD_BUDGET_MS = 20_000;
export const TRIGGER_BUDGET_MS = 4.5 * 60_000;
/** A card callback waits at most this long for the script lock; then the queue waits for the next drain. */
export const CARD_LOCK_WAIT_MS = 1_000;

export class AppContext {
  readonly startedAt = Date.now();
  readonly clock = appsScriptClock;
  readonly hasher = appsScriptHasher;
  readonly newId = newId;
  private cached: { team?: TeamConfig; user?: UserSettings; crm?: Crm | null; http?: RetryingHttp } = {};
  private trail: AuditTrail | null = null;
  readonly scriptStore = new PropertiesStore(PropertiesService.getScriptProperties());
  readonly userStore = new PropertiesStore(PropertiesService.getUserProperties());
  /** Excludes every user's executions: held only around short shared writes (the audit chain, settings). */
  readonly scriptLock = new ScriptLock(LockService.getScriptLock());
  /** Excludes this user's other executions: their poll runs and their own state. */
  readonly userLock = new ScriptLock(LockService.getUserLock());
  readonly mailbox: GmailMailbox;
  readonly mailSearch = new GmailRestSearch(() => ScriptApp.getOAuthToken());
  readonly calendar = new GoogleCalendar(
    () => ScriptApp.getOAuthToken(),
    () => this.user.slotRules.tentativeIsBusy,
  );

  constructor(
    readonly kind: 'card' | 'trigger',
    readonly userEmail: string = currentUserEmail(kind),
  ) {
    this.mailbox = new GmailMailbox(userEmail, {
      http: () => this.http,
      oauthToken: () => ScriptApp.getOAuthToken(),
      store: this.userStore,
    });
  }

  get deadline(): number {
    return this.startedAt + (this.kind === 'card' ? CARD_BUDGET_MS : TRIGGER_BUDGET_MS);
  }

  get timeZone(): string {
    return Session.getScriptTimeZone();
  }

  get team(): TeamConfig {
    if (!this.cached.team) this.cached.team = readTeamConfig(this.scriptStore);
    return this.cached.team;
  }

  set team(value: TeamConfig) {
    this.cached.team = value;
  }

  get user(): UserSettings {
    if (!this.cached.user) {
      this.cached.user = readUserSettings(
        this.userStore,
        this.team.templates.map((t) => t.id),
      );
    }
    return this.cached.user;
  }

  set user(value: UserSettings) {
    this.cached.user = value;
  }

  /** Only the listed admins: nobody is an admin until someone who can edit the script names one (admins.ts). */
  get isAdmin(): boolean {
    return this.team.admins.indexOf(this.userEmail) >= 0;
  }

  get http(): RetryingHttp {
    if (!this.cached.http)
      this.cached.http = new RetryingHttp(new AppsScriptHttp(), this.clock, () => this.deadline);
    return this.cached.http;
  }

  /** null when no token is set: callers show the way to Settings instead of failing. */
  get crm(): Crm | null {
    if (this.cached.crm === undefined) {
      const token = this.team.token;
      this.cached.crm = token ? new HubSpotCrm(this.http, token) : null;
    }
    return this.cached.crm;
  }

  /** The message writer's model: null unless an admin turned it on and saved its key. */
  get writer(): WriterPorts | null {
    const { shared, writerKey, token } = this.team;
    if (!shared.writer || !shared.writer.enabled || !writerKey) return null;
    // Not the retrying HubSpot transport: a 429 from the model is the writer's to handle (core/writer.ts).
    const model = new GeminiWriter(new AppsScriptHttp(), writerKey, shared.writer.model);
    return { model, secrets: [writerKey].concat(token ? [token] : []) };
  }

  audit(actor = this.userEmail): AuditTrail {
    if (!this.trail) this.trail = new AuditTrail(this.clock, actor, this.newId());
    return this.trail;
  }

  /** The audit trail's queue and, for the sheet's owner, its drain (services/sheet-audit-log.ts). */
  auditLog(): SheetAuditLog {
    return new SheetAuditLog({
      spreadsheetId: this.team.shared.auditSpreadsheetId,
      timeZone: this.timeZone,
      hasher: this.hasher,
      scriptStore: this.scriptStore,
      lock: this.scriptLock,
      clock: this.clock,
      secrets: [this.team.token, this.team.writerKey].filter((s): s is string => !!s),
      lockWaitMs: this.kind === 'card' ? CARD_LOCK_WAIT_MS : 10_000,
      storeBytes: () => this.scriptStore.loadedBytes(),
    });
  }
}

/**
 * Who this execution works for. A card callback runs as the user at the screen (the active user). A
 * time-driven trigger runs as the user who created it, and Apps Script may withhold the active user's
 * email there, so triggers ask for the effective user
 * (https://developers.google.com/apps-script/reference/base/session#geteffectiveuser).
 */
function currentUserEmail(kind: 'card' | 'trigger'): string {
  const user = kind === 'trigger' ? Session.getEffectiveUser() : Session.getActiveUser();
  return user.getEmail().toLowerCase();
}
