// The Calendar sidebar for an open event: what HubSpot knows of each external attendee, with the same
// widgets as the Gmail sidebar.
import type { CrmSection } from '../core/lead-view';
import { crmWidgets } from './lead-card';
import { card, paragraph, section, MAX_SECTIONS } from './widgets';
import type { Card } from './widgets';

export interface EventAttendee {
  email: string;
  crm: CrmSection;
}

/**
 * One section per external attendee (the caller leaves colleagues out). `now`, when given, lets old dates
 * show their year.
 */
export function eventCard(attendees: EventAttendee[], userTimeZone: string, now: number | null = null): Card {
  if (!attendees.length) {
    return card({ title: 'Attendees', name: 'event' }, [
      section(null, [paragraph('No one outside your domain is on this event — nothing to look up.')]),
    ]);
  }
  const shown = attendees.slice(0, MAX_SECTIONS - 1);
  const sections = shown.map((a) => section(a.email, crmWidgets(a.crm, userTimeZone, now)));
  if (attendees.length > shown.length) {
    sections.push(section(null, [paragraph(`${attendees.length - shown.length} more attendees not shown.`)]));
  }
  return card({ title: 'Attendees', subtitle: 'From HubSpot', name: 'event' }, sections);
}
