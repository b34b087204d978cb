import fc from 'fast-check';
import { slotsForProspect, withinProspectHours } from '../../src/core/prospect-hours';
import { DEFAULT_SLOT_RULES, findFreeSlots } from '../../src/core/slots';
import type { SlotRules } from '../../src/core/slots';

const NEW_YORK: SlotRules = {
  ...DEFAULT_SLOT_RULES,
  timeZone: 'America/New_York',
  weeklyHours: {
    1: [{ start: '08:00', end: '19:00' }],
    2: [{ start: '08:00', end: '19:00' }],
    3: [{ start: '08:00', end: '19:00' }],
    4: [{ start: '08:00', end: '19:00' }],
    5: [{ start: '08:00', end: '19:00' }],
  },
  maxPerDay: 3,
  maxTotal: 5,
};
const NOW = Date.parse('2026-03-10T17:00:00Z'); // Tuesday 13:00 in New York (EDT), 17:00 in London (GMT)

describe('slots for a prospect in another zone', () => {
  it('prefers times inside the prospect working day', () => {
    const slots = slotsForProspect(NEW_YORK, [], NOW, 'Europe/London');
    expect(slots).toHaveLength(5);
    for (const slot of slots) expect(withinProspectHours(slot, 'Europe/London')).toBe(true);
    // Without the preference, New York's evening hours (after 18:00 in London) would be offered.
    const plain = findFreeSlots(NEW_YORK, [], NOW);
    expect(plain.some((s) => !withinProspectHours(s, 'Europe/London'))).toBe(true);
  });

  it('still offers times when none fall inside the prospect hours (Sydney)', () => {
    const slots = slotsForProspect(NEW_YORK, [], NOW, 'Australia/Sydney');
    expect(slots.length).toBe(5);
  });

  it('is the plain slot finder when the zone is the same or unknown', () => {
    expect(slotsForProspect(NEW_YORK, [], NOW, 'America/New_York')).toEqual(findFreeSlots(NEW_YORK, [], NOW));
    expect(slotsForProspect(NEW_YORK, [], NOW, null)).toEqual(findFreeSlots(NEW_YORK, [], NOW));
    expect(slotsForProspect(NEW_YORK, [], NOW, 'Not/AZone')).toEqual(findFreeSlots(NEW_YORK, [], NOW));
  });

  it('returns sorted, unique slots from the user free time, at most maxTotal (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        fc.constantFrom('Europe/London', 'Asia/Tokyo', 'America/Los_Angeles'),
        (offset, zone) => {
          const now = Date.parse('2026-01-01T00:00:00Z') + offset;
          const slots = slotsForProspect(NEW_YORK, [], now, zone);
          const free = new Set(
            findFreeSlots({ ...NEW_YORK, maxTotal: 100, maxPerDay: 48 }, [], now).map((s) => s.start),
          );
          expect(slots.length).toBeLessThanOrEqual(NEW_YORK.maxTotal);
          slots.forEach((s, i) => {
            expect(free.has(s.start)).toBe(true);
            if (i) expect(s.start).toBeGreaterThan(slots[i - 1].start);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
