// Approval, observed. The add-on never sends, so a draft is approved when a person sends it and denied when
// they delete it. Each check compares the drafts the add-on follows with the mailbox.
import type { AuditTrail } from './audit-trail';
import type { PollState } from './poll-state';
import type { Mailbox } from './ports';

export interface ApprovalCheck {
  sent: number;
  discarded: number;
  waiting: number;
}

/** `preparedBefore`: only drafts prepared before then are checked (a run's own drafts are still waiting). */
export function checkApprovals(
  mailbox: Mailbox,
  state: PollState,
  audit: AuditTrail,
  preparedBefore = Infinity,
): ApprovalCheck {
  const tracked = state.trackedDrafts().filter((t) => t.preparedAt < preparedBefore);
  if (!tracked.length) return { sent: 0, discarded: 0, waiting: 0 };
  const present = new Set(mailbox.draftIds());
  const gone = tracked.filter((t) => !present.has(t.draftId));
  if (!gone.length) return { sent: 0, discarded: 0, waiting: tracked.length };
  const sentAt = mailbox.sentSince(
    gone.map((t) => t.threadId),
    Math.min(...gone.map((t) => t.preparedAt)),
  );
  let sent = 0;
  for (const draft of gone) {
    const when = sentAt.get(draft.threadId);
    if (when !== undefined && when >= draft.preparedAt) {
      sent++;
      const turnaroundMinutes = Math.round((when - draft.preparedAt) / 60_000);
      audit.record('draft_sent', {
        resourceType: 'draft',
        resourceId: draft.draftId,
        outcome: 'success',
        summary: `Draft to ${draft.to} was reviewed and sent by a person after ${formatMinutes(turnaroundMinutes)}`,
        details: { threadId: draft.threadId, preparedAt: draft.preparedAt, sentAt: when, turnaroundMinutes },
      });
      audit.record('approval_granted', {
        resourceType: 'draft',
        resourceId: draft.draftId,
        outcome: 'success',
        summary: `Sent by a person (approval) ${formatMinutes(turnaroundMinutes)} after it was prepared`,
        details: { turnaroundMinutes },
      });
    } else {
      audit.record('draft_discarded', {
        resourceType: 'draft',
        resourceId: draft.draftId,
        outcome: 'info',
        summary: `Draft to ${draft.to} was deleted without being sent`,
        details: { threadId: draft.threadId, preparedAt: draft.preparedAt },
      });
      audit.record('approval_denied', {
        resourceType: 'draft',
        resourceId: draft.draftId,
        outcome: 'info',
        summary: 'Not sent: the draft was discarded',
      });
    }
    state.untrackDraft(draft.draftId);
  }
  return { sent, discarded: gone.length - sent, waiting: tracked.length - gone.length };
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} h`;
  return `${Math.round(minutes / 144) / 10} days`;
}
