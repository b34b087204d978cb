// Scenario files: a world and the steps to run in it (format: docs/scenarios.md, schema:
// docs/scenario.schema.json). Loading validates the file and names the bad field and why.
import type { ModelScenario } from '../sandbox/model/gemini-sandbox';
import type { ModelSandboxOptions } from '../sandbox/model/model-server';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { zonedToEpoch } from '../../src/core/time-zone';
import type { CalendarEventState } from './fakes/calendar';
import type { CannedResponse } from './fakes/url-fetch';
import type { CloudProject } from './google-api-access';
import type { MailThreadState } from './fakes/gmail';
import { loadIcs } from './fakes/ics';
import type { FaultConfig } from '../sandbox/faults';
import type { SandboxSeed } from '../sandbox/types';

const SCHEMA_FILE = join(__dirname, '..', '..', 'docs', 'scenario.schema.json');

/** Every scope a HubSpot private app can be given for the endpoints the add-on uses. */
export const ALL_HUBSPOT_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
  'forms',
];

/** What every step may carry besides its kind. */
interface StepCommon {
  label?: string;
  /** The user who acts (default: the first user). */
  as?: string;
  /** Overlap: this step runs to completion in the middle of `during`, after its `afterCall`-th round trip. */
  during?: Step;
  afterCall?: number;
}

export type SettingsToSave = {
  shared?: Record<string, unknown>;
  user?: Record<string, unknown>;
  hubspotToken?: string;
};

export type Step = StepCommon &
  (
    | { open: string }
    | {
        press: string;
        nth?: number;
        choose?: Record<string, number | string[]>;
        inputs?: Record<string, string | string[]>;
      }
    | { homepage: 'gmail' | 'calendar' }
    | { compose: { to?: string[]; subject?: string } }
    | { calendarEvent: string }
    | { universal: string }
    | { poll: true }
    | { trigger: string }
    | { advance: string }
    | { hubspotFaults: FaultConfig }
    | { submit: { form: string; submission: RawSubmission } }
    | { person: 'sends latest draft' | 'deletes latest draft' }
    | { saveSettings: SettingsToSave }
  );

export interface TeamUser {
  email: string;
  name?: string;
  timeZone: string;
  locale?: string;
  /** That user's personal settings (Prospector preset). */
  settings?: Record<string, unknown>;
}

interface RawSubmission {
  conversionId?: string;
  submittedAt: number | string;
  values: Array<{ name: string; value: string | null }>;
  pageUrl?: string;
}

interface RawScenario {
  name: string;
  description?: string;
  now: string;
  user?: TeamUser;
  users?: TeamUser[];
  preset?: 'prospector' | 'none';
  addOn?: boolean;
  settings?: {
    hubspotToken?: string | null;
    admins?: string[];
    shared?: Record<string, unknown>;
    user?: Record<string, unknown>;
    createAuditSheet?: boolean;
    writerKey?: string | null;
  };
  model?: ModelScenario;
  hubspot?: Omit<SandboxSeed, 'forms'> & { forms?: Record<string, RawSubmission[]> };
  hubspotFaults?: FaultConfig;
  http?: CannedResponse[];
  cloudProject?: CloudProject;
  gmail?: { threads?: RawThread[] };
  calendar?: { ics?: string; events?: RawEvent[] };
  steps: Step[];
}

interface RawThread {
  id: string;
  mailbox?: string;
  labels?: string[];
  location?: MailThreadState['location'];
  messages: Array<{
    id: string;
    from: string;
    to: string;
    cc?: string;
    subject: string;
    date: string;
    body: string;
    sent?: boolean;
    unread?: boolean;
  }>;
}

interface RawEvent {
  id?: string;
  calendar?: string;
  title: string;
  start: string;
  end: string;
  allDay?: boolean;
  transparent?: boolean;
  myResponse?: CalendarEventState['myResponse'];
  guests?: string[];
  recurrence?: string[];
  timeZone?: string;
}

export interface Scenario {
  file: string;
  name: string;
  description: string;
  now: number;
  /** The first user: the default actor. */
  user: TeamUser;
  /** The whole team, first user first (absent: the one user). */
  users?: TeamUser[];
  /** Whose add-on specifics apply: Prospector's (settings, HubSpot, poll, saveSettings) or none. */
  preset?: 'prospector' | 'none' | null;
  addOn: boolean;
  settings: {
    hubspotToken: string | null;
    admins: string[];
    shared: Record<string, unknown>;
    user: Record<string, unknown> | null;
    createAuditSheet: boolean;
    /** The message writer's key (script property writer.key); null: none saved. */
    writerKey?: string | null;
  };
  /** The Gemini stand-in, when the writer is on or the scenario scripts a model. */
  model?: ModelSandboxOptions;
  hubspot: SandboxSeed;
  hubspotFaults?: FaultConfig;
  /** Canned answers for other hosts (UrlFetchApp). */
  http?: CannedResponse[];
  /** Which Google APIs the script's Cloud project enables; absent = gmail and calendar. */
  cloudProject?: CloudProject;
  threads: Array<MailThreadState & { mailbox?: string }>;
  calendarEvents: Array<CalendarEventState & { calendar?: string }>;
  steps: Step[];
}

export class ScenarioError extends Error {}

let validator: ReturnType<Ajv['compile']> | null = null;

function validate(data: unknown): void {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  }
  if (validator(data)) return;
  const errors = (validator.errors || []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  // For a step, "oneOf" reports every branch; the most useful error is the one on the deepest path.
  const best = (errors.length ? errors : validator.errors || []).sort(
    (a, b) => b.instancePath.length - a.instancePath.length,
  )[0];
  const path = best.instancePath ? best.instancePath.replace(/^\//, '').replace(/\//g, '.') : '(top level)';
  throw new ScenarioError(
    `Invalid scenario: ${path} ${best.message}${best.params && 'additionalProperty' in best.params ? ` ('${best.params.additionalProperty}')` : ''}`,
  );
}

/** "-3d", "+2h", "-90m", "-30s" relative to now, or an ISO date-time. */
export function timeOf(value: string | number, now: number, field: string): number {
  if (typeof value === 'number') return value;
  const offset = /^([+-])(\d+)(ms|s|m|h|d)$/.exec(value.trim());
  if (offset) return now + (offset[1] === '-' ? -1 : 1) * Number(offset[2]) * UNIT_MS[offset[3]];
  const parsed = Date.parse(value);
  if (!Number.isFinite(parsed))
    throw new ScenarioError(`Invalid scenario: ${field} '${value}' is not a date-time or an offset like -3d`);
  return parsed;
}

export const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new ScenarioError(`Invalid duration '${value}'`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

export function loadScenario(file: string): Scenario {
  const data = readWithBase(resolve(file), []) as unknown as RawScenario;
  validate(data);
  if (!data.now)
    throw new ScenarioError('Invalid scenario: now is required (here or in the file it extends)');
  if (!data.user && !data.users?.length)
    throw new ScenarioError('Invalid scenario: user or users is required (here or in the file it extends)');
  return normalise(data, resolve(file));
}

/** The file merged over the world of the file it extends (steps are never inherited). */
function readWithBase(file: string, seen: string[]): Record<string, unknown> {
  if (seen.includes(file)) throw new ScenarioError(`Invalid scenario: extends loops through ${file}`);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`Cannot read scenario ${file}: ${(error as Error).message}`);
  }
  if (typeof data.extends !== 'string') return data;
  const base = readWithBase(resolve(dirname(file), data.extends), [...seen, file]);
  delete base.steps;
  delete base.name;
  delete base.description;
  const { extends: _ignored, ...own } = data;
  return merge(base, own) as Record<string, unknown>;
}

function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalise(raw: RawScenario, file: string): Scenario {
  const now = timeOf(raw.now, 0, 'now');
  const users = raw.users?.length ? raw.users : [raw.user as TeamUser];
  const emails = new Set(users.map((u) => u.email.toLowerCase()));
  if (emails.size !== users.length) throw new ScenarioError('Invalid scenario: users lists an email twice');
  const known = (email: string | undefined, field: string) => {
    if (email !== undefined && !emails.has(email.toLowerCase()))
      throw new ScenarioError(`Invalid scenario: ${field} '${email}' is not one of the users`);
    return email;
  };
  const first = users[0];
  // A .ics path in an inherited world stays relative to the file that named it; worlds here share a folder.
  const zone = first.timeZone;
  const token =
    raw.settings?.hubspotToken === undefined
      ? 'pat-na1-workbench-0000-0000-000000000000'
      : raw.settings.hubspotToken;
  const hubspot: NonNullable<RawScenario['hubspot']> = raw.hubspot || { portalId: 1000001, tokens: {} };
  const forms: SandboxSeed['forms'] = {};
  let generated = 0;
  for (const [guid, submissions] of Object.entries(hubspot.forms || {})) {
    forms[guid] = submissions.map((s, i) => ({
      conversionId: s.conversionId ?? `conv-${guid.slice(0, 8)}-${++generated}`,
      submittedAt: timeOf(s.submittedAt, now, `hubspot.forms.${guid}.${i}.submittedAt`),
      values: s.values.map((v) => ({ name: v.name, value: v.value === null ? '' : v.value })),
      pageUrl: s.pageUrl,
    }));
  }
  const seed: SandboxSeed = {
    ...hubspot,
    tokens:
      hubspot.tokens ||
      (token ? { [token]: { portalId: hubspot.portalId, scopes: ALL_HUBSPOT_SCOPES } } : {}),
    forms,
    now,
  };
  const threads: Scenario['threads'] = (raw.gmail?.threads || []).map((t, ti) => ({
    id: t.id,
    mailbox: known(t.mailbox, `gmail.threads.${ti}.mailbox`),
    labels: t.labels || [],
    location: t.location,
    messages: t.messages.map((m, mi) => ({
      id: m.id,
      from: m.from,
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      date: timeOf(m.date, now, `gmail.threads.${ti}.messages.${mi}.date`),
      plainBody: m.body,
      isSent: m.sent === true,
      unread: m.unread === true,
      accessToken: `message-token-${m.id}`,
    })),
  }));
  const calendarEvents: Scenario['calendarEvents'] = (raw.calendar?.events || []).map((e, i) => {
    const owner = known(e.calendar, `calendar.events.${i}.calendar`);
    const ownerZone = owner
      ? users.find((u) => u.email.toLowerCase() === owner.toLowerCase())!.timeZone
      : zone;
    return { ...eventOf(e, i, ownerZone, now), calendar: owner };
  });
  if (raw.calendar?.ics) {
    const text = readFileSync(resolve(dirname(file), raw.calendar.ics), 'utf8');
    const loaded = loadIcs(text, {
      userEmail: first.email,
      window: { start: now - 86_400_000, end: now + 120 * 86_400_000 },
      timeZone: zone,
    });
    calendarEvents.push(...loaded.events);
  }
  const result: Scenario = {
    file,
    name: raw.name,
    description: raw.description || '',
    now,
    user: first,
    // Only a team scenario lists users: a one-user scenario's user stays the one to change in code.
    users: raw.users?.length ? users : undefined,
    preset: raw.preset ?? null,
    addOn: raw.addOn !== false,
    settings: {
      hubspotToken: token,
      admins: raw.settings?.admins || [first.email],
      shared: raw.settings?.shared || {},
      user: raw.settings?.user || null,
      createAuditSheet: raw.settings?.createAuditSheet !== false,
      writerKey: raw.settings?.writerKey ?? null,
    },
    model: modelOf(raw),
    hubspot: seed,
    hubspotFaults: raw.hubspotFaults,
    http: raw.http,
    cloudProject: raw.cloudProject,
    threads,
    calendarEvents,
    steps: raw.steps,
  };
  checkActors(result.steps, emails);
  return result;
}

/** A model sandbox when the scenario scripts one or turns the writer on; its key is the saved one. */
function modelOf(raw: RawScenario): ModelSandboxOptions | undefined {
  const writer = raw.settings?.shared?.writer as { enabled?: unknown } | undefined;
  if (!raw.model && !(writer && writer.enabled === true)) return undefined;
  return { ...raw.model, key: raw.model?.key ?? raw.settings?.writerKey ?? WORKBENCH_WRITER_KEY };
}

/** A key nobody saved: a scenario with the writer on but no writerKey is refused by the model. */
const WORKBENCH_WRITER_KEY = 'AIza-workbench-key-not-saved-000000000000';

/** Every `as` names a user of the world. */
function checkActors(steps: Step[], emails: Set<string>, path = 'steps'): void {
  steps.forEach((step, i) => {
    if (step.as !== undefined && !emails.has(step.as.toLowerCase()))
      throw new ScenarioError(`Invalid scenario: ${path}.${i}.as '${step.as}' is not one of the users`);
    if (step.during) checkActors([step.during], emails, `${path}.${i}.during`);
  });
}

function eventOf(e: RawEvent, index: number, zone: string, now: number): CalendarEventState {
  const field = `calendar.events.${index}`;
  const at = (value: string, name: string) => {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (date)
      return zonedToEpoch({ year: +date[1], month: +date[2], day: +date[3], hour: 0, minute: 0 }, zone);
    return timeOf(value, now, `${field}.${name}`);
  };
  const start = at(e.start, 'start');
  const end = at(e.end, 'end');
  if (end <= start) throw new ScenarioError(`Invalid scenario: ${field}.end must be after start`);
  return {
    id: e.id || `event-${index + 1}`,
    title: e.title,
    start,
    end,
    allDay: e.allDay,
    transparent: e.transparent,
    myResponse: e.myResponse,
    guests: e.guests,
    recurrence: e.recurrence,
    timeZone: e.timeZone,
  };
}
