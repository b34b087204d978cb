import { FakeSession } from '../../tools/workbench/fakes/session';

const session = (activeUserEmail: string, effectiveUserEmail?: string) =>
  new FakeSession({
    activeUserEmail,
    effectiveUserEmail,
    scriptId: 'script-123',
    scriptTimeZone: 'Europe/Berlin',
  });

test('the active and effective users, the script time zone and the locale', () => {
  const s = session('ana@example.com', 'owner@example.com');
  expect(s.getActiveUser().getEmail()).toBe('ana@example.com');
  expect(s.getEffectiveUser().getEmail()).toBe('owner@example.com');
  expect(session('ana@example.com').getEffectiveUser().getEmail()).toBe('ana@example.com');
  expect(s.getScriptTimeZone()).toBe('Europe/Berlin');
  expect(s.getTimeZone()).toBe('Europe/Berlin');
  expect(s.getActiveUserLocale()).toBe('en');
});

test('the temporary user key is stable per user, differs between users and does not reveal the email', () => {
  const key = session('ana@example.com').getTemporaryActiveUserKey();
  expect(session('ana@example.com').getTemporaryActiveUserKey()).toBe(key);
  expect(session('bob@example.com').getTemporaryActiveUserKey()).not.toBe(key);
  expect(key).not.toContain('ana');
});

test('an execution that may not see the user gets an empty email, as Apps Script gives', () => {
  expect(session('').getActiveUser().getEmail()).toBe('');
});
