// Calendar: opening an event with external attendees shows their HubSpot context, all looked up in one
// round trip.
import { eventCard } from '../cards/event-card';
import { domainOf } from '../core/addresses';
import { runTogether } from '../core/http';
import { hubspotRecordUrl } from '../core/lead-view';
import type { CrmSection } from '../core/lead-view';
import { describeError } from '../core/errors';
import { userTimeZone } from './events';
import { cardTrigger } from './handler';

const MAX_ATTENDEES = 10;

export const onCalendarEventOpen = cardTrigger('onCalendarEventOpen', (ctx, e) => {
  const own = domainOf(ctx.userEmail);
  const attendees = ((e.calendar && e.calendar.attendees) || [])
    .map((a) => (a.email || '').toLowerCase())
    .filter(
      (email) => email && domainOf(email) !== own && !/(^|\.)calendar\.google\.com$/.test(domainOf(email)),
    )
    .slice(0, MAX_ATTENDEES);
  const crm = ctx.crm;
  if (!attendees.length || !crm) {
    return [
      eventCard(
        attendees.map((email) => ({ email, crm: { state: 'no_token' } as CrmSection })),
        userTimeZone(e, ctx.timeZone),
        ctx.clock.now(),
      ),
    ];
  }
  const found = runTogether(ctx.http, ...attendees.map((email) => crm.lookupLead(email)));
  const portalId = ctx.team.shared.portalId;
  const sections = attendees.map((email, i): { email: string; crm: CrmSection } => {
    const result = found[i];
    if (!result.ok)
      return { email, crm: { state: 'unavailable', message: describeError(result.error).message } };
    const contact = result.value.contact;
    if (!contact)
      return {
        email,
        crm: {
          state: 'unknown',
          suggestion: {
            email,
            firstName: null,
            lastName: null,
            company: result.value.company ? result.value.company.name : null,
          },
        },
      };
    return {
      email,
      crm: {
        state: 'found',
        contact,
        company: result.value.company,
        ownerName: null,
        recordUrl: hubspotRecordUrl(portalId, contact.id),
      },
    };
  });
  return [eventCard(sections, userTimeZone(e, ctx.timeZone), ctx.clock.now())];
});
