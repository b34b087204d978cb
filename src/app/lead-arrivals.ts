// New leads, carried by the sidebar's own round trips: when the rep's last check is a few minutes old, the
// lead card's two fetchAlls also read the newest submissions of the team's forms and the HubSpot owners
// of the unanswered ones (core/new-leads.ts). The result is remembered in the user's Properties with the
// lead view (the same setProperties), so the banner costs no round trip of its own, and the homepage shows
// it too.
import { bannerFrom, checkDue, NewLeadsCheck } from '../core/new-leads';
import type { LeadsCheck, NewLeadsBanner } from '../core/new-leads';
import type { Rider } from '../core/lead-view';
import { PollState } from '../core/poll-state';
import type { TeamConfig } from '../services/settings-store';
import type { AppContext } from './context';
import { LAST_POLL_KEY } from './poll';
import type { SidebarMemory } from './sidebar-memory';

/** A check riding this open, or null when none is due (or there is nothing to check with). */
export interface ArrivalsRide {
  rider: Rider;
  /** After the lead view's round trips: remembers what the check found. */
  finish(): void;
}

export function arrivalsRide(ctx: AppContext, team: TeamConfig, memory: SidebarMemory): ArrivalsRide | null {
  const crm = ctx.crm;
  const now = ctx.clock.now();
  const last = memory.leadsCheck();
  if (!crm || !team.shared.forms.length || !checkDue(last, now)) return null;
  const check = new NewLeadsCheck(crm, PollState.load(ctx.userStore), {
    userEmail: ctx.userEmail,
    forms: team.shared.forms,
    unassignedTakers: team.unassignedTakers,
    now,
  });
  return {
    rider: check,
    finish: () => {
      const found = check.result();
      if (found) memory.rememberLeadsCheck(merged(found, last));
    },
  };
}

/**
 * A check that could not read everything keeps the leads the last check named: they drop out of the
 * banner only once the poller has answered them, never because HubSpot was briefly unreadable.
 */
function merged(check: LeadsCheck, last: LeadsCheck | null): LeadsCheck {
  if (!check.problem || !last) return check;
  const known = new Set(check.leads.map((l) => l.conversionId));
  return { ...check, leads: check.leads.concat(last.leads.filter((l) => !known.has(l.conversionId))) };
}

/** The banner: the last check's leads that neither the button nor the trigger has answered yet. */
export function arrivalsBanner(ctx: AppContext, memory: SidebarMemory): NewLeadsBanner | null {
  return bannerFrom(memory.leadsCheck(), PollState.load(ctx.userStore), lastPollAt(ctx));
}

function lastPollAt(ctx: AppContext): number | null {
  try {
    const last = JSON.parse(ctx.userStore.get(LAST_POLL_KEY) || 'null') as { at?: unknown } | null;
    return last && typeof last.at === 'number' ? last.at : null;
  } catch {
    return null;
  }
}
