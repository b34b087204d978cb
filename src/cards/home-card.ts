// The add-on's homepage in Gmail and Calendar: what is left to set up, drafts waiting for the user's
// review, leads that came in, and (in Calendar) the next free times. Times are in the user's zone.
import type { DraftAwaitingReview, HomeView, NewLead, SetupState } from '../core/home-view';
import { ACTIONS } from './actions';
import { threadLink } from './lead-card';
import { newLeadsSections } from './new-leads-section';
import {
  button,
  buttonRow,
  card,
  dayTimeLabel,
  hint,
  keyValue,
  linkButton,
  paragraph,
  section,
} from './widgets';
import type { Card, Section, Widget } from './widgets';

/** Each draft takes two widgets (the line and its buttons); the rest is counted, not listed. */
const MAX_DRAFTS = 40;
const MAX_LEADS = 50;
const MAX_SLOTS = 20;

/** Where the poller got with each lead (SubmissionStage), in words. */
const STAGE_LABELS: Record<string, string> = {
  drafting: 'Preparing a draft',
  drafted: 'Draft prepared',
  done: 'Draft prepared',
  rejected: 'Not drafted (see the audit sheet)',
  skipped: 'Skipped',
};

export function homeCard(view: HomeView): Card {
  const sections: Section[] = [];
  if (view.arrivals)
    sections.push(...newLeadsSections(view.arrivals.banner, view.userTimeZone, view.arrivals.now));
  if (view.notice) sections.push(section(null, [paragraph(view.notice)]));
  const checklist = setupChecklist(view.setup);
  if (checklist.length) {
    sections.push(section('Finish setting up', [...checklist, button('Settings', ACTIONS.openSettings)]));
  }
  sections.push(
    section('Drafts waiting for review', draftWidgets(view.drafts, view.userTimeZone, view.userEmail)),
    section('New leads since your last visit', leadWidgets(view.newLeads, view.userTimeZone)),
  );
  if (view.host === 'calendar') sections.push(section('Next free times', slotWidgets(view)));
  sections.push(
    section(null, [
      paragraph(
        view.lastPoll
          ? `Last check for new leads: ${dayTimeLabel(view.lastPoll.at, view.userTimeZone, null)} — ${view.lastPoll.summary}`
          : 'No check for new leads yet.',
      ),
      buttonRow([
        button('Check for new leads now', ACTIONS.pollNow),
        button('Verify audit trail', ACTIONS.verifyAudit),
        button('Settings', ACTIONS.openSettings),
      ]),
      hint('Prospector only prepares drafts. You review and send.'),
    ]),
  );
  return card({ title: 'Prospector', subtitle: view.userEmail, name: 'home' }, sections);
}

/** One line per missing piece; [] once everything is in place. */
function setupChecklist(setup: SetupState): Widget[] {
  const missing: string[] = [];
  if (!setup.hasToken) missing.push('Connect HubSpot: add a private app access token.');
  if (!setup.hasAuditSheet) missing.push('Create or attach the audit sheet.');
  if (setup.formCount === 0) missing.push('Choose the HubSpot forms to watch for new leads.');
  if (!setup.pollerEnabled) missing.push('Turn on the lead poller.');
  if (!missing.length) return [];
  const widgets: Widget[] = missing.map((line) => paragraph(`☐ ${line}`));
  if (!setup.isAdmin) widgets.push(hint('These are team settings: ask an admin to complete them.'));
  return widgets;
}

function draftWidgets(drafts: DraftAwaitingReview[], timeZone: string, userEmail: string): Widget[] {
  if (!drafts.length) return [paragraph('Nothing waiting.')];
  const widgets: Widget[] = [];
  for (const draft of drafts.slice(0, MAX_DRAFTS)) {
    widgets.push(
      keyValue(draft.to, draft.subject || '(no subject)', {
        bottomLabel: `Prepared ${dayTimeLabel(draft.preparedAt, timeZone, null)}`,
      }),
      buttonRow([
        // Gmail has no stable URL for one draft; its thread opens with the draft in it.
        linkButton('Open', threadLink(draft.threadId, userEmail)),
        button('Discard', ACTIONS.discardDraft, { draftId: draft.draftId }),
      ]),
    );
  }
  if (drafts.length > MAX_DRAFTS) widgets.push(hint(`${drafts.length - MAX_DRAFTS} more drafts in Gmail.`));
  return widgets;
}

function leadWidgets(leads: NewLead[], timeZone: string): Widget[] {
  if (!leads.length) return [paragraph('No new leads.')];
  const widgets: Widget[] = leads.slice(0, MAX_LEADS).map((lead) =>
    keyValue(STAGE_LABELS[lead.stage] || lead.stage, lead.email, {
      bottomLabel: `Submitted ${dayTimeLabel(lead.submittedAt, timeZone, null)}`,
    }),
  );
  if (leads.length > MAX_LEADS) widgets.push(hint(`${leads.length - MAX_LEADS} more not shown.`));
  return widgets;
}

function slotWidgets(view: HomeView): Widget[] {
  // null: the calendar could not be read; the notice at the top says why.
  if (!view.nextSlots) return [paragraph('Free times cannot be shown right now (see the note above).')];
  if (!view.nextSlots.length) return [paragraph('No free times found in your working hours.')];
  return view.nextSlots.slice(0, MAX_SLOTS).map((slot) => paragraph(slot.userLabel));
}
