// What the Gmail sidebar shows for an open message, gathered in as few round trips as Apps Script allows:
// the open message (1), then ONE fetchAll for the HubSpot contact and company, the user's busy time and
// the ids of earlier Gmail threads (2), then ONE fetchAll for those threads' summaries and any HubSpot
// record the first hop pointed to: the contact's deals with their pipelines, or, for an address no contact
// has as its primary email, the search of secondary emails (3). The view is cached so a re-open costs a
// single cache read. Another read can ride the same two round trips (a `Rider`: the new-leads check).
import { domainOf, splitName } from './addresses';
import { cleanSingleLine, truncateText } from './prospect';
import { CrmError, describeError } from './errors';
import { isFreeMailDomain } from './free-mail';
import { notifiedLead } from './form-notification';
import { constantCall, runTogether } from './http';
import type { Call, HttpPort, Settled } from './http';
import type {
  CalendarPort,
  ConversationSummary,
  Crm,
  CrmCompany,
  CrmContact,
  CrmDeal,
  CrmOwner,
  MailAddress,
  LeadLookup,
  Mailbox,
  MailSearch,
  OpenedMessage,
} from './ports';
import { findFreeSlots } from './slots';
import type { Slot, SlotRules } from './slots';
import { slotsForProspect, withinProspectHours } from './prospect-hours';
import {
  addLocalDays,
  formatSlotRange,
  formatSlotRangeBeside,
  isValidTimeZone,
  zonedParts,
  zonedToEpoch,
} from './time-zone';

export interface LeadViewPorts {
  mailbox: Mailbox;
  mailSearch: MailSearch;
  crm: Crm | null;
  calendar: CalendarPort;
  http: HttpPort;
}

export interface LeadViewConfig {
  userEmail: string;
  userTimeZone: string;
  /** The user's own domains: counterparts there are colleagues, not leads. */
  internalDomains: string[];
  slotRules: SlotRules;
  slotCount: number;
  conversationCount: number;
  portalId: string | null;
  /** Owners known from an earlier lookup (cached), so owner names cost nothing. */
  owners: CrmOwner[] | null;
  now: number;
  locale?: string;
}

export interface SlotOption {
  start: number;
  end: number;
  userLabel: string;
  /** The same time in the prospect's zone, when it is known and differs from the user's. */
  prospectLabel: string | null;
  /** Whether the time falls in the prospect's working day (weekday, 8 AM to 6 PM); null when their zone is unknown. */
  insideTheirDay?: boolean | null;
}

export type CrmSection =
  | {
      state: 'found';
      contact: CrmContact;
      company: CrmCompany | null;
      ownerName: string | null;
      /** The owner's email, so the card can tell the user's own leads from a colleague's. */
      ownerEmail?: string | null;
      recordUrl: string | null;
      /** The contact's open deals, when they could be read (else the card shows how many are linked). */
      openDeals: CrmDeal[] | null;
    }
  | {
      state: 'unknown';
      suggestion: {
        email: string;
        firstName: string | null;
        lastName: string | null;
        company: string | null;
      };
    }
  | { state: 'no_token' }
  | { state: 'auth_failed'; message: string }
  | { state: 'unavailable'; message: string };

export type SlotSection =
  | {
      state: 'ok';
      slots: SlotOption[];
      /** How far ahead the calendar was searched. */ searchedDays?: number;
      /** Noon of the last local day searched, so the card can name the range when no time is free. */
      searchedUntil?: number;
      /**
       * When no time is free in the horizon: the first free time in the same number of days after it, or
       * null when those are full too (absent when not looked up).
       */
      nextFree?: number | null;
      /** Noon of the last local day of that second search. */
      nextSearchedUntil?: number;
    }
  | { state: 'unavailable'; reason: string };

export interface ServiceProblem {
  service: 'HubSpot' | 'Google Calendar' | 'Gmail';
  kind: string;
  message: string;
}

export interface LeadView {
  messageId: string;
  threadId: string;
  subject: string;
  /** When the open message was sent, and whether the counterpart wrote it (then it awaits the user's reply). */
  openedMessage?: { at: number; fromThem: boolean };
  /** null when every participant is internal. */
  counterpart: MailAddress | null;
  /** The From header, when it names no address: nothing is looked up and the card says who it was. */
  unreadableSender: string | null;
  crm: CrmSection;
  conversations: ConversationSummary[];
  slots: SlotSection;
  prospectTimeZone: string | null;
  userTimeZone: string;
  /** Owners read in this lookup, for the cache. */
  owners: CrmOwner[] | null;
  problems: ServiceProblem[];
  builtAt: number;
  /** The message is HubSpot's notification of a form submission: the counterpart is the lead it names. */
  fromNotification?: boolean;
}

/**
 * The external person of a thread: the sender, or for the user's own message the first external recipient.
 * null when everyone is internal, and when the From header names no address: then nobody can say whose
 * message it is, so no recipient is guessed.
 */
export function counterpartOf(
  message: OpenedMessage,
  userEmail: string,
  internalDomains: string[],
): MailAddress | null {
  const internal = new Set(internalDomains.map((d) => d.toLowerCase()).concat(domainOf(userEmail)));
  const isExternal = (a: MailAddress) =>
    !internal.has(domainOf(a.email)) && a.email !== userEmail.toLowerCase();
  if (!message.from) return null;
  if (isExternal(message.from)) return message.from;
  return message.to.concat(message.cc).find(isExternal) || null;
}

/**
 * A read that travels in the lead view's two fetchAlls: `first()` beside the contact lookup, `second()`
 * beside the thread summaries, given the owners the first hop read. It keeps its own results. A message
 * with nobody to look up makes neither round trip, and carries no rider.
 */
export interface Rider {
  first(): Call<unknown>;
  second(owners: CrmOwner[] | null): Call<unknown>;
}

export function buildLeadView(
  ports: LeadViewPorts,
  config: LeadViewConfig,
  messageId: string,
  accessToken: string,
  rider: Rider | null = null,
): LeadView {
  const message = ports.mailbox.openMessage(messageId, accessToken);
  const notified = notifiedLead(message.from ? message.from.email : null, message.notificationBody || '');
  const counterpart = notified
    ? { email: notified.email, name: notified.name }
    : counterpartOf(message, config.userEmail, config.internalDomains);
  const view: LeadView = {
    messageId: message.id,
    threadId: message.threadId,
    subject: message.subject,
    openedMessage: {
      at: message.date,
      fromThem: !!counterpart && !!message.from && message.from.email === counterpart.email,
    },
    counterpart,
    unreadableSender: message.from ? null : truncateText(cleanSingleLine(message.fromText), 200) || '(empty)',
    crm: { state: 'no_token' },
    conversations: [],
    slots: { state: 'unavailable', reason: 'not looked up' },
    prospectTimeZone: null,
    userTimeZone: config.userTimeZone,
    owners: config.owners,
    problems: [],
    builtAt: config.now,
    ...(notified ? { fromNotification: true } : {}),
  };
  // Nobody to look up, so no round trip for a rider to ride: it waits for the next open.
  if (!counterpart) return view;

  const horizonEnd = config.now + (config.slotRules.horizonDays + 1) * 86_400_000;
  const crm = ports.crm;
  const lookup = crm ? crm.lookupLead(counterpart.email) : constantCall(null);
  const owners = crm && !config.owners ? crm.owners() : constantCall(config.owners);
  const [lead, busy, threadIds, ownerList] = runTogether(
    ports.http,
    lookup,
    ports.calendar.busy(config.now, horizonEnd),
    ports.mailSearch.threadIds(counterpart.email, config.conversationCount + 1),
    owners,
    rider ? rider.first() : constantCall(null),
  );
  const ownersRead = ownerList.ok && ownerList.value ? ownerList.value : config.owners;

  // Second hop: thread summaries, plus the deals of a known contact, or, when the email is no contact's
  // primary one, a search of the secondary emails (hs_additional_emails).
  const ids = threadIds.ok
    ? threadIds.value.filter((id) => id !== message.threadId).slice(0, config.conversationCount)
    : [];
  const dealIds =
    crm && lead.ok && lead.value && lead.value.contact ? lead.value.contact.dealIds.slice(0, MAX_DEALS) : [];
  const missed = crm !== null && lead.ok && !!lead.value && !lead.value.contact;
  // A calendar with no free time in the horizon: the days after it ride this hop, so the card can say
  // when the first free time is without another round trip.
  const beyond = busy.ok ? beyondHorizon(config, busy.value) : null;
  const [summaries, deals, secondary, , later] = runTogether(
    ports.http,
    ports.mailSearch.summaries(ids),
    crm && dealIds.length ? crm.deals(dealIds) : constantCall<CrmDeal[]>([]),
    crm && missed
      ? crm.contactsBySecondaryEmail([counterpart.email])
      : constantCall(new Map<string, CrmContact>()),
    rider ? rider.second(ownersRead) : constantCall(null),
    beyond ? ports.calendar.busy(beyond.from, beyond.to) : constantCall(null),
  );
  if (summaries.ok) view.conversations = summaries.value;
  const bySecondary = secondary.ok ? secondary.value.get(counterpart.email.toLowerCase()) : undefined;
  if (lead.ok && lead.value && bySecondary) {
    lead.value.company = companyOf(bySecondary, lead.value.company);
    lead.value.contact = bySecondary;
  }
  if (!secondary.ok) view.problems.push(problem('HubSpot', secondary.error));
  const mailError = !threadIds.ok ? threadIds.error : !summaries.ok ? summaries.error : null;
  if (mailError) view.problems.push(problem('Gmail', mailError));

  if (ownerList.ok && ownerList.value) view.owners = ownerList.value;
  view.crm = crmSection(crm !== null, lead, counterpart, view.owners, config.portalId);
  if (view.crm.state === 'found') view.crm.openDeals = deals.ok ? deals.value.filter(isOpenDeal) : null;
  // A form notification says who the lead is: a better suggestion for a new contact than the address.
  if (view.crm.state === 'unknown' && notified && notified.company)
    view.crm.suggestion.company = notified.company;
  if (!lead.ok) view.problems.push(problem('HubSpot', lead.error));
  const contact = view.crm.state === 'found' ? view.crm.contact : null;
  view.prospectTimeZone =
    contact && contact.timeZone && isValidTimeZone(contact.timeZone) ? contact.timeZone : null;

  if (busy.ok) {
    const slots = slotsForProspect(config.slotRules, busy.value, config.now, view.prospectTimeZone).slice(
      0,
      config.slotCount,
    );
    view.slots = {
      state: 'ok',
      slots: slots.map((s) => slotOption(s, config.userTimeZone, view.prospectTimeZone, config.locale)),
      searchedDays: config.slotRules.horizonDays,
      searchedUntil: localNoon(config, config.slotRules.horizonDays - 1),
    };
    if (beyond && later.ok && later.value) {
      const first = findFreeSlots({ ...config.slotRules, maxTotal: 1 }, later.value, beyond.from)[0];
      view.slots.nextFree = first ? first.start : null;
      view.slots.nextSearchedUntil = localNoon(config, 2 * config.slotRules.horizonDays - 1);
    }
  } else {
    view.problems.push(problem('Google Calendar', busy.error));
    view.slots = {
      state: 'unavailable',
      reason: `Your calendar could not be read (${describeError(busy.error).message}).`,
    };
  }
  return view;
}

/** Noon of the user's local day `days` after today: a day to name, clear of any DST edge. */
function localNoon(config: LeadViewConfig, days: number): number {
  const today = zonedParts(config.now, config.slotRules.timeZone);
  return zonedToEpoch({ ...addLocalDays(today, days), hour: 12, minute: 0 }, config.slotRules.timeZone);
}

/**
 * The same number of days right after the horizon, from its first local midnight, when the horizon has
 * no free time; null when it has some.
 */
function beyondHorizon(
  config: LeadViewConfig,
  busy: Parameters<typeof findFreeSlots>[1],
): { from: number; to: number } | null {
  if (findFreeSlots(config.slotRules, busy, config.now).length) return null;
  const zone = config.slotRules.timeZone;
  const today = zonedParts(config.now, zone);
  const days = config.slotRules.horizonDays;
  const from = zonedToEpoch({ ...addLocalDays(today, days), hour: 0, minute: 0 }, zone);
  const to = zonedToEpoch({ ...addLocalDays(today, 2 * days), hour: 0, minute: 0 }, zone);
  return { from, to };
}

export function slotOption(
  slot: Slot,
  userTz: string,
  prospectTz: string | null,
  locale?: string,
): SlotOption {
  return {
    start: slot.start,
    end: slot.end,
    userLabel: formatSlotRange(slot.start, slot.end, userTz, locale),
    // Without its day when it is the user's day too, compared as the user's locale writes days.
    prospectLabel:
      prospectTz && prospectTz !== userTz
        ? formatSlotRangeBeside(slot.start, slot.end, prospectTz, userTz, locale)
        : null,
    insideTheirDay: prospectTz ? withinProspectHours(slot, prospectTz) : null,
  };
}

function crmSection(
  hasCrm: boolean,
  lead: Settled<LeadLookup | null>,
  counterpart: MailAddress,
  owners: CrmOwner[] | null,
  portalId: string | null,
): CrmSection {
  if (!hasCrm) return { state: 'no_token' };
  if (!lead.ok) {
    const error = lead.error;
    if (error instanceof CrmError && (error.kind === 'auth' || error.kind === 'forbidden')) {
      return { state: 'auth_failed', message: describeError(error).message };
    }
    return { state: 'unavailable', message: describeError(error).message };
  }
  const found = lead.value;
  if (!found || !found.contact) {
    const name = splitName(counterpart.name);
    return {
      state: 'unknown',
      suggestion: {
        email: counterpart.email,
        firstName: name.firstName,
        lastName: name.lastName,
        company: found && found.company ? found.company.name : companyFromDomain(counterpart.email),
      },
    };
  }
  const contact = found.contact;
  const owner = (owners || []).find((o) => o.id === contact.ownerId);
  return {
    state: 'found',
    contact,
    company: found.company,
    ownerName: owner ? [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email : null,
    ownerEmail: owner ? owner.email : null,
    recordUrl: hubspotRecordUrl(portalId, contact.id),
    openDeals: null,
  };
}

/**
 * The company beside a contact found by a secondary email: the domain match when it is the contact's
 * primary company (or the contact names none), else the primary company as far as the contact tells.
 */
function companyOf(contact: CrmContact, domainMatch: CrmCompany | null): CrmCompany | null {
  const primaryId = contact.primaryCompanyId;
  if (!primaryId || (domainMatch && domainMatch.id === primaryId)) return domainMatch;
  return { id: primaryId, name: contact.companyName, domain: null, industry: null, employees: null };
}

/** Deals listed on the card: enough to see what is in play. */
const MAX_DEALS = 5;

/**
 * Open unless HubSpot says closed (hs_is_closed covers every pipeline's won and lost stages). Only when
 * HubSpot did not say are the default pipeline's closed stage ids the guide.
 */
function isOpenDeal(deal: CrmDeal): boolean {
  if (deal.closed !== null) return !deal.closed;
  return deal.stage !== 'closedwon' && deal.stage !== 'closedlost';
}

/** "newco.example" -> "Newco": a first guess a person corrects, never for free-mail domains. */
export function companyFromDomain(email: string): string | null {
  const domain = domainOf(email);
  if (isFreeMailDomain(domain)) return null;
  const name = domain.split('.')[0];
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : null;
}

/** The contact's page in HubSpot (0-1 is HubSpot's object type id for contacts). */
export function hubspotRecordUrl(portalId: string | null, contactId: string): string | null {
  return portalId
    ? `https://app.hubspot.com/contacts/${encodeURIComponent(portalId)}/record/0-1/${encodeURIComponent(contactId)}`
    : null;
}

function problem(service: ServiceProblem['service'], error: unknown): ServiceProblem {
  const described = describeError(error);
  return { service, kind: described.kind, message: described.message };
}
