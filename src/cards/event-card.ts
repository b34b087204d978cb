// The Calendar sidebar for an open event: each external attendee with the same at-a-glance rows as the
// Gmail sidebar, their HubSpot details folded away. Buttons name the person, so no two read alike.
import type { CrmSection } from '../core/lead-view';
import { detailWidgets, glanceWidgets } from './at-a-glance';
import { card, collapsibleSection, paragraph, section, MAX_SECTIONS } from './widgets';
import type { Card } from './widgets';

export interface EventAttendee {
  email: string;
  crm: CrmSection;
}

/** A person's name from HubSpot when known, else their address. */
function attendeeName(attendee: EventAttendee): string {
  const crm = attendee.crm;
  if (crm.state !== 'found') return attendee.email;
  return [crm.contact.firstName, crm.contact.lastName].filter(Boolean).join(' ') || attendee.email;
}

/**
 * One section per external attendee (the caller leaves colleagues out). `now`, when given, lets old dates
 * show their year.
 */
export function eventCard(
  attendees: EventAttendee[],
  userTimeZone: string,
  now: number | null = null,
  userEmail = '',
): Card {
  if (!attendees.length) {
    return card({ title: 'Attendees', name: 'event' }, [
      section(null, [paragraph('No one outside your domain is on this event — nothing to look up.')]),
    ]);
  }
  // Two sections per attendee: the glance, and the folded details.
  const shown = attendees.slice(0, Math.floor((MAX_SECTIONS - 1) / 2));
  const sections = shown.flatMap((a) => {
    const glance = glanceWidgets(a.crm, {
      userEmail,
      userTimeZone,
      prospectTimeZone: a.crm.state === 'found' ? a.crm.contact.timeZone : null,
      now,
      email: a.email,
      namedButtons: true,
    });
    const details = detailWidgets(a.crm, userTimeZone, now, true);
    const name = attendeeName(a);
    return [
      section(name, glance),
      ...(details.length ? [collapsibleSection(`HubSpot details: ${name}`, details)] : []),
    ];
  });
  if (attendees.length > shown.length) {
    sections.push(section(null, [paragraph(`${attendees.length - shown.length} more attendees not shown.`)]));
  }
  return card({ title: 'Attendees', subtitle: 'From HubSpot', name: 'event' }, sections);
}
