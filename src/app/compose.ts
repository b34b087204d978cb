// The compose trigger: "Times to offer" while writing any draft, inserted at the cursor.
import { INPUTS } from '../cards/actions';
import { composeSlotsCard, insertTextResponse } from '../cards/compose-card';
import { notify } from '../cards/message-cards';
import { slotLines } from '../core/compose';
import { describeError } from '../core/errors';
import { runCall } from '../core/http';
import { slotOption } from '../core/lead-view';
import { findFreeSlots } from '../core/slots';
import { inputValues, userLocale, userTimeZone } from './events';
import { cardAction, cardTrigger } from './handler';

export const onGmailCompose = cardTrigger('onGmailCompose', (ctx, e) => {
  const zone = userTimeZone(e, ctx.timeZone);
  const rules = { ...ctx.user.slotRules, timeZone: zone };
  const now = ctx.clock.now();
  try {
    const busy = runCall(ctx.http, ctx.calendar.busy(now, now + (rules.horizonDays + 1) * 86_400_000));
    const slots = findFreeSlots(rules, busy, now).map((s) => slotOption(s, zone, null, userLocale(e)));
    return [composeSlotsCard(slots, undefined, zone)];
  } catch (error) {
    return [
      composeSlotsCard(
        null,
        `Your calendar can't be read right now (${describeError(error).message}).`,
        zone,
      ),
    ];
  }
});

export const onInsertFreeTimes = cardAction('onInsertFreeTimes', (ctx, e) => {
  const minutes = ctx.user.slotRules.slotMinutes;
  const slots = inputValues(e, INPUTS.slots)
    .map(Number)
    .filter((start) => Number.isFinite(start) && start > 0)
    .sort((a, b) => a - b)
    .map((start) => ({ start, end: start + minutes * 60_000 }));
  if (!slots.length) return notify('Tick at least one time to insert.');
  const lines = slotLines(slots, userTimeZone(e, ctx.timeZone), null, userLocale(e));
  return insertTextResponse(
    `Here are a few times that work for me:\n${lines.map((l) => `• ${l}`).join('\n')}\n`,
  );
});
