// Who this is, in at most four rows with icons: the owner (flagged when it is not the user) and stage, the
// open deal, the last email and whether it awaits a reply, and the person's local time now. The rest of
// what HubSpot knows goes in "HubSpot details", folded away. Shared by the lead card and the Calendar
// event card, so a person reads the same everywhere.
import type { CrmSection } from '../core/lead-view';
import type { CrmCompany, CrmContact, CrmDeal } from '../core/ports';
import { formatTime, isValidTimeZone } from '../core/time-zone';
import { ACTIONS } from './actions';
import { zoneCity } from './times-to-offer';
import { button, dayLabel, dayTimeLabel, iconLine, keyValue, knownValues, linkButton } from './widgets';
import type { Params, Widget } from './widgets';

export const MAX_GLANCE_ROWS = 4;

export interface GlanceContext {
  userEmail: string;
  userTimeZone: string;
  prospectTimeZone: string | null;
  now: number | null;
  /** The open email: when it came and whether they wrote it. */
  openedMessage?: { at: number; fromThem: boolean };
  /** Passed on to actions so they can refresh the lead card's cached view. */
  messageId?: string;
  /** The person's address, shown when HubSpot has no record to show it. */
  email: string;
  /** Several people on one card (a Calendar event): buttons name the person, so no two read alike. */
  namedButtons?: boolean;
}

type Found = Extract<CrmSection, { state: 'found' }>;
type ContactSuggestion = Extract<CrmSection, { state: 'unknown' }>['suggestion'];

/** HubSpot's internal lifecycle stage values, as HubSpot labels them. */
const LIFECYCLE_LABELS: Record<string, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'Marketing qualified lead',
  salesqualifiedlead: 'Sales qualified lead',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  other: 'Other',
};

/** HubSpot's default pipeline stage ids, as words. */
const DEAL_STAGES: Record<string, string> = {
  appointmentscheduled: 'Appointment scheduled',
  qualifiedtobuy: 'Qualified to buy',
  presentationscheduled: 'Presentation scheduled',
  decisionmakerboughtin: 'Decision maker bought in',
  contractsent: 'Contract sent',
};

/** The at-a-glance rows for one person, never more than MAX_GLANCE_ROWS. */
export function glanceWidgets(crm: CrmSection, context: GlanceContext): Widget[] {
  const rows: Widget[] = [];
  if (crm.state === 'found') rows.push(ownerRow(crm, context.userEmail), ...dealRow(crm));
  else rows.push(...crmStateRow(crm, context));
  rows.push(...lastEmailRow(context), ...localTimeRow(context));
  return rows.slice(0, MAX_GLANCE_ROWS);
}

function lifecycleLabel(stage: string | null): string | null {
  if (!stage) return null;
  return LIFECYCLE_LABELS[stage.toLowerCase()] || stage;
}

function ownerRow(crm: Found, userEmail: string): Widget {
  const stage = lifecycleLabel(crm.contact.lifecycleStage);
  const mine = !!crm.ownerEmail && crm.ownerEmail.toLowerCase() === userEmail.toLowerCase();
  const owner = !crm.contact.ownerId
    ? 'No owner in HubSpot'
    : mine
      ? 'Your lead'
      : `Owned by ${crm.ownerName || 'a colleague'} — not you`;
  return iconLine('PERSON', 'Owner', owner, { bottomLabel: stage ? `Stage: ${stage}` : undefined });
}

function dealStage(deal: CrmDeal): string | null {
  return deal.stageLabel || (deal.stage ? DEAL_STAGES[deal.stage] || deal.stage : null);
}

/**
 * "€48,000", "CA$1,250.50": the amount in its deal's currency (en-US symbols, so a dollar sign alone means
 * US dollars); "48,000" when HubSpot gave no currency; "48,000 XYZ" when the runtime cannot format it.
 */
export function dealAmount(deal: CrmDeal): string | null {
  if (deal.amount === null) return null;
  const digits = Number.isInteger(deal.amount) ? 0 : 2;
  if (!deal.currency) return deal.amount.toLocaleString('en-US', { maximumFractionDigits: digits });
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: deal.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(deal.amount);
  } catch {
    return `${deal.amount.toLocaleString('en-US', { maximumFractionDigits: digits })} ${deal.currency}`;
  }
}

function dealRow(crm: Found): Widget[] {
  const deals = crm.openDeals;
  if (!deals) {
    // The deals themselves could not be read: at least how many are linked.
    const count = crm.contact.dealIds.length;
    return count
      ? [iconLine('DOLLAR', 'Deals', count === 1 ? '1 linked deal' : `${count} linked deals`)]
      : [];
  }
  if (!deals.length) return [];
  const deal = deals[0];
  const amount = dealAmount(deal);
  const more = deals.length > 1 ? `+${deals.length - 1} more open` : null;
  return [
    iconLine('DOLLAR', 'Open deal', [deal.name || 'Unnamed deal', amount].filter(Boolean).join(' · '), {
      bottomLabel: [dealStage(deal), more].filter(Boolean).join(' · ') || undefined,
    }),
  ];
}

function crmStateRow(crm: Exclude<CrmSection, Found>, context: GlanceContext): Widget[] {
  switch (crm.state) {
    case 'unknown':
      return [
        iconLine('PERSON', 'HubSpot', 'Not in HubSpot yet', {
          bottomLabel: context.email,
          button: button(
            context.namedButtons ? `Create contact for ${context.email}` : 'Create contact',
            ACTIONS.createContact,
            suggestionParams(crm.suggestion, context.messageId),
          ),
        }),
      ];
    case 'no_token':
      return [
        iconLine('PERSON', 'HubSpot', 'HubSpot is not connected', {
          bottomLabel: 'Ask an admin to connect it in Settings',
        }),
      ];
    case 'auth_failed':
      return [
        iconLine('PERSON', 'HubSpot', 'HubSpot needs reconnecting', {
          bottomLabel: 'Ask an admin to reconnect HubSpot',
        }),
      ];
    case 'unavailable':
      return [
        iconLine('PERSON', 'HubSpot', 'HubSpot isn’t responding', {
          bottomLabel: 'Showing Gmail and Calendar only',
        }),
      ];
  }
}

/**
 * The button carries the suggestion and no form inputs: onCreateContact then opens createContactCard,
 * whose inputs it reads on the second click. Parameters are strings only, so unknown parts are left out.
 */
function suggestionParams(suggestion: ContactSuggestion, messageId?: string): Params {
  const params: Params = { email: suggestion.email };
  if (suggestion.firstName) params.firstName = suggestion.firstName;
  if (suggestion.lastName) params.lastName = suggestion.lastName;
  if (suggestion.company) params.company = suggestion.company;
  if (messageId) params.messageId = messageId;
  return params;
}

function lastEmailRow(context: GlanceContext): Widget[] {
  const opened = context.openedMessage;
  if (!opened) return [];
  return [
    iconLine(
      'EMAIL',
      'Last email',
      `Last email ${dayTimeLabel(opened.at, context.userTimeZone, context.now)}`,
      {
        bottomLabel: opened.fromThem ? 'From them — awaits your reply' : 'From you — awaits their answer',
      },
    ),
  ];
}

function localTimeRow(context: GlanceContext): Widget[] {
  const zone = context.prospectTimeZone;
  if (!zone || !isValidTimeZone(zone) || zone === context.userTimeZone || context.now === null) return [];
  return [iconLine('CLOCK', 'Their local time', `${formatTime(context.now, zone)} in ${zoneCity(zone)} now`)];
}

// ---- HubSpot details (folded away) ----------------------------------------------------------------

function fullName(contact: CrmContact): string | null {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null;
}

/** HubSpot industries are enum values such as COMPUTER_SOFTWARE. */
function industryLabel(industry: string | null): string | null {
  if (!industry) return null;
  const words = industry.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "closes Apr 30" and the stage, per open deal. */
function dealLines(deals: CrmDeal[] | null | undefined, timeZone: string, now: number | null): Widget[] {
  return (deals || []).map((deal) =>
    keyValue('Open deal', [deal.name || 'Unnamed deal', dealAmount(deal)].filter(Boolean).join(' · '), {
      bottomLabel:
        [
          dealStage(deal),
          deal.closeDate !== null ? `closes ${dayLabel(deal.closeDate, timeZone, now)}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || undefined,
    }),
  );
}

/** Everything else HubSpot knows, for the folded "HubSpot details" section; [] unless the contact was found. */
export function detailWidgets(
  crm: CrmSection,
  userTimeZone: string,
  now: number | null,
  namedButtons = false,
): Widget[] {
  if (crm.state !== 'found') return [];
  const contact = crm.contact;
  const company: CrmCompany | null = crm.company;
  const widgets = knownValues([
    ['Email', contact.email],
    ['Name', fullName(contact)],
    ['Title', contact.jobTitle],
    ['Phone', contact.phone],
    ['Company', (company && company.name) || contact.companyName],
    ['Domain', company && company.domain],
    ['Industry', industryLabel(company && company.industry)],
    ['Size', company && company.employees !== null ? `${company.employees} employees` : null],
    ['Owner', crm.ownerName || (contact.ownerId ? null : 'No owner')],
    [
      'Last activity in HubSpot',
      contact.lastActivityAt === null ? null : dayLabel(contact.lastActivityAt, userTimeZone, now),
    ],
  ]).concat(dealLines(crm.openDeals, userTimeZone, now));
  const who = fullName(contact) || contact.email;
  if (crm.recordUrl)
    widgets.push(linkButton(namedButtons ? `Open ${who} in HubSpot` : 'Open in HubSpot', crm.recordUrl));
  return widgets;
}
