// Prospector's preset: its settings and HubSpot token saved before the story, the audit sheet made by an
// admin, each user's triggers installed as their first homepage visit installs them; the step kinds
// `poll`, `submit`, `hubspotFaults` and `saveSettings`; and the team's settings at the end.
import { validateShared, validateUser } from '../../../src/core/settings';
import type { FaultConfig } from '../../sandbox/faults';
import type { Preset, PresetRunner } from '../preset';
import type { StepResult } from '../step-result';
import { timeOf } from '../scenario';
import type { SettingsToSave } from '../scenario';

/** Script and user property keys, as src/services/settings-store.ts writes them. */
const KEYS = {
  shared: 'settings.shared',
  token: 'hubspot.token',
  writerKey: 'writer.key',
  admins: 'admins',
  user: 'settings.user',
  unassigned: 'team.unassigned',
};
/** The Settings card's labels and input names (src/cards/settings-card.ts, src/cards/actions.ts). */
const SETTINGS = { universal: 'Settings', save: 'Save', createAuditSheet: 'Create audit sheet' };

export const prospectorPreset: Preset = {
  name: 'prospector',

  prepare(runner) {
    const { scenario, world } = runner;
    const script = world.properties.script;
    const { settings } = scenario;
    const shared = validateShared(settings.shared, { allowSubHourly: !scenario.addOn });
    if (!shared.ok)
      throw new Error(
        `Invalid scenario: settings.shared: ${shared.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      );
    script.set(KEYS.shared, JSON.stringify(shared.value));
    if (settings.hubspotToken) script.set(KEYS.token, settings.hubspotToken);
    if (settings.writerKey) script.set(KEYS.writerKey, settings.writerKey);
    if (settings.admins.length) script.set(KEYS.admins, settings.admins.join(','));
    const users = scenario.users?.length ? scenario.users : [scenario.user];
    // Those who take unassigned leads opted in before the story: the team's record says so (its rule
    // gives each unowned lead to one of them; core/unassigned.ts).
    const takers: Array<{ email: string; since: number }> = [];
    users.forEach((user, i) => {
      const own = user.settings ?? (i === 0 ? settings.user : null);
      if (!own) return;
      const personal = validateUser(own);
      if (!personal.ok)
        throw new Error(
          `Invalid scenario: settings of ${user.email}: ${personal.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
        );
      world.properties.user(user.email).set(KEYS.user, JSON.stringify(personal.value));
      if (personal.value.takeUnassignedLeads) takers.push({ email: user.email.toLowerCase(), since: 0 });
    });
    if (takers.length) script.set(KEYS.unassigned, JSON.stringify(takers));
    const setup: StepResult[] = [];
    if (settings.createAuditSheet) {
      const admin = settings.admins[0] || users[0].email;
      setup.push(
        runner.step({ label: 'Setup: an admin opens Settings', universal: SETTINGS.universal, as: admin }),
      );
      setup.push(
        runner.step({
          label: 'Setup: the admin creates the audit sheet',
          press: SETTINGS.createAuditSheet,
          as: admin,
        }),
      );
    }
    // Each user's first homepage visit installs their time-driven trigger(s).
    for (const user of users)
      setup.push(
        runner.step({ label: `Setup: ${user.email} opens the homepage`, homepage: 'gmail', as: user.email }),
      );
    for (const r of setup)
      if (r.error || process.env.WORKBENCH_DEBUG)
        console.error('setup:', r.label, r.error, JSON.stringify(r.card).slice(0, 400));
  },

  perform(runner, step, result) {
    if ('poll' in step) {
      const handler = installedHandler(runner, runner.actingUser);
      result.returned = runner.call(handler, 'trigger', undefined, result);
      return true;
    }
    if ('hubspotFaults' in step) {
      runner.world.setHubspotFaults(step.hubspotFaults as FaultConfig);
      return true;
    }
    if ('submit' in step) {
      const s = step.submit.submission;
      const now = runner.world.clock.now();
      runner.world.addSubmission(step.submit.form, {
        conversionId: s.conversionId ?? `conv-live-${now}`,
        submittedAt: timeOf(s.submittedAt, now, 'submit.submission.submittedAt'),
        values: s.values.map((v) => ({ name: v.name, value: v.value ?? '' })),
        pageUrl: s.pageUrl,
      });
      return true;
    }
    if ('saveSettings' in step) {
      saveSettings(runner, step.saveSettings, result);
      return true;
    }
    return false;
  },

  settingsAtEnd(runner) {
    const script = runner.world.properties.script;
    const shared = script.get(KEYS.shared);
    const token = script.get(KEYS.token);
    return {
      admins: (script.get(KEYS.admins) || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      shared: shared ? JSON.parse(shared) : null,
      hubspotToken: token ? `${token.slice(0, 8)}…${token.slice(-4)}` : null,
    };
  },
};

/** The time-driven handler the user installed; the most frequent one when there are several. */
function installedHandler(runner: PresetRunner, email: string): string {
  const mine = runner.world.triggers
    .ownedBy(email)
    .filter((t) => t.schedule && typeof t.schedule === 'object')
    .sort((a, b) => periodMs(a.schedule) - periodMs(b.schedule));
  if (!mine.length)
    throw new Error(
      `${email} has no time-driven trigger installed (the homepage installs it when the poller is on)`,
    );
  return mine[0].handlerFunction;
}

function periodMs(schedule: unknown): number {
  const s = schedule as { kind?: string; every?: number };
  const unit = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000 }[s.kind || ''];
  return unit ? unit * (s.every || 1) : Number.MAX_SAFE_INTEGER;
}

/** Fills the Settings card from a settings object and presses Save, as an admin or a rep would. */
function saveSettings(runner: PresetRunner, settings: SettingsToSave, result: StepResult): void {
  runner.universal(SETTINGS.universal, result);
  const inputs: Record<string, string | string[]> = {};
  const clear: string[] = [];
  const choose: Record<string, string[]> = {};
  const flag = (name: string, on: unknown) => (on ? (inputs[name] = 'on') : clear.push(name));
  const shared = settings.shared || {};
  const user = settings.user || {};
  if (settings.hubspotToken !== undefined) inputs.hubspotToken = settings.hubspotToken;
  if (shared.portalId !== undefined) inputs.portalId = String(shared.portalId ?? '');
  if (Array.isArray(shared.forms))
    inputs.forms = (shared.forms as Array<{ guid: string; name?: string }>)
      .map((f) => (f.name ? `${f.guid} | ${f.name}` : f.guid))
      .join('\n');
  if (shared.pollerEnabled !== undefined) flag('pollerEnabled', shared.pollerEnabled);
  for (const key of ['pollerIntervalMinutes', 'contactCooldownDays', 'domainDailyLimit', 'retentionDays'])
    if (shared[key] !== undefined) inputs[key] = String(shared[key]);
  const rules = (user.slotRules || {}) as Record<string, unknown>;
  const weekly = rules.weeklyHours as Record<string, Array<{ start: string; end: string }>> | undefined;
  if (weekly) {
    const days = Object.keys(weekly).filter((d) => weekly[d] && weekly[d].length);
    choose.workingDays = days;
    if (days.length) {
      inputs.workStart = weekly[days[0]][0].start;
      inputs.workEnd = weekly[days[0]][0].end;
    }
  }
  for (const key of ['slotMinutes', 'minNoticeMinutes', 'horizonDays'])
    if (rules[key] !== undefined) inputs[key] = String(rules[key]);
  if (rules.bufferBeforeMinutes !== undefined) inputs.bufferMinutes = String(rules.bufferBeforeMinutes);
  if (user.takeUnassignedLeads !== undefined) flag('takeUnassignedLeads', user.takeUnassignedLeads);
  if (user.holdReleaseDays !== undefined) inputs.holdReleaseDays = String(user.holdReleaseDays);
  if (user.senderName !== undefined) inputs.senderName = String(user.senderName ?? '');
  runner.press(SETTINGS.save, { inputs, clear, choose }, result);
}
