// The compose trigger: "Times to offer" while writing any draft, inserted at the cursor. When the draft
// names a recipient HubSpot knows, each time also shows in their zone: from the sidebar's memory when the
// rep opened their email lately, else from one contact read that rides the calendar's own round trip.
import { INPUTS } from '../cards/actions';
import { composeSlotsCard, insertTextResponse } from '../cards/compose-card';
import type { TheirZone } from '../cards/compose-card';
import { notify } from '../cards/message-cards';
import { slotLines } from '../core/compose';
import { describeError } from '../core/errors';
import { constantCall, runTogether } from '../core/http';
import { slotOption } from '../core/lead-view';
import type { CrmContact } from '../core/ports';
import { findFreeSlots } from '../core/slots';
import { isValidTimeZone } from '../core/time-zone';
import { inputValues, parameter, userLocale, userTimeZone } from './events';
import type { AddOnEvent } from './events';
import { cardAction, cardTrigger } from './handler';
import { SidebarMemory } from './sidebar-memory';

export const onGmailCompose = cardTrigger('onGmailCompose', (ctx, e) => {
  const zone = userTimeZone(e, ctx.timeZone);
  const rules = { ...ctx.user.slotRules, timeZone: zone };
  const now = ctx.clock.now();
  const recipient = firstRecipient(e);
  const remembered = recipient ? new SidebarMemory(ctx).zoneOf(recipient) : undefined;
  const crm = recipient && remembered === undefined ? ctx.crm : null;
  const [busy, contacts] = runTogether(
    ctx.http,
    ctx.calendar.busy(now, now + (rules.horizonDays + 1) * 86_400_000),
    crm && recipient ? crm.contactsByEmail([recipient]) : constantCall(new Map<string, CrmContact>()),
  );
  if (!busy.ok) {
    return [
      composeSlotsCard(
        null,
        `Your calendar can't be read right now (${describeError(busy.error).message}).`,
        zone,
      ),
    ];
  }
  // HubSpot not answering only costs the second zone: the rep still gets their times.
  const contact = recipient && contacts.ok ? contacts.value.get(recipient) : undefined;
  const theirs = theirZone(remembered, contact, zone);
  const slots = findFreeSlots(rules, busy.value, now).map((s) =>
    slotOption(s, zone, theirs ? theirs.timeZone : null, userLocale(e)),
  );
  return [composeSlotsCard(slots, undefined, zone, theirs)];
});

/** The draft's first To address, lower case (the event carries it with draftAccess METADATA). */
function firstRecipient(e: AddOnEvent): string | null {
  const to = (e.draftMetadata && e.draftMetadata.toRecipients) || [];
  const first = to.length ? String(to[0]).trim().toLowerCase() : '';
  return first.indexOf('@') > 0 ? first : null;
}

function theirZone(
  remembered: string | null | undefined,
  contact: CrmContact | undefined,
  userZone: string,
): TheirZone | null {
  const zone = remembered !== undefined ? remembered : contact ? contact.timeZone : null;
  if (!zone || !isValidTimeZone(zone) || zone === userZone) return null;
  return { timeZone: zone, source: remembered !== undefined ? 'sidebar' : 'hubspot' };
}

export const onInsertFreeTimes = cardAction('onInsertFreeTimes', (ctx, e) => {
  const minutes = ctx.user.slotRules.slotMinutes;
  const slots = inputValues(e, INPUTS.slots)
    .map(Number)
    .filter((start) => Number.isFinite(start) && start > 0)
    .sort((a, b) => a - b)
    .map((start) => ({ start, end: start + minutes * 60_000 }));
  if (!slots.length) return notify('Tick at least one time to insert.');
  const lines = slotLines(slots, userTimeZone(e, ctx.timeZone), insertZone(e), userLocale(e));
  return insertTextResponse(
    `Here are a few times that work for me:\n${lines.map((l) => `• ${l}`).join('\n')}\n`,
  );
});

/** The recipient's zone the card was built with (its Insert button carries it): no lookup while inserting. */
function insertZone(e: AddOnEvent): string | null {
  const zone = parameter(e, 'theirZone');
  return zone && isValidTimeZone(zone) ? zone : null;
}
