import { FakeSession } from '../../tools/workbench/fakes/session';
import type { SessionExecutionKind } from '../../tools/workbench/fakes/session';

const DAY = 86_400_000;
const session = (
  executionKind: SessionExecutionKind,
  userEmail = 'ana@example.com',
  now = 0,
  locale?: string,
) =>
  new FakeSession({
    userEmail,
    executionKind,
    scriptId: 'script-123',
    scriptTimeZone: 'Europe/Berlin',
    locale,
    now: () => now,
  });

test('in a card callback the active and the effective user are both the user at the screen', () => {
  const s = session('card');
  expect(s.getActiveUser().getEmail()).toBe('ana@example.com');
  expect(s.getEffectiveUser().getEmail()).toBe('ana@example.com');
  expect(s.getUser().getEmail()).toBe('ana@example.com');
});

test('in a time-driven trigger the active user is blank and the effective user is the trigger’s owner', () => {
  const s = session('trigger');
  expect(s.getActiveUser().getEmail()).toBe('');
  expect(s.getUser().getEmail()).toBe('');
  expect(s.getEffectiveUser().getEmail()).toBe('ana@example.com');
});

test('the script time zone, and the locale as a language code', () => {
  const s = session('card', 'ana@example.com', 0, 'de-DE');
  expect(s.getScriptTimeZone()).toBe('Europe/Berlin');
  expect(s.getTimeZone()).toBe('Europe/Berlin');
  expect(s.getActiveUserLocale()).toBe('de');
  expect(session('trigger', 'ana@example.com', 0, 'pt_BR').getActiveUserLocale()).toBe('pt');
  expect(session('card').getActiveUserLocale()).toBe('en');
});

test('the temporary user key is per user, hides the email, and rotates every 30 days', () => {
  const key = session('card', 'ana@example.com', 5 * DAY).getTemporaryActiveUserKey();
  expect(session('card', 'ana@example.com', 29 * DAY).getTemporaryActiveUserKey()).toBe(key);
  expect(session('card', 'ana@example.com', 31 * DAY).getTemporaryActiveUserKey()).not.toBe(key);
  expect(session('card', 'bob@example.com', 5 * DAY).getTemporaryActiveUserKey()).not.toBe(key);
  expect(key).not.toContain('ana');
  // The key reveals nobody, so a trigger gets its owner's key although the email is withheld.
  expect(session('trigger', 'ana@example.com', 5 * DAY).getTemporaryActiveUserKey()).toBe(key);
});
