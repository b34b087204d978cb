// "Prepare drafts now": the banner's button runs this rep's poller inside the card's time budget. It is
// the trigger's own run (app/poll.ts pollOnce): the same state, the same user lock, the same records, so a
// lead is prepared exactly once, whichever of the button and the trigger comes first. What does not fit
// in the card's time stays queued for the trigger, and the card says so.
import { notify, updateCard } from '../cards/message-cards';
import { countOf } from '../core/plural';
import type { PollSummary } from '../core/poll-run';
import type { AppContext } from './context';
import { parameter } from './events';
import { cardAction } from './handler';
import { homeFor } from './home';
import { pollOnce } from './poll';
import { rememberedLeadCard } from './sidebar';

export const onPrepareDraftsNow = cardAction('onPrepareDraftsNow', (ctx, e) => {
  const notice = preparedNotice(ctx, pollOnce(ctx));
  const messageId = parameter(e, 'messageId');
  const card = messageId ? rememberedLeadCard(ctx, messageId, notice) : null;
  if (card) return updateCard(card);
  if (messageId) return notify(notice);
  return updateCard(homeFor(ctx, e, notice));
});

/** What the run did, in the rep's words: drafts ready, or why not, and what is left for the trigger. */
export function preparedNotice(ctx: AppContext, summary: PollSummary): string {
  if (summary.status === 'skipped_locked')
    return 'Your automatic check is preparing drafts right now: they will be in Drafts in a moment.';
  if (summary.status === 'not_configured' || summary.status === 'stopped_auth') return summary.message;
  const made = summary.drafted + summary.recovered;
  const parts = [
    made
      ? `${countOf(made, 'draft')} prepared: review ${made === 1 ? 'it' : 'them'} in Drafts before sending.`
      : 'No new draft was needed: every new lead is already answered.',
  ];
  if (summary.pending) {
    const interval = ctx.team.shared.pollerIntervalMinutes;
    parts.push(
      `${summary.pending} more did not fit in the time a card may take; your automatic check (every ${interval} min) prepares ${summary.pending === 1 ? 'it' : 'them'}.`,
    );
  }
  if (summary.status === 'stopped_rate_limit') parts.push('HubSpot asked us to slow down; the rest waits.');
  return parts.join(' ');
}
