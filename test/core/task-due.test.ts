import {
  defaultDueDay,
  defaultTaskSubject,
  pickedDay,
  pickerValue,
  shortenAtWord,
  taskDueAt,
} from '../../src/core/task-due';
import { DEFAULT_SLOT_RULES } from '../../src/core/slots';

const HOURS = DEFAULT_SLOT_RULES.weeklyHours;
const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

describe('the due date of a task', () => {
  it('reads the picked day in UTC and makes the task due at 9:00 that day in the rep’s zone', () => {
    // Tue Mar 10 2026: Google sends 2026-03-10T00:00Z, which is still Mar 9 in New York.
    const picked = Date.UTC(2026, 2, 10);
    const now = Date.UTC(2026, 2, 9, 15, 0);
    const due = taskDueAt(pickedDay(picked), now, NY, HOURS);
    // Mar 10 09:00 EDT (New York moved to daylight time on Mar 8) is 13:00 UTC.
    expect(due).toEqual({ ok: true, dueAt: Date.UTC(2026, 2, 10, 13, 0) });
  });

  it('east of UTC too: Tokyo picks Mar 10, due Mar 10 9:00 in Tokyo (00:00 UTC)', () => {
    const due = taskDueAt(pickedDay(Date.UTC(2026, 2, 10)), Date.UTC(2026, 2, 9, 1), TOKYO, HOURS);
    expect(due).toEqual({ ok: true, dueAt: Date.UTC(2026, 2, 10, 0, 0) });
  });

  it('starts with the rep’s own working day, 09:00 on a day off', () => {
    const hours = { ...HOURS, 3: [{ start: '07:30', end: '15:00' }] };
    const wednesday = taskDueAt(pickedDay(Date.UTC(2026, 2, 11)), Date.UTC(2026, 2, 9), 'UTC', hours);
    expect(wednesday).toEqual({ ok: true, dueAt: Date.UTC(2026, 2, 11, 7, 30) });
    const saturday = taskDueAt(pickedDay(Date.UTC(2026, 2, 14)), Date.UTC(2026, 2, 9), 'UTC', hours);
    expect(saturday).toEqual({ ok: true, dueAt: Date.UTC(2026, 2, 14, 9, 0) });
  });

  it('today is fine; yesterday (in the rep’s zone) and more than a year ahead are refused with a reason', () => {
    // 02:00 UTC on Mar 10 is still Mar 9 in New York: Mar 9 is today there, not the past.
    const now = Date.UTC(2026, 2, 10, 2, 0);
    expect(taskDueAt(pickedDay(Date.UTC(2026, 2, 9)), now, NY, HOURS).ok).toBe(true);
    expect(taskDueAt(pickedDay(Date.UTC(2026, 2, 8)), now, NY, HOURS)).toEqual({
      ok: false,
      message: 'Pick a due date from today on.',
    });
    expect(taskDueAt(pickedDay(Date.UTC(2027, 2, 12)), now, NY, HOURS).ok).toBe(false);
  });

  it('defaults to tomorrow in the rep’s zone, as the picker shows it (midnight UTC)', () => {
    const lateEvening = Date.UTC(2026, 2, 10, 2, 0); // Mar 9, 10 PM in New York
    expect(pickerValue(defaultDueDay(lateEvening, NY))).toBe(Date.UTC(2026, 2, 10));
    expect(pickerValue(defaultDueDay(lateEvening, TOKYO))).toBe(Date.UTC(2026, 2, 11));
  });
});

describe('the default subject', () => {
  it('names the person, their address only when there is no name', () => {
    expect(defaultTaskSubject('Sarah Chen', 'sarah@acme.example')).toBe('Follow up with Sarah Chen');
    expect(defaultTaskSubject('  ', 'sarah@acme.example')).toBe('Follow up with sarah@acme.example');
  });

  it('never cuts a word in half', () => {
    const long = 'Follow up with Maximiliane Alexandra Konstantinopoulou-Wetherby about the renewal';
    const short = shortenAtWord(long, 40);
    expect(short.length).toBeLessThanOrEqual(40);
    expect(short).toBe('Follow up with Maximiliane Alexandra…');
    expect(shortenAtWord('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(shortenAtWord('  Call   back ', 40)).toBe('Call back');
  });
});
