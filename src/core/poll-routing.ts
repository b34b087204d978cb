// Whose lead is it, and may it be answered now? The poller's routing (the HubSpot owner decides) and its
// cooldowns (one draft per person per cooldown window, a daily limit per company domain). A refusal is
// final for that submission: it is recorded as skipped and audited once with the reason given here.
import { countOf } from './plural';
import type { AuditEventType } from './audit';
import type { CrmOwner } from './ports';
import type { PollState } from './poll-state';
import { emailDomain } from './prospect';
import { unassignedTakerFor } from './unassigned';
import type { UnassignedTaker } from './unassigned';
import type { Lead } from './workflow';

export interface Refusal {
  type: AuditEventType;
  reason: string;
}

const DAY_MS = 86_400_000;

/** The UTC day a draft counts against in the per-domain limit. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** A lead the run cannot route yet: its owner could not be established (it stays for the next run). */
export const DEFER = 'defer' as const;

/**
 * Whose lead is it? One rep's, ever, and every rep's poller gives the same answer:
 * - a lead with a HubSpot owner belongs to that owner (others record "left for them");
 * - an unowned lead (no owner, or not a contact yet) goes to the one rep the team's unassigned-lead rule
 *   picks (core/unassigned.ts), or to nobody when nobody took unassigned leads when it came in;
 * - when HubSpot could not be read, or the owner is not among the owners read, the lead is deferred:
 *   taking it anyway would make every rep draft it.
 */
export function routingRefusal(
  lead: Lead,
  owners: CrmOwner[] | null,
  user: { email: string; unassignedTakers: UnassignedTaker[] },
  crmFailed: boolean,
): Refusal | typeof DEFER | null {
  if (crmFailed) return DEFER;
  const ownerId = lead.contact && lead.contact.ownerId;
  const whose = leadOwner(ownerId, lead.prospect, owners, user.unassignedTakers);
  // The owners list could not be read, or lacks this owner: ask again next run.
  if (whose === DEFER) return DEFER;
  if (whose === user.email.toLowerCase()) return null;
  if (ownerId)
    return {
      type: 'prospect_intake',
      reason: `${lead.prospect.email} belongs to ${whose} in HubSpot: left for them`,
    };
  return {
    type: 'prospect_intake',
    reason: whose
      ? `No HubSpot owner for ${lead.prospect.email}: the team's rule gives unassigned leads like this to ${whose}: left for them`
      : `No HubSpot owner for ${lead.prospect.email}, and nobody took unassigned leads when it came in`,
  };
}

/**
 * Whose lead it is, by address (lowercase): its HubSpot owner's; for a lead nobody owns, the rep the
 * team's unassigned-lead rule picks, or null when nobody took unassigned leads when it came in; DEFER
 * when the owner is not among the owners read. The poller and the sidebar's new-leads check both ask here.
 */
export function leadOwner(
  ownerId: string | null,
  lead: { conversionId: string; submittedAt: number },
  owners: CrmOwner[] | null,
  takers: UnassignedTaker[],
): string | null | typeof DEFER {
  if (!ownerId) return unassignedTakerFor(lead.conversionId, lead.submittedAt, takers);
  const owner = (owners || []).find((o) => o.id === ownerId);
  return owner ? owner.email.toLowerCase() : DEFER;
}

/**
 * The same person twice in one run, a draft to them within the last `cooldownDays` days, or the domain's
 * daily limit reached (drafts of earlier runs that day plus leads this run has already taken on).
 */
export function cooldownRefusal(
  lead: Lead,
  state: PollState,
  limits: { contactCooldownDays: number; domainDailyLimit: number },
  now: number,
): Refusal | null {
  const email = lead.prospect.email;
  if (state.claimedInRun(email)) {
    return {
      type: 'skipped_cooldown',
      reason: `${email} submitted more than once in this run: one draft answers them`,
    };
  }
  const last = state.lastDraftTo(email);
  if (last !== null && now - last < limits.contactCooldownDays * DAY_MS) {
    return {
      type: 'skipped_cooldown',
      reason: `A draft to ${email} was prepared ${Math.max(1, Math.round((now - last) / 3_600_000))} h ago (cooldown ${limits.contactCooldownDays} days)`,
    };
  }
  const domain = emailDomain(email);
  const today = state.draftsForDomainOn(domain, dayOf(now)) + state.claimedForDomain(domain);
  if (today >= limits.domainDailyLimit) {
    return {
      type: 'skipped_cooldown',
      reason: `Already ${countOf(limits.domainDailyLimit, 'draft')} today for ${domain} (daily limit per company domain)`,
    };
  }
  return null;
}
