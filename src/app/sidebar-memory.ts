// What the sidebar remembers between executions, in the user's own Properties: the lead views of the last
// few messages opened and a copy of the team's settings (token included, so it stays in Properties as the
// design requires). One getProperties call then gives the sidebar everything it needs, the user's settings
// too, and one setProperties call saves a new view.
import type { LeadView } from '../core/lead-view';
import type { LeadsCheck } from '../core/new-leads';
import type { Template } from '../core/templates';
import { utf8Length } from '../core/utf8';
import { fitsOneProperty, readTeamConfig } from '../services/settings-store';
import type { TeamConfig } from '../services/settings-store';
import type { AppContext } from './context';

const TEAM_COPY_KEY = 'sidebar.team';
/** The team's templates with their texts, copied with the team's settings when they fit one property. */
const TEMPLATES_COPY_KEY = 'sidebar.templates';
const VIEW_PREFIX = 'sidebar.view.';
const NEXT_SLOT_KEY = 'sidebar.next';
/** The last new-leads check (core/new-leads.ts): at most 20 short entries, about 3 KB. */
const LEADS_KEY = 'sidebar.leads';
/** Views kept, overwritten in turn: no deletion calls, and a bounded share of the 500 KB store. */
const VIEW_SLOTS = 4;
/** A larger view is simply not kept: four of them stay within what the poller leaves of the 500 KB store. */
const MAX_VIEW_BYTES = 6_000;

interface Stored<T> {
  at: number;
  value: T;
}

export class SidebarMemory {
  private readonly writes: Record<string, string> = {};

  constructor(private readonly ctx: AppContext) {}

  private get windowMs(): number {
    return Math.max(1, this.ctx.team.shared.cacheMinutes) * 60_000;
  }

  /**
   * The team's settings from the user's copy while it is fresh; otherwise from script properties (one
   * more read), copied for the next opens.
   */
  loadTeam(): TeamConfig {
    const copy = this.read<TeamConfig>(TEAM_COPY_KEY);
    const now = this.ctx.clock.now();
    if (copy && now - copy.at < Math.max(1, copy.value.shared.cacheMinutes) * 60_000) {
      this.ctx.team = copy.value;
    } else {
      this.ctx.team = readTeamConfig(this.ctx.scriptStore);
      const copy = JSON.stringify({ at: now, value: withoutTemplateTexts(this.ctx.team) });
      // Too big for one property (9 KB): not kept, and the next open reads the team's settings again.
      if (fitsOneProperty(TEAM_COPY_KEY, copy)) this.writes[TEAM_COPY_KEY] = copy;
      // The texts, for the reply draft; too big, and the draft reads them from script properties.
      const texts = JSON.stringify({ at: now, value: this.ctx.team.templates });
      this.writes[TEMPLATES_COPY_KEY] = fitsOneProperty(TEMPLATES_COPY_KEY, texts) ? texts : '';
    }
    return this.ctx.team;
  }

  /**
   * The team's templates with their texts: the copy made with the team's settings when it is there and
   * of the same moment, else script properties (one more read).
   */
  templates(): Template[] {
    const team = this.read<TeamConfig>(TEAM_COPY_KEY);
    const texts = this.read<Template[]>(TEMPLATES_COPY_KEY);
    const fresh =
      team && this.ctx.clock.now() - team.at < Math.max(1, team.value.shared.cacheMinutes) * 60_000;
    if (fresh && texts && texts.at === team.at) return texts.value;
    return readTeamConfig(this.ctx.scriptStore).templates;
  }

  /** After HubSpot rejected the token: the next open reads the team's settings afresh. */
  forgetTeam(): void {
    this.writes[TEAM_COPY_KEY] = '';
  }

  view(messageId: string): LeadView | null {
    const now = this.ctx.clock.now();
    for (let slot = 0; slot < VIEW_SLOTS; slot++) {
      const stored = this.read<LeadView>(VIEW_PREFIX + slot);
      if (stored && stored.value.messageId === messageId && now - stored.at < this.windowMs)
        return stored.value;
    }
    return null;
  }

  rememberView(view: LeadView): void {
    const text = JSON.stringify({ at: this.ctx.clock.now(), value: { ...view, owners: null } });
    if (utf8Length(text) > MAX_VIEW_BYTES) return;
    const existing = Array.from({ length: VIEW_SLOTS }, (_, slot) => slot).filter((slot) => {
      const stored = this.read<LeadView>(VIEW_PREFIX + slot);
      return stored && stored.value.messageId === view.messageId;
    })[0];
    const next = Number(this.ctx.userStore.get(NEXT_SLOT_KEY) || 0) % VIEW_SLOTS;
    const slot = existing === undefined ? next : existing;
    this.writes[VIEW_PREFIX + slot] = text;
    if (existing === undefined) this.writes[NEXT_SLOT_KEY] = String((next + 1) % VIEW_SLOTS);
  }

  /**
   * The zone HubSpot gave for `email` in a view this sidebar remembers, whatever its age (a person's zone
   * rarely changes): a string, null when HubSpot had none, undefined when no remembered view is about them.
   */
  zoneOf(email: string): string | null | undefined {
    const who = email.toLowerCase();
    for (let slot = 0; slot < VIEW_SLOTS; slot++) {
      const stored = this.read<LeadView>(VIEW_PREFIX + slot);
      const view = stored && stored.value;
      if (
        view &&
        view.counterpart &&
        view.counterpart.email.toLowerCase() === who &&
        view.crm.state === 'found'
      )
        return view.prospectTimeZone;
    }
    return undefined;
  }

  /** The last new-leads check, whatever its age: the banner shows it until the next check replaces it. */
  leadsCheck(): LeadsCheck | null {
    const stored = this.read<LeadsCheck>(LEADS_KEY);
    return stored && stored.value && Array.isArray(stored.value.leads) ? stored.value : null;
  }

  rememberLeadsCheck(check: LeadsCheck): void {
    const text = JSON.stringify({ at: check.at, value: check });
    if (fitsOneProperty(LEADS_KEY, text)) this.writes[LEADS_KEY] = text;
  }

  /** Other values of the user's store that travel in the same write (what an open learned on the way). */
  include(values: Record<string, string>): void {
    Object.assign(this.writes, values);
  }

  /** One setProperties call for everything remembered in this execution. */
  save(): void {
    if (Object.keys(this.writes).length) this.ctx.userStore.setAll(this.writes);
  }

  private read<T>(key: string): Stored<T> | null {
    const raw = this.ctx.userStore.get(key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Stored<T>;
    } catch {
      return null;
    }
  }
}

/**
 * The copy keeps each template's id and name (the card's Message choice) but not its text, which may be
 * 20,000 characters: the texts have a property of their own when they fit (TEMPLATES_COPY_KEY), else the
 * reply draft reads them from script properties.
 */
function withoutTemplateTexts(team: TeamConfig): TeamConfig {
  return {
    ...team,
    // The sidebar never needs the model's key: the reply draft action reads it from script properties.
    writerKey: null,
    templates: team.templates.map((t) => ({ id: t.id, name: t.name, subject: '', body: '' })),
  };
}
