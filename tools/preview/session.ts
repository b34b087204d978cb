// One dev-page session: a ScenarioRunner driven by what the user clicks, and the page's view of the world
// after each step (card, notification, opened draft, drafts, audit sheet, HubSpot records).
import type { SandboxState } from '../sandbox/types';
import { collectOutcome } from '../workbench/outcome';
import type { DraftOutcome } from '../workbench/outcome';
import { cardButtons, ScenarioRunner } from '../workbench/runner';
import type { StepResult } from '../workbench/runner';
import type { Scenario, Step } from '../workbench/scenario';
import { renderHubspot } from './hubspot-view';
import { fullDate, renderCompose, renderDrafts, renderThreadList, renderThreadView } from './mail-view';
import type { MailViewContext } from './mail-view';
import { renderCard } from './render-card';
import { dashboardOf, renderAuditQueue, renderAuditTable, renderDashboard } from './sheet-view';
import type { DashboardView } from './sheet-view';

type Json = Record<string, unknown>;

/** What the page shows of the last step. */
export interface StepView {
  label: string;
  kind: string;
  functionName: string | null;
  notification: string | null;
  openedLink: string | null;
  openedDraft: { draftId: string; threadId: string } | null;
  insertedText: string | null;
  error: string | null;
  modelledMs: number;
  roundTrips: number;
}

export interface PreviewState {
  /** Counts steps, so the page can tell a fresh state from the one it shows. */
  version: number;
  scenario: { name: string; file: string; description: string };
  user: { email: string; name?: string; timeZone: string };
  now: string;
  nowText: string;
  openThreadId: string | null;
  last: StepView | null;
  card: Json | null;
  drafts: DraftOutcome[];
  audit: { header: string[]; rows: string[][] };
  dashboard: DashboardView | null;
  hubspot: SandboxState['records'];
  html: {
    threads: string;
    message: string;
    sidebar: string;
    drafts: string;
    audit: string;
    hubspot: string;
    /** A compose window per draft id. */
    compose: Record<string, string>;
  };
}

/** A step from the page: a press may name the button by its index in cardButtons() of the card shown. */
export type PageStep = Step & { button?: number };

function viewOf(result: StepResult): StepView {
  return {
    label: result.label,
    kind: result.kind,
    functionName: result.functionName,
    notification: result.notification,
    openedLink: result.openedLink,
    openedDraft: result.openedDraft,
    insertedText: result.insertedText,
    error: result.error,
    modelledMs: result.modelledMs,
    roundTrips: result.roundTrips.length,
  };
}

function refusal(label: string, error: string): StepView {
  return {
    label,
    kind: 'press',
    functionName: null,
    notification: null,
    openedLink: null,
    openedDraft: null,
    insertedText: null,
    error,
    modelledMs: 0,
    roundTrips: 0,
  };
}

export class PreviewSession {
  readonly runner: ScenarioRunner;
  private openThreadId: string | null = null;
  private last: StepView | null = null;
  private version = 0;

  constructor(
    readonly scenario: Scenario,
    bundleCode: string,
  ) {
    this.runner = new ScenarioRunner(scenario, bundleCode);
  }

  /** Runs one step (synchronously: the world's services answer from a worker thread). */
  step(step: PageStep): StepView {
    this.version += 1;
    const refused = 'press' in step ? this.checkPress(step) : null;
    if (refused) return (this.last = refused);
    const { button: _button, ...plain } = step as PageStep & { button?: number };
    const result = this.runner.step(plain as Step);
    if ('open' in step && !result.error) this.opened(step.open);
    if ('homepage' in step) this.openThreadId = null;
    return (this.last = viewOf(result));
  }

  /**
   * The runner presses the first button with the given text. When the page pressed another button with
   * that text and a different action (e.g. "Discard" on the second of two drafts), it refuses rather than
   * run the wrong action.
   */
  private checkPress(step: Extract<PageStep, { press: string }>): StepView | null {
    if (typeof step.button !== 'number') return null;
    const card = this.currentCard();
    const buttons = card ? cardButtons(card) : [];
    const pressed = buttons[step.button];
    const label = `Press "${step.press}"`;
    if (!pressed) return refusal(label, `There is no button ${step.button} on the card shown.`);
    const text = (b: Json) =>
      String(b.text || b.altText || '')
        .trim()
        .toLowerCase();
    if (text(pressed) !== step.press.trim().toLowerCase())
      return refusal(label, `Button ${step.button} is "${String(pressed.text)}", not "${step.press}".`);
    const first = buttons.find((b) => text(b) === text(pressed)) as Json;
    if (JSON.stringify(first.onClick) !== JSON.stringify(pressed.onClick))
      return refusal(
        label,
        `The workbench runner presses buttons by their text, and this card has several "${step.press}" buttons that do different things; it would press the first one. Not pressed.`,
      );
    return null;
  }

  /** Opening a conversation in Gmail marks it read. */
  private opened(messageId: string): void {
    const thread = this.runner.world.mailbox.threads.find((t) => t.messages.some((m) => m.id === messageId));
    if (!thread) return;
    this.openThreadId = thread.id;
    for (const message of thread.messages) message.unread = false;
  }

  private currentCard(): Json | null {
    const results = this.runner.results;
    return results.length ? results[results.length - 1].card : null;
  }

  state(): PreviewState {
    const world = this.runner.world;
    const { user } = this.scenario;
    const outcome = collectOutcome(world, this.runner.results, this.scenario.name, this.scenario.now);
    const hubspot = world.hubspotState();
    const dashboard = dashboardOf(world.spreadsheets);
    const context: MailViewContext = {
      userEmail: user.email,
      timeZone: user.timeZone,
      now: world.clock.now(),
    };
    const thread = world.mailbox.threads.find((t) => t.id === this.openThreadId) || null;
    const card = this.currentCard();
    return {
      version: this.version,
      scenario: {
        name: this.scenario.name,
        file: this.scenario.file,
        description: this.scenario.description,
      },
      user: { email: user.email, name: user.name, timeZone: user.timeZone },
      now: new Date(world.clock.now()).toISOString(),
      nowText: fullDate(world.clock.now(), user.timeZone),
      openThreadId: this.openThreadId,
      last: this.last,
      card,
      drafts: outcome.drafts,
      audit: outcome.audit,
      dashboard,
      hubspot: hubspot.records,
      html: {
        threads: renderThreadList(world.mailbox.threads, this.openThreadId, context),
        message: renderThreadView(thread, context),
        sidebar: renderCard(card),
        drafts: renderDrafts(outcome.drafts, user.timeZone),
        audit:
          (dashboard
            ? renderDashboard(dashboard)
            : '<p class="note">The Dashboard tab is empty until the daily maintenance trigger builds it (Daily maintenance, at the top).</p>') +
          renderAuditQueue(outcome.auditQueued, user.timeZone) +
          renderAuditTable(outcome.audit),
        hubspot: renderHubspot(hubspot, this.scenario.now),
        compose: Object.fromEntries(outcome.drafts.map((d) => [d.draftId, renderCompose(d)])),
      },
    };
  }

  /** Stops the world's worker threads (the HubSpot sandbox and the sync HTTP bridge). */
  close(): Promise<void> {
    return this.runner.world.close();
  }
}
