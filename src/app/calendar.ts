// Calendar: opening an event with external attendees shows their HubSpot context, all looked up in one
// round trip.
import { eventCard } from '../cards/event-card';
import { domainOf } from '../core/addresses';
import { runTogether } from '../core/http';
import type { Settled } from '../core/http';
import type { CrmOwner, LeadLookup } from '../core/ports';
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
  const [owners, ...found] = runTogether(
    ctx.http,
    crm.owners(),
    ...attendees.map((email) => crm.lookupLead(email)),
  );
  const portalId = ctx.team.shared.portalId;
  const sections = attendees.map((email, i): { email: string; crm: CrmSection } => {
    const result = found[i] as Settled<LeadLookup>;
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
        ownerName: ownerName(owners.ok ? (owners.value as CrmOwner[]) : [], contact.ownerId),
        ownerEmail: ownerEmail(owners.ok ? (owners.value as CrmOwner[]) : [], contact.ownerId),
        recordUrl: hubspotRecordUrl(portalId, contact.id),
        openDeals: null,
      },
    };
  });
  return [eventCard(sections, userTimeZone(e, ctx.timeZone), ctx.clock.now(), ctx.userEmail)];
});

function ownerEmail(owners: CrmOwner[], id: string | null): string | null {
  const owner = owners.filter((o) => o.id === id)[0];
  return owner ? owner.email : null;
}

function ownerName(owners: CrmOwner[], id: string | null): string | null {
  const owner = owners.filter((o) => o.id === id)[0];
  return owner ? [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email : null;
}
