// The naive sidebar open, the baseline the issue names: every lookup its own sequential call, nothing
// cached, nothing sent together. Settings (token, working hours), the open message, a HubSpot contact
// search, a company search by the sender's domain, the contact's company associations, a Gmail search
// and one read per earlier thread, then the calendar's events day by day over the slot horizon.
// It shows less than our card (no owner name, no deal count), so its count is a lower bound.
import { findFreeSlots, DEFAULT_SLOT_RULES } from '../../src/core/slots';
import type { BusyEvent, SlotRules } from '../../src/core/slots';
import { addLocalDays, zonedParts, zonedToEpoch } from '../../src/core/time-zone';
import { TOKEN_KEY, USER_KEY } from '../../src/services/settings-store';
import { COMPANY_PROPERTIES, CONTACT_PROPERTIES } from '../../src/services/hubspot/responses';
import { associatedCompanyIds, searchOne } from './naive-http';

/** What the naive open found, so the bench can check it looked up the same things as ours. */
export interface NaiveLeadView {
  contactId: string | null;
  companyId: string | null;
  conversations: number;
  slotStarts: number[];
}

export interface NaiveOpenEvent {
  gmail: { messageId: string; accessToken: string };
  commonEventObject: { timeZone: { id: string } };
}

const CONVERSATIONS = 5;
const SLOT_COUNT = 5;

export function naiveSidebarOpen(e: NaiveOpenEvent): NaiveLeadView {
  const token = PropertiesService.getScriptProperties().getProperty(TOKEN_KEY) || '';
  const stored = PropertiesService.getUserProperties().getProperty(USER_KEY);
  const timeZone = e.commonEventObject.timeZone.id;
  const rules: SlotRules = {
    ...DEFAULT_SLOT_RULES,
    ...(stored ? (JSON.parse(stored) as { slotRules?: Partial<SlotRules> }).slotRules : {}),
    timeZone,
  };
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  const message = GmailApp.getMessageById(e.gmail.messageId);
  const email = addressOf(message.getFrom());

  const contact = searchOne(token, 'contacts', 'email', email, CONTACT_PROPERTIES);
  const domainCompany = searchOne(token, 'companies', 'domain', email.split('@')[1], COMPANY_PROPERTIES);
  const companyIds = contact ? associatedCompanyIds(token, contact.id) : [];

  const openThread = message.getThread().getId();
  const threads = GmailApp.search(`from:${email} OR to:${email}`, 0, CONVERSATIONS + 1)
    .filter((t) => t.getId() !== openThread)
    .slice(0, CONVERSATIONS);
  const conversations = threads.map((t) => t.getMessages()).filter((messages) => messages.length > 0);

  const now = Date.now();
  const slots = findFreeSlots(rules, busyDayByDay(now, rules.horizonDays, timeZone), now);
  return {
    contactId: contact ? contact.id : null,
    companyId: companyIds[0] || (domainCompany ? domainCompany.id : null),
    conversations: conversations.length,
    slotStarts: slots.slice(0, SLOT_COUNT).map((s) => s.start),
  };
}

/** One CalendarApp.getEvents per local day, today included. */
function busyDayByDay(now: number, days: number, timeZone: string): BusyEvent[] {
  const today = zonedParts(now, timeZone);
  const busy = new Map<string, BusyEvent>();
  for (let d = 0; d < days; d++) {
    const day = addLocalDays(today, d);
    const start = zonedToEpoch({ ...day, hour: 0, minute: 0 }, timeZone);
    const end = zonedToEpoch({ ...addLocalDays(day, 1), hour: 0, minute: 0 }, timeZone);
    for (const event of CalendarApp.getEvents(new Date(start), new Date(end))) {
      const item = busyEventOf(event);
      busy.set(`${event.getId()}@${item.start}`, item);
    }
  }
  return Array.from(busy.values());
}

const RESPONSE_OF: Record<string, BusyEvent['responseStatus']> = {
  YES: 'accepted',
  NO: 'declined',
  MAYBE: 'tentative',
  INVITED: 'needsAction',
  OWNER: 'owner',
};

export function busyEventOf(event: GoogleAppsScript.Calendar.CalendarEvent): BusyEvent {
  return {
    start: event.getStartTime().getTime(),
    end: event.getEndTime().getTime(),
    allDay: event.isAllDayEvent(),
    transparent: String(event.getTransparency()) === 'TRANSPARENT',
    responseStatus: RESPONSE_OF[String(event.getMyStatus())],
  };
}

function addressOf(header: string): string {
  const match = /<([^>]+)>/.exec(header);
  return (match ? match[1] : header).trim().toLowerCase();
}
