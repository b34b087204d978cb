// Which of the newest form submissions are this rep's, and not yet answered: what the sidebar's banner
// says ("2 new leads since 10:05 — Acme Logistics, BrightPath"). The check rides the sidebar's two
// fetchAll round trips (core/lead-view.ts): the first page of each form beside the contact lookup, then
// the HubSpot owners of the new ones beside the thread summaries. It decides ownership exactly as the
// poller will (core/poll-routing.ts), so a colleague's lead never shows on this rep's card.
import { constantCall } from './http';
import type { Call, Settled } from './http';
import { isSettled } from './poll-state';
import type { PollState } from './poll-state';
import { FIRST_RUN_LOOKBACK_MS } from './poll-intake';
import type { Crm, CrmContact, CrmOwner, SubmissionPage } from './ports';
import { parseSubmission } from './prospect';
import type { FormConfig } from './settings';
import { leadOwner } from './poll-routing';
import type { UnassignedTaker } from './unassigned';
import { countOf } from './plural';

/** A small first page per form: the leads of the last few minutes, not the backlog (the poller's job). */
export const NEWEST_PAGE = 10;
/** The sidebar looks again only when its last check is older than this. */
export const CHECK_EVERY_MS = 3 * 60_000;
/** At most this many leads are remembered and named; the banner counts the rest. */
const MAX_REMEMBERED = 20;

export interface ArrivedLead {
  conversionId: string;
  formGuid: string;
  email: string;
  /** The company, else the person's name, else the address: what the banner names. */
  label: string;
  submittedAt: number;
}

/** What one check found, remembered in the user's Properties until the next check. */
export interface LeadsCheck {
  at: number;
  leads: ArrivedLead[];
  /** Set when the check could not be completed: nothing is claimed from a partial answer. */
  problem: string | null;
}

/** What the banner shows: leads still waiting, and since when the rep's drafts were last prepared. */
export interface NewLeadsBanner {
  leads: ArrivedLead[];
  since: number;
}

export interface NewLeadsRules {
  userEmail: string;
  forms: FormConfig[];
  unassignedTakers: UnassignedTaker[];
  now: number;
}

/** Whether a check is due: never looked, or the last look is older than CHECK_EVERY_MS. */
export function checkDue(last: LeadsCheck | null, now: number): boolean {
  return !last || now - last.at >= CHECK_EVERY_MS || now < last.at;
}

/**
 * The check as two calls that ride the sidebar's two round trips. `first()` reads the newest page of
 * every form; `second(owners)` reads the HubSpot contacts of the submissions the poller has not settled
 * (by primary email, and by secondary email as the poller does for the ones batch/read misses: both in
 * the same round trip). `result()` is the check, once both have run.
 */
export class NewLeadsCheck {
  private pages: Array<Settled<SubmissionPage>> = [];
  private found: Settled<{ primary: Map<string, CrmContact>; secondary: Map<string, CrmContact> }> | null =
    null;
  private owners: CrmOwner[] | null = null;
  private candidates: Array<ArrivedLead> = [];
  private rode = false;

  constructor(
    private readonly crm: Crm,
    private readonly state: PollState,
    private readonly rules: NewLeadsRules,
  ) {}

  first(): Call<void> {
    const calls = this.rules.forms.map((form) => this.crm.submissionsPage(form.guid, null, NEWEST_PAGE));
    return {
      requests: calls.flatMap((c) => c.requests),
      parse: (responses) => {
        let offset = 0;
        this.pages = calls.map((call) => {
          const share = responses.slice(offset, offset + call.requests.length);
          offset += call.requests.length;
          try {
            return { ok: true as const, value: call.parse(share) };
          } catch (error) {
            return { ok: false as const, error };
          }
        });
      },
    };
  }

  second(owners: CrmOwner[] | null): Call<void> {
    this.rode = true;
    this.owners = owners;
    this.candidates = this.unanswered();
    const emails = Array.from(new Set(this.candidates.map((c) => c.email)));
    if (!emails.length) {
      this.found = { ok: true, value: { primary: new Map(), secondary: new Map() } };
      return constantCall(undefined);
    }
    const primary = this.crm.contactsByEmail(emails);
    const secondary = this.crm.contactsBySecondaryEmail(emails);
    return {
      requests: primary.requests.concat(secondary.requests),
      parse: (responses) => {
        try {
          this.found = {
            ok: true,
            value: {
              primary: primary.parse(responses.slice(0, primary.requests.length)),
              secondary: secondary.parse(responses.slice(primary.requests.length)),
            },
          };
        } catch (error) {
          this.found = { ok: false, error };
        }
      },
    };
  }

  /**
   * The check: this rep's leads among the unanswered ones, or a problem and no claim; null when the
   * check did not ride (the open made no lookup).
   */
  result(): LeadsCheck | null {
    if (!this.rode) return null;
    const at = this.rules.now;
    const unread = this.pages.filter((p) => !p.ok).length;
    if (!this.found || !this.found.ok) return { at, leads: [], problem: 'HubSpot could not be read' };
    const found = this.found.value;
    const mine = this.candidates.filter((lead) => {
      const key = lead.email.toLowerCase();
      const contact = found.primary.get(key) || found.secondary.get(key) || null;
      return isMine(lead, contact, this.owners, this.rules);
    });
    return {
      at,
      leads: mine.slice(0, MAX_REMEMBERED),
      problem: unread ? `${countOf(unread, 'form')} could not be read` : null,
    };
  }

  /** Valid submissions on the pages read that the poller would still take on and has not settled. */
  private unanswered(): ArrivedLead[] {
    const leads: ArrivedLead[] = [];
    const seen = new Set<string>();
    this.rules.forms.forEach((form, i) => {
      const page = this.pages[i];
      if (!page || !page.ok) return;
      const since = this.state.watermark(form.guid) ?? this.rules.now - FIRST_RUN_LOOKBACK_MS;
      for (const submission of page.value.submissions) {
        if (!(submission.submittedAt >= since)) continue;
        const intake = parseSubmission(submission, form.guid, form.mapping, this.rules.now);
        if (!intake.ok) continue;
        const p = intake.prospect;
        if (seen.has(p.conversionId) || this.state.record(p.conversionId)) continue;
        seen.add(p.conversionId);
        const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
        leads.push({
          conversionId: p.conversionId,
          formGuid: form.guid,
          email: p.email,
          label: p.company || name || p.email,
          submittedAt: p.submittedAt,
        });
      }
    });
    return leads.sort((a, b) => a.submittedAt - b.submittedAt);
  }
}

/**
 * The poller's routing rule (core/poll-routing.ts), answered without a run: owned by this rep, or owned
 * by nobody and given to this rep by the team's rule. An owner not among the owners read is not known to
 * be this rep's, so the lead is not shown.
 */
export function isMine(
  lead: Pick<ArrivedLead, 'conversionId' | 'submittedAt'>,
  contact: CrmContact | null,
  owners: CrmOwner[] | null,
  rules: Pick<NewLeadsRules, 'userEmail' | 'unassignedTakers'>,
): boolean {
  const whose = leadOwner(contact && contact.ownerId, lead, owners, rules.unassignedTakers);
  return whose === rules.userEmail.toLowerCase();
}

/**
 * The banner from the last check: the leads the poller has not yet settled or started on (so a lead
 * prepared by either the button or the trigger drops out at once), or null when none is waiting.
 */
export function bannerFrom(
  check: LeadsCheck | null,
  state: PollState,
  lastPrepared: number | null,
): NewLeadsBanner | null {
  if (!check) return null;
  const waiting = check.leads.filter((lead) => {
    const record = state.record(lead.conversionId);
    return !record || (!isSettled(record) && record.stage === 'queued');
  });
  if (!waiting.length) return null;
  const oldest = Math.min(...waiting.map((l) => l.submittedAt));
  return { leads: waiting, since: lastPrepared !== null && lastPrepared < oldest ? lastPrepared : oldest };
}
