// Runs a scenario's steps against the real bundle in a World, the way Gmail would drive the add-on: it
// calls the manifest's triggers with Gmail-shaped event objects, keeps the card stack the user sees, and
// presses buttons by their text with the card's own form inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateShared, validateUser } from '../../src/core/settings';
import type { FaultConfig } from '../sandbox/faults';
import type { MailMessageState, MailThreadState } from './fakes/gmail';
import { durationMs, timeOf } from './scenario';
import { composeDraftMetadata } from './scopes';
import type { Scenario, Step } from './scenario';
import { World } from './world';

const ROOT = join(__dirname, '..', '..');
type Json = Record<string, unknown>;

export interface StepResult {
  index: number;
  label: string;
  kind: string;
  functionName: string | null;
  /** The card on screen after the step (card JSON), if any. */
  card: Json | null;
  notification: string | null;
  openedLink: string | null;
  /** The draft Gmail opened (compose action response). */
  openedDraft: { draftId: string; threadId: string } | null;
  insertedText: string | null;
  /** What the entry point returned (card or response JSON, or a value for timers). */
  returned: unknown;
  roundTrips: Array<{ service: string; method: string; latencyMs: number }>;
  modelledMs: number;
  error: string | null;
}

export interface RunResult {
  scenario: string;
  startedAt: number;
  finishedAt: number;
  steps: StepResult[];
  world: World;
}

interface Screen {
  host: 'GMAIL' | 'CALENDAR';
  stack: Json[];
  /** The message open in Gmail, if any: action events carry it. */
  message: { messageId: string; threadId: string; accessToken: string } | null;
  calendarEvent: Json | null;
}

export function loadBundle(): string {
  return readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8');
}

export class ScenarioRunner {
  readonly world: World;
  readonly results: StepResult[] = [];
  private screen: Screen = { host: 'GMAIL', stack: [], message: null, calendarEvent: null };

  constructor(
    readonly scenario: Scenario,
    bundleCode: string = loadBundle(),
  ) {
    this.world = new World({
      bundleCode,
      now: scenario.now,
      user: scenario.user,
      addOn: scenario.addOn,
      hubspot: scenario.hubspot,
      hubspotFaults: scenario.hubspotFaults,
      http: scenario.http,
      cloudProject: scenario.cloudProject,
      threads: scenario.threads,
      calendarEvents: scenario.calendarEvents,
    });
    this.prepare();
  }

  /** The settings an admin saved before the story starts, then (optionally) the audit sheet, made by the add-on. */
  private prepare(): void {
    const { settings, user } = this.scenario;
    const script = this.world.properties.script;
    const shared = validateShared(settings.shared, { allowSubHourly: !this.scenario.addOn });
    if (!shared.ok)
      throw new Error(
        `Invalid scenario: settings.shared: ${shared.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      );
    script.set('settings.shared', JSON.stringify(shared.value));
    if (settings.hubspotToken) script.set('hubspot.token', settings.hubspotToken);
    script.set('admins', settings.admins.join(','));
    if (settings.user) {
      const personal = validateUser(settings.user);
      if (!personal.ok)
        throw new Error(
          `Invalid scenario: settings.user: ${personal.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
        );
      this.world.properties.user(user.email).set('settings.user', JSON.stringify(personal.value));
    }
    if (settings.createAuditSheet) {
      this.step({ label: 'Setup: the admin creates the audit sheet', universal: 'Settings' });
      this.step({ label: 'Setup: the admin creates the audit sheet', press: 'Create audit sheet' });
      for (const r of this.results)
        if (r.error || process.env.WORKBENCH_DEBUG)
          console.error('setup:', r.label, r.error, JSON.stringify(r.card).slice(0, 400));
      this.results.length = 0;
      this.screen = { host: 'GMAIL', stack: [], message: null, calendarEvent: null };
    }
  }

  runAll(): StepResult[] {
    this.scenario.steps.forEach((step) => this.step(step));
    return this.results;
  }

  step(step: Step): StepResult {
    const before = this.world.ledger.calls.length;
    const startedAt = this.world.clock.now();
    const result: StepResult = {
      index: this.results.length + 1,
      label: step.label || describeStep(step),
      kind: Object.keys(step).filter((k) => k !== 'label')[0],
      functionName: null,
      card: null,
      notification: null,
      openedLink: null,
      openedDraft: null,
      insertedText: null,
      returned: null,
      roundTrips: [],
      modelledMs: 0,
      error: null,
    };
    try {
      this.perform(step, result);
    } catch (error) {
      result.error = (error as Error).message || String(error);
    }
    result.card = this.screen.stack.length ? this.screen.stack[this.screen.stack.length - 1] : null;
    result.roundTrips = this.world.ledger.calls
      .slice(before)
      .filter((c) => c.roundTrip)
      .map((c) => ({ service: c.service, method: c.method, latencyMs: c.latencyMs }));
    result.modelledMs = this.world.clock.now() - startedAt;
    this.results.push(result);
    return result;
  }

  private perform(step: Step, result: StepResult): void {
    if ('open' in step) return this.openMessage(step.open, result);
    if ('press' in step) return this.press(step, result);
    if ('homepage' in step) {
      this.screen = {
        host: step.homepage === 'calendar' ? 'CALENDAR' : 'GMAIL',
        stack: [],
        message: null,
        calendarEvent: null,
      };
      const fn = step.homepage === 'calendar' ? 'onCalendarHomepage' : 'onHomepage';
      return this.showCards(this.call(fn, 'card', this.event({}), result), result);
    }
    if ('compose' in step) {
      // Recipients reach the trigger only with draftAccess METADATA and its scope (scopes.ts).
      const draftMetadata = composeDraftMetadata(this.world.manifest, {
        toRecipients: step.compose.to || [],
        subject: step.compose.subject || '',
      });
      const e = this.event(draftMetadata ? { draftMetadata } : {});
      this.screen.stack = [];
      return this.showCards(this.call('onGmailCompose', 'card', e, result), result);
    }
    if ('calendarEvent' in step) return this.openCalendarEvent(step.calendarEvent, result);
    if ('universal' in step) return this.universal(step.universal, result);
    if ('poll' in step) {
      result.returned = this.call('pollSubmissions', 'trigger', undefined, result);
      return;
    }
    if ('trigger' in step) {
      result.returned = this.call(step.trigger, 'trigger', undefined, result);
      return;
    }
    if ('advance' in step) {
      this.world.clock.advance(durationMs(step.advance));
      return;
    }
    if ('hubspotFaults' in step) {
      this.world.setHubspotFaults(step.hubspotFaults as FaultConfig);
      return;
    }
    if ('submit' in step) {
      const s = step.submit.submission;
      const now = this.world.clock.now();
      this.world.addSubmission(step.submit.form, {
        conversionId: s.conversionId ?? `conv-live-${now}`,
        submittedAt: timeOf(s.submittedAt, now, 'submit.submission.submittedAt'),
        values: s.values.map((v) => ({ name: v.name, value: v.value ?? '' })),
        pageUrl: s.pageUrl,
      });
      return;
    }
    if ('person' in step) return this.person(step.person, result);
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }

  private openMessage(messageId: string, result: StepResult): void {
    const found = findMessage(this.world.mailbox.threads, messageId);
    if (!found) throw new Error(`no message ${messageId} in the mailbox`);
    this.screen = {
      host: 'GMAIL',
      stack: [],
      message: { messageId, threadId: found.thread.id, accessToken: found.message.accessToken || '' },
      calendarEvent: null,
    };
    this.showCards(this.call('onGmailMessageOpen', 'card', this.event({}), result), result);
  }

  private openCalendarEvent(eventId: string, result: StepResult): void {
    const event = this.world.calendar.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no calendar event ${eventId}`);
    const calendar = {
      id: event.id,
      calendarId: 'primary',
      organizer: { email: this.scenario.user.email },
      attendees: [{ email: this.scenario.user.email, self: true, organizer: true }].concat(
        (event.guests || []).map((email) => ({ email, self: false, organizer: false })),
      ),
    };
    this.screen = { host: 'CALENDAR', stack: [], message: null, calendarEvent: calendar };
    this.showCards(this.call('onCalendarEventOpen', 'card', this.event({ calendar }), result), result);
  }

  private universal(label: string, result: StepResult): void {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
    const action = (
      manifest.addOns.common.universalActions as Array<{ label: string; runFunction: string }>
    ).find((a) => a.label.toLowerCase() === label.toLowerCase());
    if (!action) throw new Error(`no universal action '${label}'`);
    this.handleResponse(this.call(action.runFunction, 'card', this.event({}), result), result, true);
  }

  private press(step: Extract<Step, { press: string }>, result: StepResult): void {
    const card = this.screen.stack[this.screen.stack.length - 1];
    if (!card) throw new Error(`no card on screen to press '${step.press}' on`);
    const button = findButton(card, step.press, step.nth);
    if (!button)
      throw new Error(`no button '${step.press}' on the card (buttons: ${buttonTexts(card).join(', ')})`);
    const onClick = button.onClick as Json;
    if (onClick.openLink) {
      result.openedLink = String((onClick.openLink as Json).url);
      return;
    }
    const action = (onClick.action || onClick.openDynamicLinkAction) as Json;
    const parameters: Record<string, string> = {};
    for (const p of (action.parameters as Array<{ key: string; value: string }>) || [])
      parameters[p.key] = p.value;
    const formInputs = collectInputs(card, step.choose || {}, step.inputs || {});
    const e = this.event({ parameters, formInputs });
    this.handleResponse(this.call(String(action.function), 'card', e, result), result, false);
  }

  private person(what: 'sends latest draft' | 'deletes latest draft', result: StepResult): void {
    const mailbox = this.world.mailbox;
    const record = [...mailbox.drafts].sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!record) throw new Error('there is no draft to act on');
    const thread = mailbox.threads.find((t) => t.id === record.threadId) as MailThreadState;
    const message = thread.messages.find((m) => m.id === record.messageId) as MailMessageState;
    mailbox.drafts.splice(mailbox.drafts.indexOf(record), 1);
    if (what === 'sends latest draft') {
      // The person presses Send in Gmail: the draft becomes a sent message (the add-on never does this).
      message.isDraft = false;
      message.isSent = true;
      message.date = this.world.clock.now();
      result.notification = `The user sent the draft to ${message.to} from Gmail`;
    } else {
      thread.messages.splice(thread.messages.indexOf(message), 1);
      result.notification = `The user deleted the draft to ${message.to} in Gmail`;
    }
  }

  /** The event object Gmail or Calendar passes: host, user's zone and locale, the open message. */
  private event(extra: {
    parameters?: Record<string, string>;
    formInputs?: Json;
    draftMetadata?: Json;
    calendar?: Json;
  }): Json {
    const { user } = this.scenario;
    const e: Json = {
      commonEventObject: {
        hostApp: this.screen.host,
        platform: 'WEB',
        timeZone: { id: user.timeZone, offset: 0 },
        userLocale: (user.locale || 'en-US').replace('-', '_'),
        parameters: extra.parameters || {},
        formInputs: extra.formInputs || {},
      },
    };
    if (this.screen.message) e.gmail = { ...this.screen.message };
    if (extra.draftMetadata) e.draftMetadata = extra.draftMetadata;
    if (extra.calendar || this.screen.calendarEvent) e.calendar = extra.calendar || this.screen.calendarEvent;
    return e;
  }

  private call(
    functionName: string,
    kind: 'card' | 'trigger',
    e: Json | undefined,
    result: StepResult,
  ): unknown {
    result.functionName = functionName;
    const returned = this.world.run(functionName, kind, e === undefined ? [] : [e]);
    return plain(returned);
  }

  private showCards(returned: unknown, result: StepResult): void {
    const cards = (Array.isArray(returned) ? returned : [returned]).filter(Boolean) as Json[];
    result.returned = cards;
    this.screen.stack = cards.length ? [cards[0]] : [];
  }

  /** Applies an action response the way Gmail does: navigation, notification, link, compose, draft update. */
  private handleResponse(returned: unknown, result: StepResult, universal: boolean): void {
    result.returned = returned;
    const response = (returned || {}) as Json;
    const compose = response.composeActionResponse as Json | undefined;
    if (compose) {
      const draft = compose.gmailDraft as { draftId: string; threadId: string };
      result.openedDraft = draft;
      return;
    }
    const render = (response.renderActions || {}) as Json;
    const hostAction = render.hostAppAction as Json | undefined;
    if (hostAction) {
      const markup = ((hostAction.gmailAction as Json) || {}).updateDraftActionMarkup as Json;
      const body = markup && (markup.updateBody as Json);
      result.insertedText = body
        ? ((body.insertContents as Json[]) || []).map((c) => String(c.content)).join('')
        : null;
      return;
    }
    const action = (render.action || {}) as Json;
    if (action.notification) result.notification = String((action.notification as Json).text);
    if (action.link) result.openedLink = String((action.link as Json).url);
    const navigations = (action.navigations as Json[]) || [];
    if (universal && navigations.length) this.screen.stack = [];
    for (const nav of navigations) {
      if (nav.pushCard) this.screen.stack.push(nav.pushCard as Json);
      else if (nav.updateCard)
        this.screen.stack[Math.max(0, this.screen.stack.length - 1)] = nav.updateCard as Json;
      else if (nav.popCard) this.screen.stack.pop();
      else if (nav.popToRoot) this.screen.stack = this.screen.stack.slice(0, 1);
    }
  }
}

/** Cards and responses as JSON (the fakes' objects carry .json). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && 'json' in (value as Json))
    return JSON.parse(JSON.stringify((value as Json).json));
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function findMessage(
  threads: MailThreadState[],
  id: string,
): { thread: MailThreadState; message: MailMessageState } | null {
  for (const thread of threads) {
    const message = thread.messages.find((m) => m.id === id);
    if (message) return { thread, message };
  }
  return null;
}

/** Every button of a card: button lists, decorated texts' buttons and the fixed footer. */
export function cardButtons(card: Json): Json[] {
  const buttons: Json[] = [];
  for (const section of (card.sections as Json[]) || []) {
    for (const widget of (section.widgets as Json[]) || []) {
      if (widget.buttonList) buttons.push(...(((widget.buttonList as Json).buttons as Json[]) || []));
      const decorated = widget.decoratedText as Json | undefined;
      if (decorated && decorated.button) buttons.push(decorated.button as Json);
    }
  }
  const footer = card.fixedFooter as Json | undefined;
  if (footer)
    for (const key of ['primaryButton', 'secondaryButton'])
      if (footer[key]) buttons.push(footer[key] as Json);
  return buttons.filter((b) => b.onClick);
}

function buttonTexts(card: Json): string[] {
  return cardButtons(card).map((b) => String(b.text || b.altText || '?'));
}

/** The nth (1-based) button with this text: a homepage lists one Discard per draft. */
function findButton(card: Json, text: string, nth = 1): Json | undefined {
  const wanted = text.trim().toLowerCase();
  return cardButtons(card).filter(
    (b) =>
      String(b.text || b.altText || '')
        .trim()
        .toLowerCase() === wanted,
  )[nth - 1];
}

/** The card's form inputs as Gmail would send them: defaults first, then the step's choices and typed values. */
function collectInputs(
  card: Json,
  choose: Record<string, number | string[]>,
  typed: Record<string, string | string[]>,
): Json {
  const values = new Map<string, string[]>();
  for (const section of (card.sections as Json[]) || []) {
    for (const widget of (section.widgets as Json[]) || []) {
      const selection = widget.selectionInput as Json | undefined;
      if (selection) {
        const items = (selection.items as Json[]) || [];
        const name = String(selection.name);
        const pick = choose[name];
        let chosen: Json[];
        if (typeof pick === 'number') chosen = items.slice(0, pick);
        else if (Array.isArray(pick))
          chosen = items.filter((i) => pick.includes(String(i.value)) || pick.includes(String(i.text)));
        else chosen = items.filter((i) => i.selected);
        values.set(
          name,
          chosen.map((i) => String(i.value)),
        );
      }
      const input = widget.textInput as Json | undefined;
      if (input && input.value !== undefined) values.set(String(input.name), [String(input.value)]);
      const decorated = widget.decoratedText as Json | undefined;
      const control = decorated && (decorated.switchControl as Json | undefined);
      if (control && control.selected) values.set(String(control.name), [String(control.value ?? 'on')]);
    }
  }
  for (const [name, value] of Object.entries(typed)) values.set(name, Array.isArray(value) ? value : [value]);
  const formInputs: Json = {};
  for (const [name, list] of values) formInputs[name] = { stringInputs: { value: list } };
  return formInputs;
}

export function describeStep(step: Step): string {
  if ('open' in step) return `Open message ${step.open} in Gmail`;
  if ('press' in step) return `Press "${step.press}"`;
  if ('homepage' in step) return `Open the ${step.homepage} homepage`;
  if ('compose' in step) return 'Open "Insert my free times" while composing';
  if ('calendarEvent' in step) return `Open calendar event ${step.calendarEvent}`;
  if ('universal' in step) return `Universal action "${step.universal}"`;
  if ('poll' in step) return 'The poll trigger runs';
  if ('trigger' in step) return `Trigger ${step.trigger} runs`;
  if ('advance' in step) return `${step.advance} pass`;
  if ('hubspotFaults' in step) return 'HubSpot starts misbehaving';
  if ('submit' in step) return `A form submission arrives on ${step.submit.form}`;
  if ('person' in step) return `The user ${step.person}`;
  return 'step';
}
