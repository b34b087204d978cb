// The add-on's homepage in Gmail and Calendar as a review queue: one row per draft waiting for the user
// (tap it to open the draft; Discard asks first and names the person), the leads that need attention, one
// status line, and "Check for new leads now" in the fixed footer. Nothing is listed twice. Times are in the
// user's zone.
import type { DraftAwaitingReview, HomeView, NewLead, SetupState } from '../core/home-view';
import { ACTIONS } from './actions';
import { threadLink } from './lead-card';
import { newLeadsSections } from './new-leads-section';
import { timesHeading } from './times-to-offer';
import {
  button,
  buttonRow,
  card,
  collapsibleSection,
  dayTimeLabel,
  footer,
  hint,
  iconButton,
  iconLine,
  paragraph,
  section,
} from './widgets';
import type { Card, Section, Widget } from './widgets';

const MAX_DRAFTS = 60;
const MAX_LEADS = 50;
const MAX_SLOTS = 20;

export interface HomeCardOptions {
  /** Sections drawn above everything else (the "new leads since" banner). */
  leadingSections?: Section[];
}

export function homeCard(view: HomeView, options: HomeCardOptions = {}): Card {
  const sections: Section[] = [...(options.leadingSections || [])];
  if (view.arrivals)
    sections.push(...newLeadsSections(view.arrivals.banner, view.userTimeZone, view.arrivals.now));
  const top: Widget[] = [];
  if (view.notice) top.push(paragraph(view.notice));
  top.push(hint(statusLine(view)));
  sections.push(section(null, top));
  const checklist = setupChecklist(view.setup);
  if (checklist.length) {
    sections.push(
      section('Finish setting up', [...checklist, button('Open settings', ACTIONS.openSettings)]),
    );
  }
  sections.push(section(draftsHeading(view.drafts.length), draftWidgets(view)));
  if (view.attention.length) sections.push(section('Needs attention', attentionWidgets(view)));
  if (view.host === 'calendar') sections.push(section(timesHeading(view.userTimeZone), slotWidgets(view)));
  sections.push(
    collapsibleSection('More', [
      buttonRow([button('Verify audit trail', ACTIONS.verifyAudit)]),
      hint('Prospector only prepares drafts. You review and send.'),
    ]),
  );
  return card(
    {
      title: 'Prospector',
      subtitle: view.userEmail,
      name: 'home',
      footer: footer(
        button('Check for new leads now', ACTIONS.pollNow, {}, { primary: true }),
        button('Settings', ACTIONS.openSettings),
      ),
    },
    sections,
  );
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

function draftsHeading(count: number): string {
  return count ? `Drafts to review (${count})` : 'Drafts to review';
}

/** One line: how much is waiting, and when leads were last checked. */
function statusLine(view: HomeView): string {
  const waiting = [
    view.drafts.length
      ? plural(view.drafts.length, 'draft to review', 'drafts to review')
      : 'No drafts to review',
    view.attention.length
      ? plural(view.attention.length, 'lead needs attention', 'leads need attention')
      : null,
  ]
    .filter(Boolean)
    .join(', ');
  const checked = view.lastPoll
    ? `last checked ${dayTimeLabel(view.lastPoll.at, view.userTimeZone, null)}`
    : 'not checked for new leads yet';
  return `${waiting} · ${checked}`;
}

/** One line per missing piece; [] once everything is in place. */
function setupChecklist(setup: SetupState): Widget[] {
  const missing: string[] = [];
  if (!setup.hasToken) missing.push('Connect HubSpot: add a private app access token.');
  if (!setup.hasAuditSheet) missing.push('Create or attach the audit sheet.');
  if (setup.formCount === 0) missing.push('Choose the HubSpot forms to watch for new leads.');
  if (!setup.pollerEnabled) missing.push('Turn on automatic checks for new leads.');
  if (!missing.length) return [];
  const widgets: Widget[] = missing.map((line) => paragraph(`☐ ${line}`));
  if (!setup.isAdmin) widgets.push(hint('These are team settings: ask an admin to complete them.'));
  return widgets;
}

/** The name a row and its Discard button use: the person's name, else their address. */
function who(draft: DraftAwaitingReview): string {
  return draft.name || draft.to || '(no recipient)';
}

function draftWidgets(view: HomeView): Widget[] {
  const drafts = view.drafts;
  if (!drafts.length) return [paragraph('Nothing to review. New leads get a draft here.')];
  const widgets: Widget[] = drafts.slice(0, MAX_DRAFTS).map((draft) =>
    iconLine('EMAIL', `Draft to ${who(draft)}`, who(draft), {
      bottomLabel: [
        draft.company,
        draft.sourceForm || 'Reply from Gmail',
        dayTimeLabel(draft.preparedAt, view.userTimeZone, null),
      ]
        .filter(Boolean)
        .join(' · '),
      // Gmail has no stable URL for one draft; its thread opens with the draft in it.
      link: threadLink(draft.threadId, view.userEmail),
      button: iconButton('delete', `Discard draft to ${who(draft)}`, ACTIONS.discardDraft, {
        draftId: draft.draftId,
        to: who(draft),
      }),
    }),
  );
  if (drafts.length > MAX_DRAFTS) {
    widgets.push(hint(`${plural(drafts.length - MAX_DRAFTS, 'more draft', 'more drafts')} in Gmail.`));
  }
  return widgets;
}

function attentionWidgets(view: HomeView): Widget[] {
  const widgets: Widget[] = view.attention.slice(0, MAX_LEADS).map((lead: NewLead) =>
    iconLine(
      'DESCRIPTION',
      `Lead without a draft: ${lead.email || lead.conversionId}`,
      lead.email || '(no email address given)',
      {
        bottomLabel: [
          'No draft: see the audit sheet',
          lead.sourceForm,
          dayTimeLabel(lead.submittedAt, view.userTimeZone, null),
        ]
          .filter(Boolean)
          .join(' · '),
      },
    ),
  );
  if (view.attention.length > MAX_LEADS) {
    widgets.push(hint(`${plural(view.attention.length - MAX_LEADS, 'more lead', 'more leads')} not shown.`));
  }
  return widgets;
}

function slotWidgets(view: HomeView): Widget[] {
  // null: the calendar could not be read; the notice at the top says why.
  if (!view.nextSlots) return [paragraph('Your calendar can’t be read right now.')];
  if (!view.nextSlots.length) return [paragraph('No free time in your working hours in the coming days.')];
  return view.nextSlots.slice(0, MAX_SLOTS).map((slot) => paragraph(slot.userLabel));
}

/** Discard asks first: the draft goes to Gmail's trash only after this second, named click. */
export function confirmDiscardCard(draftId: string, to: string): Card {
  return card(
    {
      title: 'Discard this draft?',
      subtitle: to,
      name: 'confirm-discard',
      footer: footer(
        button(
          `Discard draft to ${to}`,
          ACTIONS.discardDraft,
          { draftId, to, confirmed: 'yes' },
          { primary: true },
        ),
      ),
    },
    [section(null, [paragraph(`The draft to ${to} is deleted. Nothing was or will be sent.`)])],
  );
}
