// The one-row banner at the top of the lead card and the homepage: "2 new leads since 10:05 — Acme
// Logistics, BrightPath", with one button that prepares their drafts now (app/prepare-now.ts).
import type { NewLeadsBanner } from '../core/new-leads';
import { formatTime, zonedParts } from '../core/time-zone';
import { ACTIONS } from './actions';
import { button, dayTimeLabel, paragraph, section } from './widgets';
import type { Params, Section } from './widgets';

/** Names shown in the row; the rest are counted ("and 3 more"). */
const NAMED = 3;

/** The banner's section, or none when no lead is waiting. `params` say which card to come back to. */
export function newLeadsSections(
  banner: NewLeadsBanner | null | undefined,
  timeZone: string,
  now: number,
  params: Params = {},
): Section[] {
  if (!banner || !banner.leads.length) return [];
  return [
    section(null, [
      paragraph(newLeadsLine(banner, timeZone, now)),
      button('Prepare drafts now', ACTIONS.prepareDraftsNow, params, { primary: true }),
    ]),
  ];
}

/** "2 new leads since 10:05 — Acme Logistics, BrightPath" (the time in the user's zone). */
export function newLeadsLine(banner: NewLeadsBanner, timeZone: string, now: number): string {
  const count = banner.leads.length;
  const names = Array.from(new Set(banner.leads.map((l) => l.label)));
  const named =
    names.slice(0, NAMED).join(', ') + (names.length > NAMED ? ` and ${names.length - NAMED} more` : '');
  const sameDay = dayKey(banner.since, timeZone) === dayKey(now, timeZone);
  const since = sameDay ? formatTime(banner.since, timeZone) : dayTimeLabel(banner.since, timeZone, now);
  return `${count} new lead${count === 1 ? '' : 's'} since ${since} — ${named}`;
}

function dayKey(at: number, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * On a HubSpot form notification the draft answers the lead, not the notification: a new draft to them
 * (Gmail opens it for review), never a reply to HubSpot's address.
 */
export function prepareDraftButton(params: Params) {
  return button('Prepare draft', ACTIONS.createReplyDraft, params, { primary: true, composesDraft: true });
}
