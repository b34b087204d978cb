// Settings: the card, saving with validation (shared settings by admins only), testing the HubSpot
// connection and creating the audit spreadsheet. Every change is audited; the token only as "changed".
import { INPUTS } from '../cards/actions';
import { notify, notify as notifyText, pushCard, updateCard } from '../cards/message-cards';
import { FORM_CHOICES_PARAMETER, settingsCard, SHOWN_PARAMETER } from '../cards/settings-card';
import { CrmError, describeError } from '../core/errors';
import { DEFAULT_FIELD_MAPPING } from '../core/prospect';
import { withOptIn } from '../core/unassigned';
import { diffSettings, mergeEdits, SHARED_FORM_FIELDS, validateShared, validateUser } from '../core/settings';
import type { FieldError, SharedSettings, UserSettings } from '../core/settings';
import type { Weekday, WeeklyHours } from '../core/slots';
import {
  attachAuditSpreadsheet,
  createAuditSpreadsheet,
  readTemplateRows,
} from '../services/audit-sheet-setup';
import { templatesFromRows } from '../core/template-sheet';
import { testConnection } from '../services/hubspot/connection-test';
import {
  AUDIT_OWNER_KEY,
  maskToken,
  readTeamConfig,
  writeShared,
  writeTemplates,
  fitsOneProperty,
  readFormChoices,
  SHARED_KEY,
  writeFormChoices,
  writeUserSettings,
  writeUnassignedTakers,
  writeWriterKey,
  UNASSIGNED_HISTORY_MS,
} from '../services/settings-store';
import { SidebarMemory } from './sidebar-memory';
import type { AppContext } from './context';
import { input, inputValues, parameter, timeValue, userTimeZone } from './events';
import type { AddOnEvent } from './events';
import { NO_ADMIN_YET } from './admins';
import { googleApiProblems } from './google-api-check';
import { cardAction, universalAction } from './handler';
import { ensureTrigger } from './trigger-setup';
import { writerFromForm } from '../cards/writer-settings-section';
import { countOf } from '../core/plural';

/** Settings from the add-on's menu. */
export const onSettingsAction = universalAction('onSettingsAction', (ctx) => [settingsFor(ctx, [], null)]);

/** Settings from a card's button: pushed, so Back returns to the card it was opened from. */
export const onOpenSettings = cardAction('onOpenSettings', (ctx) => pushCard(settingsFor(ctx, [], null)));

function settingsFor(
  ctx: AppContext,
  errors: FieldError[],
  notice: string | null,
): GoogleAppsScript.Card_Service.Card {
  const team = ctx.team;
  return settingsCard({
    isAdmin: ctx.isAdmin,
    tokenMask: maskToken(team.token),
    writerKeySet: !!team.writerKey,
    shared: team.shared,
    personal: ctx.user,
    auditSheetUrl: team.shared.auditSpreadsheetId
      ? `https://docs.google.com/spreadsheets/d/${team.shared.auditSpreadsheetId}/edit`
      : null,
    errors,
    notice: notice || team.problem || (team.admins.length ? undefined : NO_ADMIN_YET),
    formChoices: readFormChoices(ctx.scriptStore),
  });
}

/** Saving waits this long for another save to finish (saves are a few calls each). */
const SAVE_LOCK_WAIT_MS = 3_000;

/**
 * Saves under the script lock, merging into the settings as stored now: a field the person left as the
 * card showed it keeps its current value, so an admin's save made since the card was drawn is not undone.
 */
export const onSaveSettings = cardAction('onSaveSettings', (ctx, e) => {
  // Team settings and the team's record of who takes unassigned leads are shared: written under the
  // script lock, for a few calls. A rep's other own settings need no lock.
  const shared =
    ctx.isAdmin || personalFromForm(e, ctx.user).takeUnassignedLeads !== ctx.user.takeUnassignedLeads;
  if (shared && !ctx.scriptLock.tryLock(SAVE_LOCK_WAIT_MS))
    return notify('Someone else is saving settings right now: press Save again in a moment.');
  try {
    ctx.scriptStore.reload();
    ctx.team = readTeamConfig(ctx.scriptStore);
    return saveSettings(ctx, e);
  } finally {
    if (shared) ctx.scriptLock.release();
  }
});

function saveSettings(ctx: AppContext, e: AddOnEvent): GoogleAppsScript.Card_Service.ActionResponse {
  const team = ctx.team;
  const shown = parseShown(parameter(e, SHOWN_PARAMETER));
  const submitted = sharedFromForm(e, team.shared, readFormChoices(ctx.scriptStore));
  // Compared as validated values ("10" typed is 10 shown).
  const checked = validateShared(submitted, { allowSubHourly: team.allowSubHourly });
  const sharedInput =
    shown && checked.ok
      ? mergeEdits(team.shared, shown, checked.value as object as Record<string, unknown>, SHARED_FORM_FIELDS)
      : submitted;
  const personalInput = personalFromForm(e, ctx.user);
  const shared = validateShared(sharedInput, { allowSubHourly: team.allowSubHourly });
  const personal = validateUser(personalInput, { templateIds: team.templates.map((t) => t.id) });
  const errors = (shared.ok ? [] : shared.errors).concat(personal.ok ? [] : personal.errors);
  const newToken = (input(e, INPUTS.hubspotToken) || '').trim();
  if (newToken && !/^[A-Za-z0-9_-]{20,}$/.test(newToken)) {
    errors.push({
      field: 'hubspotToken',
      message: 'That does not look like a HubSpot access token (pat-… from a private app).',
    });
  }
  const newWriterKey = (input(e, INPUTS.writerKey) || '').trim();
  if (newWriterKey && !/^[A-Za-z0-9_-]{20,200}$/.test(newWriterKey)) {
    errors.push({
      field: 'writerKey',
      message: 'That does not look like a Gemini API key (from Google AI Studio).',
    });
  }
  if (shared.ok && !fitsOneProperty(SHARED_KEY, JSON.stringify(shared.value))) {
    errors.push({
      field: 'forms',
      message:
        'Too many forms to keep: Apps Script stores at most 9 KB per setting. Remove some forms or shorten their names.',
    });
  }
  if (!shared.ok || !personal.ok || errors.length)
    return updateCard(settingsFor(ctx, errors, 'Nothing was saved: fix the fields marked below.'));

  const sharedChanges = diffSettings(team.shared, shared.value);
  const touchesShared = sharedChanges.length > 0 || newToken !== '' || newWriterKey !== '';
  if (touchesShared && !ctx.isAdmin) {
    ctx.audit().record('security_alert', {
      resourceType: 'setting',
      resourceId: 'shared',
      outcome: 'failure',
      summary: `${ctx.userEmail} tried to change shared settings but is not an admin`,
      details: {
        fields: sharedChanges
          .map((c) => c.field)
          .concat(newToken ? ['hubspotToken'] : [], newWriterKey ? ['writerKey'] : []),
      },
    });
    return updateCard(
      settingsFor(
        ctx,
        [],
        `${team.admins.length ? 'Only the admins listed for this add-on can change shared settings.' : NO_ADMIN_YET} Your own settings were not saved either: remove the shared changes and save again.`,
      ),
    );
  }
  const notes: string[] = [];
  if (touchesShared) {
    writeShared(ctx.scriptStore, shared.value, newToken || null);
    if (newWriterKey) writeWriterKey(ctx.scriptStore, newWriterKey);
    const changes = sharedChanges
      .map((c) => ({ ...c }))
      .concat(newToken ? [{ field: 'hubspotToken', old: team.token ? 'set' : null, new: 'changed' }] : [])
      .concat(
        newWriterKey ? [{ field: 'writerKey', old: team.writerKey ? 'set' : null, new: 'changed' }] : [],
      );
    ctx.audit().record('config_change', {
      resourceType: 'setting',
      resourceId: 'shared',
      outcome: 'success',
      summary: `Shared settings changed: ${changes.map((c) => c.field).join(', ')}`,
      details: { changes },
    });
    ctx.team = readTeamConfig(ctx.scriptStore);
    // The saver's own trigger follows a new interval now; everyone else's on their next homepage visit.
    if (sharedChanges.some((c) => c.field === 'pollerIntervalMinutes')) {
      const trigger = ensureTrigger(ctx, true);
      notes.push(trigger.notice || `Your trigger now runs every ${shared.value.pollerIntervalMinutes} min.`);
    }
    const memory = new SidebarMemory(ctx);
    memory.forgetTeam();
    memory.save();
  }
  const personalChanges = diffSettings(ctx.user, personal.value);
  if (personalChanges.length) {
    writeUserSettings(ctx.userStore, personal.value);
    ctx.audit().record('config_change', {
      resourceType: 'setting',
      resourceId: `user:${ctx.userEmail}`,
      outcome: 'success',
      summary: `Personal settings changed: ${personalChanges.map((c) => c.field).join(', ')}`,
      details: { changes: personalChanges },
    });
    if (personal.value.takeUnassignedLeads !== ctx.user.takeUnassignedLeads) {
      // The team's record decides unassigned leads for every rep (core/unassigned.ts); the lock is held.
      writeUnassignedTakers(
        ctx.scriptStore,
        withOptIn(
          ctx.team.unassignedTakers,
          ctx.userEmail,
          personal.value.takeUnassignedLeads,
          ctx.clock.now(),
          UNASSIGNED_HISTORY_MS,
        ),
      );
    }
    ctx.user = personal.value;
  }
  const saved = touchesShared || personalChanges.length ? 'Saved.' : 'No changes to save.';
  return updateCard(settingsFor(ctx, [], [saved].concat(notes).join(' ')));
}

function parseShown(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const onTestConnection = cardAction('onTestConnection', (ctx, e) => {
  const withProblems = withGoogleApiProblems(ctx);
  const notify = (text: string) => notifyText(withProblems(text));
  const typed = (input(e, INPUTS.hubspotToken) || '').trim();
  const token = typed || ctx.team.token;
  if (!token) return notify('Enter a HubSpot access token first.');
  try {
    const report = testConnection(ctx.http, token);
    const failed = report.missing.length > 0;
    ctx.audit().record(failed ? 'auth_failure' : 'auth_success', {
      resourceType: 'setting',
      resourceId: 'hubspotToken',
      outcome: failed ? 'failure' : 'success',
      summary: `HubSpot connection test: ${report.summary}`,
      details: {
        hubId: report.hubId,
        scopes: report.scopes,
        missing: report.missing.map((m) => m.scope),
        owners: report.owners,
        forms: report.forms ? report.forms.forms.length : null,
      },
    });
    if (!report.forms) return notify(report.summary);
    // Remembered for the team: Settings offers these as checkboxes from now on.
    writeFormChoices(ctx.scriptStore, report.forms.forms);
    // A typed token is not saved yet and a redrawn card would drop it: then only the toast, and the
    // choices appear once the card is drawn again (after Save).
    if (typed) return notify(report.summary);
    return updateCard(settingsFor(ctx, [], null), withProblems(report.summary));
  } catch (error) {
    const described = describeError(error);
    const rejected = error instanceof CrmError && (error.kind === 'auth' || error.kind === 'forbidden');
    ctx.audit().record(rejected ? 'auth_failure' : 'connector_error', {
      resourceType: 'setting',
      resourceId: 'hubspotToken',
      outcome: 'failure',
      summary: `HubSpot connection test failed: ${described.message}`,
    });
    return notify(
      rejected
        ? `HubSpot rejected the token: ${described.message}`
        : `HubSpot did not answer: ${described.message}`,
    );
  }
});

/** Adds Google's API problems (a disabled Gmail or Calendar API) after the HubSpot result; audits them once. */
function withGoogleApiProblems(ctx: AppContext): (text: string) => string {
  const problems = googleApiProblems(ctx);
  if (problems) {
    ctx.audit().record('connector_error', {
      resourceType: 'setting',
      resourceId: 'googleApis',
      outcome: 'failure',
      summary: `Google API check: ${problems}`,
    });
  }
  return (text) => (problems ? `${text} ${problems}` : text);
}

export const onCreateAuditSheet = cardAction('onCreateAuditSheet', (ctx, e) => {
  if (!ctx.isAdmin) {
    ctx.audit().record('security_alert', {
      resourceType: 'setting',
      resourceId: 'auditSpreadsheetId',
      outcome: 'failure',
      summary: `${ctx.userEmail} tried to set the audit spreadsheet but is not an admin`,
    });
    return notify('Only an admin can set the audit spreadsheet.');
  }
  const url = (input(e, INPUTS.auditSheetUrl) || '').trim();
  const sheet = url
    ? attachAuditSpreadsheet(url, ctx.userEmail)
    : createAuditSpreadsheet(ctx.userEmail, userTimeZone(e, ctx.timeZone));
  const team = ctx.team;
  const shared: SharedSettings = { ...team.shared, auditSpreadsheetId: sheet.id };
  writeShared(ctx.scriptStore, shared);
  ctx.scriptStore.setAll({ [AUDIT_OWNER_KEY]: ctx.userEmail });
  ctx.team = readTeamConfig(ctx.scriptStore);
  ctx.audit().record('config_change', {
    resourceType: 'setting',
    resourceId: 'auditSpreadsheetId',
    outcome: 'success',
    summary: `Audit spreadsheet ${url ? 'attached' : 'created'}`,
    details: {
      changes: [{ field: 'auditSpreadsheetId', old: team.shared.auditSpreadsheetId, new: sheet.id }],
      url: sheet.url,
    },
  });
  return updateCard(settingsFor(ctx, [], `Audit spreadsheet ready: ${sheet.url}`));
});

// ---- reading the settings form ----------------------------------------------------------------------

function sharedFromForm(
  e: AddOnEvent,
  current: SharedSettings,
  choices: Array<{ guid: string; name: string }> | null,
): Record<string, unknown> {
  const value = (name: string, fallback: unknown) => {
    const given = input(e, name);
    return given === null ? fallback : given;
  };
  const formsText = input(e, INPUTS.forms);
  const offered = parameter(e, FORM_CHOICES_PARAMETER) === '1' ? choices : null;
  return {
    ...current,
    portalId: value(INPUTS.portalId, current.portalId) || null,
    forms: offered
      ? uniqueForms(
          formsFromChoices(inputValues(e, INPUTS.formChoices), offered, current).concat(
            formsFromText(formsText || '', current),
          ),
        )
      : formsText === null
        ? current.forms
        : formsFromText(formsText, current),
    pollerEnabled:
      inputValues(e, INPUTS.pollerEnabled).length > 0 ||
      (input(e, INPUTS.pollerIntervalMinutes) === null && current.pollerEnabled),
    pollerIntervalMinutes: value(INPUTS.pollerIntervalMinutes, current.pollerIntervalMinutes),
    contactCooldownDays: value(INPUTS.contactCooldownDays, current.contactCooldownDays),
    domainDailyLimit: value(INPUTS.domainDailyLimit, current.domainDailyLimit),
    retentionDays: value(INPUTS.retentionDays, current.retentionDays),
    writer: writerFromForm(
      (name) => input(e, name),
      inputValues(e, INPUTS.writerEnabled).length > 0,
      current.writer,
    ),
  };
}

/** The ticked forms of those the card offered (a value it did not offer is ignored), with HubSpot's names. */
function formsFromChoices(
  ticked: string[],
  offered: Array<{ guid: string; name: string }>,
  current: SharedSettings,
): unknown[] {
  return offered
    .filter((choice) => ticked.indexOf(choice.guid) >= 0)
    .map((choice) => {
      const known = current.forms.filter((f) => f.guid === choice.guid)[0];
      return { guid: choice.guid, name: choice.name, mapping: known ? known.mapping : DEFAULT_FIELD_MAPPING };
    });
}

/** A form ticked and typed too is watched once. */
function uniqueForms(forms: unknown[]): unknown[] {
  const seen = new Set<unknown>();
  return forms.filter((f) => {
    const guid = (f as { guid?: unknown }).guid;
    if (seen.has(guid)) return false;
    seen.add(guid);
    return true;
  });
}

/** One form per line: "guid | name"; an existing form keeps its field mapping. */
function formsFromText(text: string, current: SharedSettings): unknown[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [guid, ...name] = line.split('|').map((part) => part.trim());
      const known = current.forms.filter((f) => f.guid === guid)[0];
      return {
        guid,
        name: name.join(' | ') || (known ? known.name : undefined),
        mapping: known ? known.mapping : DEFAULT_FIELD_MAPPING,
      };
    });
}

function personalFromForm(e: AddOnEvent, current: UserSettings): Record<string, unknown> {
  const value = (name: string, fallback: unknown) => {
    const given = input(e, name);
    return given === null ? fallback : given;
  };
  const days = inputValues(e, INPUTS.workingDays);
  const start = timeValue(e, INPUTS.workStart);
  const end = timeValue(e, INPUTS.workEnd);
  let weeklyHours: WeeklyHours = current.slotRules.weeklyHours;
  if (start !== null || end !== null || days.length) {
    weeklyHours = {};
    for (const day of days)
      weeklyHours[Number(day) as Weekday] = [
        { start: (start || '09:00').trim(), end: (end || '17:00').trim() },
      ];
  }
  const buffer = input(e, INPUTS.bufferMinutes);
  return {
    ...current,
    slotRules: {
      ...current.slotRules,
      weeklyHours,
      slotMinutes: value(INPUTS.slotMinutes, current.slotRules.slotMinutes),
      bufferBeforeMinutes: buffer === null ? current.slotRules.bufferBeforeMinutes : buffer,
      bufferAfterMinutes: buffer === null ? current.slotRules.bufferAfterMinutes : buffer,
      minNoticeMinutes: value(INPUTS.minNoticeMinutes, current.slotRules.minNoticeMinutes),
      horizonDays: value(INPUTS.horizonDays, current.slotRules.horizonDays),
    },
    takeUnassignedLeads:
      inputValues(e, INPUTS.takeUnassignedLeads).length > 0 ||
      (input(e, INPUTS.slotMinutes) === null && current.takeUnassignedLeads),
    holdReleaseDays: value(INPUTS.holdReleaseDays, current.holdReleaseDays),
    senderName: (value(INPUTS.senderName, current.senderName) as string | null) || null,
  };
}

/** Loads the team's templates from the Templates tab; any broken row is named and nothing changes. */
export const onSyncTemplates = cardAction('onSyncTemplates', (ctx) => {
  const id = ctx.team.shared.auditSpreadsheetId;
  if (!id) return notify('Create the audit sheet first: its Templates tab holds the templates.');
  if (!ctx.isAdmin) {
    ctx.audit().record('security_alert', {
      resourceType: 'setting',
      resourceId: 'templates',
      outcome: 'failure',
      summary: `${ctx.userEmail} tried to load the team's templates but is not an admin`,
    });
    return notify("Only an admin can load the team's templates.");
  }
  const rows = readTemplateRows(id);
  const read = rows
    ? templatesFromRows(rows)
    : { ok: false as const, problems: ['The audit sheet has no Templates tab'] };
  if (!read.ok) {
    return updateCard(settingsFor(ctx, [], `Templates not loaded: ${read.problems.slice(0, 5).join(' · ')}`));
  }
  const before = ctx.team.templates;
  writeTemplates(ctx.scriptStore, read.templates);
  ctx.team = readTeamConfig(ctx.scriptStore);
  const memory = new SidebarMemory(ctx);
  memory.forgetTeam();
  memory.save();
  ctx.audit().record('config_change', {
    resourceType: 'setting',
    resourceId: 'templates',
    outcome: 'success',
    summary: `Templates loaded from the sheet: ${read.templates.map((t) => t.name).join(', ')}`,
    details: {
      changes: [{ field: 'templates', old: before.map((t) => t.id), new: read.templates.map((t) => t.id) }],
    },
  });
  return updateCard(
    settingsFor(ctx, [], `Loaded ${countOf(read.templates.length, 'template')} from the sheet.`),
  );
});
