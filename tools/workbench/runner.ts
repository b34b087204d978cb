// Runs a scenario's steps against an Apps Script project in a World, the way Gmail and Calendar would drive
// an add-on: each step kind maps onto the project's manifest (its homepage, contextual, compose, event-open
// triggers and universal actions), every user keeps the card stack they see, and buttons are pressed by
// their text with the card's own form inputs. Nothing here names one add-on's functions: what is specific
// to Prospector (its settings, HubSpot, the poll) lives in presets/prospector.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEventObject } from './event-object';
import type { CalendarEventObject, DraftRecipients, EventManifest, FormInput } from './event-object';
import type { MailMessageState, MailThreadState } from './fakes/gmail';
import { validateCardJson, validateResponseJson } from './card-schema';
import type { Preset } from './preset';
import { prospectorPreset } from './presets/prospector';
import { bundleProject } from './project';
import { checkReturnType } from './return-types';
import type { CallbackSite } from './return-types';
import type { AddOnsManifest, Manifest, Project } from './project';
import { durationMs } from './scenario';
import { composeDraftMetadata } from './scopes';
import type { Scenario, Step } from './scenario';
import type { PressInputs, StepResult } from './step-result';
import { World } from './world';

export type { PressInputs, StepResult };

const ROOT = join(__dirname, '..', '..');
type Json = Record<string, unknown>;

export interface RunResult {
  scenario: string;
  startedAt: number;
  finishedAt: number;
  steps: StepResult[];
  world: World;
}

export interface Screen {
  host: 'GMAIL' | 'CALENDAR';
  stack: Json[];
  /** The message open in Gmail, if any: action events carry it. */
  message: { messageId: string; threadId: string; accessToken: string } | null;
  calendarEvent: Json | null;
  /** True when the card stack belongs to a compose window. */
  composing: boolean;
  /** The draft's metadata the host passes (only with draftAccess METADATA). */
  draft: Json | null;
}

const EMPTY_SCREEN: Screen = {
  host: 'GMAIL',
  stack: [],
  message: null,
  calendarEvent: null,
  composing: false,
  draft: null,
};

export function loadBundle(): string {
  return readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8');
}

export class ScenarioRunner {
  readonly world: World;
  readonly results: StepResult[] = [];
  readonly project: Project;
  readonly preset: Preset | null;
  private readonly screens = new Map<string, Screen>();
  /** The user acting in the step being performed. */
  private actor: string;

  constructor(
    readonly scenario: Scenario,
    project: Project | string = loadBundle(),
  ) {
    this.project = typeof project === 'string' ? bundleProject(project) : project;
    const users = scenario.users?.length ? scenario.users : [scenario.user];
    this.actor = users[0].email;
    this.world = new World({
      project: this.project,
      now: scenario.now,
      users: users.map(({ email, name, timeZone, locale }) => ({ email, name, timeZone, locale })),
      addOn: scenario.addOn,
      hubspot: scenario.hubspot,
      hubspotFaults: scenario.hubspotFaults,
      http: scenario.http,
      cloudProject: scenario.cloudProject,
      model: scenario.model,
      threads: scenario.threads,
      calendarEvents: scenario.calendarEvents,
    });
    this.preset = presetFor(scenario, this.project);
    if (this.preset) {
      this.preset.prepare(this);
      // Setup steps are not part of the story.
      this.results.length = 0;
      this.screens.clear();
    }
  }

  get manifest(): Manifest {
    return this.project.manifest;
  }

  /** The user acting now (a step's `as`, else the first user). */
  get actingUser(): string {
    return this.actor;
  }

  screen(email = this.actor): Screen {
    const key = email.toLowerCase();
    let screen = this.screens.get(key);
    if (!screen) {
      screen = { ...EMPTY_SCREEN };
      this.screens.set(key, screen);
    }
    return screen;
  }

  private setScreen(screen: Screen): void {
    this.screens.set(this.actor.toLowerCase(), screen);
  }

  runAll(): StepResult[] {
    this.scenario.steps.forEach((step) => this.step(step));
    return this.results;
  }

  step(step: Step): StepResult {
    if (step.during) return this.overlap(step);
    const previousActor = this.actor;
    this.actor = step.as || this.world.user.email;
    const before = this.world.ledger.calls.length;
    // Calls of an execution overlapping this one (one level deeper) are that step's, not this one's.
    const ownDepth = this.world.ledger.depth + 1;
    const startedAt = this.world.clock.now();
    const result: StepResult = {
      index: this.results.length + 1,
      label: step.label || describeStep(step),
      kind: stepKind(step),
      user: this.actor,
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
    const stack = this.screen().stack;
    result.card = stack.length ? stack[stack.length - 1] : null;
    result.roundTrips = this.world.ledger.calls
      .slice(before)
      .filter((c) => c.roundTrip && c.depth === ownDepth)
      .map((c) => ({ service: c.service, method: c.method, latencyMs: c.latencyMs }));
    result.modelledMs = this.world.clock.now() - startedAt;
    this.results.push(result);
    this.actor = previousActor;
    return result;
  }

  /**
   * `{...inner, during: outer, afterCall: k}`: the outer step runs; when it is about to make its (k+1)-th
   * round trip (counted over all the executions the step runs, e.g. opening Settings then pressing Save),
   * the inner step runs to completion, then the outer carries on. Both are recorded, the inner first (it
   * finished first).
   */
  private overlap(step: Step): StepResult {
    const { during: outer, afterCall, ...inner } = step;
    const k = afterCall ?? 0;
    const ledger = this.world.ledger;
    const previous = ledger.beforeCall;
    const depth = ledger.depth;
    let calls = 0;
    let fired = false;
    ledger.beforeCall = (call) => {
      previous?.(call);
      if (fired || ledger.depth !== depth + 1) return;
      if (calls++ !== k) return;
      fired = true;
      ledger.beforeCall = previous;
      const result = this.step(inner as Step);
      result.label = `${result.label} (during "${outer!.label || describeStep(outer!)}", after its call ${k})`;
    };
    let outerResult: StepResult;
    try {
      outerResult = this.step(outer as Step);
    } finally {
      ledger.beforeCall = previous;
    }
    outerResult.index = this.results.indexOf(outerResult) + 1;
    if (!fired && !outerResult.error)
      outerResult.error = `overlap: the step made only ${outerResult.roundTrips.length} round trip(s); afterCall ${k} never came`;
    return outerResult;
  }

  private perform(step: Step, result: StepResult): void {
    if ('open' in step) return this.openMessage(step.open, result);
    if ('press' in step) return this.press(step.press, step, result);
    if ('homepage' in step) return this.homepage(step.homepage, result);
    if ('compose' in step) return this.compose(step.compose, result);
    if ('calendarEvent' in step) return this.openCalendarEvent(step.calendarEvent, result);
    if ('universal' in step) return this.universal(step.universal, result);
    if ('trigger' in step) {
      result.returned = this.call(step.trigger, 'trigger', undefined, result);
      return;
    }
    if ('advance' in step) {
      this.world.clock.advance(durationMs(step.advance));
      return;
    }
    if ('person' in step) return this.person(step.person, result);
    if (this.preset && this.preset.perform(this, step, result)) return;
    throw new Error(
      `step ${JSON.stringify(step)} needs ${this.preset ? 'a kind this runner knows' : 'an add-on preset (this project has none)'}`,
    );
  }

  // ---- steps mapped onto the manifest ------------------------------------------------------------------

  homepage(host: 'gmail' | 'calendar', result: StepResult): void {
    const addOns = this.manifest.addOns || {};
    const own = host === 'calendar' ? addOns.calendar?.homepageTrigger : addOns.gmail?.homepageTrigger;
    const trigger = own && own.enabled !== false ? own : addOns.common?.homepageTrigger;
    if (!trigger || trigger.enabled === false || !trigger.runFunction)
      throw new Error(
        `the manifest declares no ${host} homepage trigger (addOns.${host}.homepageTrigger or addOns.common.homepageTrigger)`,
      );
    this.setScreen({ ...EMPTY_SCREEN, host: host === 'calendar' ? 'CALENDAR' : 'GMAIL' });
    this.showCards(
      this.call(trigger.runFunction, 'card', this.event({}), result, { kind: 'homepage' }),
      result,
    );
  }

  private openMessage(messageId: string, result: StepResult): void {
    const found = findMessage(this.world.mailboxOf(this.actor).threads, messageId);
    if (!found) throw new Error(`no message ${messageId} in ${this.actor}'s mailbox`);
    const trigger = (gmailManifest(this.manifest)?.contextualTriggers || [])[0];
    if (!trigger)
      throw new Error('the manifest declares no Gmail contextual trigger (addOns.gmail.contextualTriggers)');
    this.setScreen({
      ...EMPTY_SCREEN,
      message: { messageId, threadId: found.thread.id, accessToken: found.message.accessToken || '' },
    });
    this.showCards(
      this.call(trigger.onTriggerFunction, 'card', this.event({}), result, { kind: 'contextual' }),
      result,
    );
  }

  private compose(draft: { to?: string[]; subject?: string; action?: string }, result: StepResult): void {
    const actions = gmailManifest(this.manifest)?.composeTrigger?.selectActions || [];
    const wanted = draft.action?.trim().toLowerCase();
    const action = wanted ? actions.find((a) => a.text.trim().toLowerCase() === wanted) : actions[0];
    if (!action)
      throw new Error(
        wanted
          ? `the compose trigger has no action '${draft.action}' (it has: ${actions.map((a) => a.text).join(', ')})`
          : 'the manifest declares no compose trigger (addOns.gmail.composeTrigger.selectActions)',
      );
    // Recipients reach the add-on only with draftAccess METADATA and its scope (scopes.ts).
    const metadata = composeDraftMetadata(this.manifest, {
      toRecipients: draft.to || [],
      subject: draft.subject || '',
    });
    this.setScreen({ ...EMPTY_SCREEN, composing: true, draft: metadata });
    this.showCards(
      this.call(action.runFunction, 'card', this.event({}), result, { kind: 'compose' }),
      result,
    );
  }

  private openCalendarEvent(eventId: string, result: StepResult): void {
    const event = this.world.calendarOf(this.actor).events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no calendar event ${eventId} in ${this.actor}'s calendar`);
    const trigger = this.manifest.addOns?.calendar?.eventOpenTrigger;
    if (!trigger)
      throw new Error(
        'the manifest declares no Calendar event-open trigger (addOns.calendar.eventOpenTrigger)',
      );
    const calendar = {
      id: event.id,
      calendarId: 'primary',
      organizer: { email: this.actor },
      attendees: [{ email: this.actor, self: true, organizer: true }].concat(
        (event.guests || []).map((email) => ({ email, self: false, organizer: false })),
      ),
    };
    this.setScreen({ ...EMPTY_SCREEN, host: 'CALENDAR', calendarEvent: calendar });
    this.showCards(
      this.call(trigger.runFunction, 'card', this.event({}), result, { kind: 'eventOpen' }),
      result,
    );
  }

  universal(label: string, result: StepResult): void {
    const actions = this.manifest.addOns?.common?.universalActions || [];
    const action = actions.find((a) => a.label.toLowerCase() === label.toLowerCase());
    if (!action)
      throw new Error(
        `no universal action '${label}' (the manifest has: ${actions.map((a) => a.label).join(', ') || 'none'})`,
      );
    if (action.openLink) {
      result.openedLink = action.openLink;
      return;
    }
    this.handleResponse(
      this.call(String(action.runFunction), 'card', this.event({}), result, { kind: 'universal' }),
      result,
      true,
    );
  }

  press(text: string, how: PressInputs, result: StepResult): void {
    const card = this.currentCard();
    if (!card) throw new Error(`no card on screen to press '${text}' on`);
    const button = findButton(card, text, how.nth);
    if (!button)
      throw new Error(`no button '${text}' on the card (buttons: ${buttonTexts(card).join(', ')})`);
    const onClick = button.onClick as Json;
    if (onClick.openLink) {
      result.openedLink = String((onClick.openLink as Json).url);
      return;
    }
    const action = (onClick.action || onClick.openDynamicLinkAction) as Json;
    const parameters: Record<string, string> = {};
    for (const p of (action.parameters as Array<{ key: string; value: string }>) || [])
      parameters[p.key] = p.value;
    const formInputs = collectInputs(card, how.choose || {}, how.inputs || {}, how.clear || []);
    const e = this.event({ parameters, formInputs });
    const site = {
      kind: 'button' as const,
      composeAction: Boolean(onClick['x-workbench-composedEmailType']),
      composeCard: this.screen().composing,
    };
    this.handleResponse(this.call(String(action.function), 'card', e, result, site), result, false);
  }

  currentCard(): Json | undefined {
    const stack = this.screen().stack;
    return stack[stack.length - 1];
  }

  private person(what: 'sends latest draft' | 'deletes latest draft', result: StepResult): void {
    const mailbox = this.world.mailboxOf(this.actor);
    const record = [...mailbox.drafts].sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!record) throw new Error(`${this.actor} has no draft to act on`);
    const thread = mailbox.threads.find((t) => t.id === record.threadId) as MailThreadState;
    const message = thread.messages.find((m) => m.id === record.messageId) as MailMessageState;
    mailbox.drafts.splice(mailbox.drafts.indexOf(record), 1);
    if (what === 'sends latest draft') {
      // The person presses Send in Gmail: the draft becomes a sent message (the add-on never does this).
      message.isDraft = false;
      message.isSent = true;
      message.date = this.world.clock.now();
      result.notification = `${this.actor} sent the draft to ${message.to} from Gmail`;
    } else {
      thread.messages.splice(thread.messages.indexOf(message), 1);
      result.notification = `${this.actor} deleted the draft to ${message.to} in Gmail`;
    }
  }

  /** The event object the host passes (event-object.ts): host, the user's zone and locale, the open item. */
  private event(extra: { parameters?: Record<string, string>; formInputs?: Json }): Json {
    const screen = this.screen();
    return buildEventObject({
      manifest: this.manifest as EventManifest,
      host: screen.host,
      user: this.world.profileOf(this.actor),
      now: this.world.clock.now(),
      parameters: extra.parameters,
      formInputs: extra.formInputs as Record<string, FormInput> | undefined,
      gmail: screen.message || undefined,
      draftMetadata: (screen.draft || undefined) as DraftRecipients | undefined,
      calendar: (screen.calendarEvent || undefined) as CalendarEventObject | undefined,
    });
  }

  /**
   * Runs a global function of the project as the acting user. A callback's return type is checked against
   * the kind of callback that ran (return-types.ts), as the host refuses a wrong one.
   */
  call(
    functionName: string,
    kind: 'card' | 'trigger',
    e: Json | undefined,
    result: StepResult,
    site?: Omit<CallbackSite, 'functionName'>,
  ): unknown {
    result.functionName = functionName;
    const returned = this.world.run(functionName, kind, e === undefined ? [] : [e], this.actor);
    if (site) checkReturnType({ ...site, functionName }, returned);
    return plain(returned);
  }

  private showCards(returned: unknown, result: StepResult): void {
    const cards = (Array.isArray(returned) ? returned : [returned]).filter(Boolean) as Json[];
    cards.forEach(validateCardJson);
    result.returned = cards;
    this.screen().stack = cards.length ? [cards[0]] : [];
  }

  /** Applies an action response the way Gmail does: navigation, notification, link, compose, draft update. */
  private handleResponse(returned: unknown, result: StepResult, universal: boolean): void {
    result.returned = returned;
    if (returned) validateResponseJson(returned);
    const response = (returned || {}) as Json;
    const compose = response['x-workbench-composeActionResponse'] as Json | undefined;
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
    const screen = this.screen();
    if (universal && navigations.length) screen.stack = [];
    for (const nav of navigations) {
      if (nav.pushCard) screen.stack.push(nav.pushCard as Json);
      else if (nav.updateCard) screen.stack[Math.max(0, screen.stack.length - 1)] = nav.updateCard as Json;
      else if (nav.pop) screen.stack.pop();
      else if (nav.popToRoot) screen.stack = screen.stack.slice(0, 1);
      else if (nav.popToCard) popToCard(screen, String(nav.popToCard));
    }
  }
}

/**
 * The Gmail part of the manifest: `addOns.gmail`, or the top-level `gmail` of the older Gmail add-on
 * manifest that published Gmail samples still use (https://developers.google.com/apps-script/manifest/gmail-addons).
 */
function gmailManifest(manifest: Manifest): AddOnsManifest['gmail'] {
  return manifest.addOns?.gmail ?? (manifest.gmail as AddOnsManifest['gmail']);
}

/**
 * The scenario's preset: the one it names, else Prospector's for Prospector's own project (its manifest's
 * add-on name), else none.
 */
function presetFor(scenario: Scenario, project: Project): Preset | null {
  if (scenario.preset === 'none') return null;
  if (scenario.preset === 'prospector') return prospectorPreset;
  return project.manifest.addOns?.common?.name === 'Prospector' ? prospectorPreset : null;
}

function stepKind(step: Step): string {
  return Object.keys(step).filter((k) => !['label', 'as', 'during', 'afterCall'].includes(k))[0];
}

/** popToCard: back to the card of that name, as the host does (the top of the stack if none has it). */
function popToCard(screen: Screen, name: string): void {
  const index = screen.stack.map((card) => card.name).lastIndexOf(name);
  if (index >= 0) screen.stack = screen.stack.slice(0, index + 1);
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

/**
 * The card's form inputs as the host would send them: defaults first, then the step's choices, typed
 * values and cleared switches.
 */
function collectInputs(
  card: Json,
  choose: Record<string, number | string[]>,
  typed: Record<string, string | string[]>,
  clear: string[],
): Json {
  const values = new Map<string, string[]>();
  const pickers = new Map<string, string>();
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
      const picker = widget.dateTimePicker as Json | undefined;
      if (picker) {
        pickers.set(String(picker.name), String(picker.type));
        if (picker.valueMsEpoch !== undefined) values.set(String(picker.name), [String(picker.valueMsEpoch)]);
      }
    }
  }
  for (const [name, value] of Object.entries(typed)) values.set(name, Array.isArray(value) ? value : [value]);
  for (const name of clear) values.delete(name);
  const formInputs: Json = {};
  for (const [name, list] of values) {
    formInputs[name] = pickerInput(pickers.get(name), list[0]) || { stringInputs: { value: list } };
  }
  return formInputs;
}

/**
 * A picker's value as Google sends it: a DatePicker as dateInput (the day at midnight UTC), a TimePicker
 * as timeInput {hours, minutes} (https://developers.google.com/workspace/add-ons/concepts/event-objects#date-input,
 * #time-input). A step may type "2026-03-12" or "08:30"; a value no picker could send stays text, so a
 * test can still show what the add-on does with it.
 */
function pickerInput(type: string | undefined, value: string | undefined): Json | null {
  if (!type || value === undefined) return null;
  if (type === 'DATE_ONLY') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const ms = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : Number(value);
    return Number.isFinite(ms) && ms % 86_400_000 === 0 ? { dateInput: { msSinceEpoch: String(ms) } } : null;
  }
  if (type === 'TIME_ONLY') {
    const time = /^(\d{1,2}):(\d{2})$/.exec(value);
    const minutes = time ? Number(time[1]) * 60 + Number(time[2]) : Number(value) / 60_000;
    if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) return null;
    return { timeInput: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
  }
  return null;
}

export function describeStep(step: Step): string {
  const who = step.as ? `${step.as}: ` : '';
  if ('open' in step) return `${who}Open message ${step.open} in Gmail`;
  if ('press' in step) return `${who}Press "${step.press}"`;
  if ('homepage' in step) return `${who}Open the ${step.homepage} homepage`;
  if ('compose' in step) return `${who}Open the compose add-on while writing a draft`;
  if ('calendarEvent' in step) return `${who}Open calendar event ${step.calendarEvent}`;
  if ('universal' in step) return `${who}Universal action "${step.universal}"`;
  if ('poll' in step) return `${who}The poll trigger runs`;
  if ('trigger' in step) return `${who}Trigger ${step.trigger} runs`;
  if ('advance' in step) return `${step.advance} pass`;
  if ('hubspotFaults' in step) return 'HubSpot starts misbehaving';
  if ('submit' in step) return `A form submission arrives on ${step.submit.form}`;
  if ('person' in step) return `${step.as || 'The user'} ${step.person}`;
  if ('saveSettings' in step) return `${who}Save settings`;
  return 'step';
}
