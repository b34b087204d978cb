import fc from 'fast-check';
import { takersAt, unassignedTakerFor, withOptIn } from '../../src/core/unassigned';
import type { UnassignedTaker } from '../../src/core/unassigned';

const DAY = 86_400_000;

describe('unassigned leads go to exactly one rep', () => {
  const team: UnassignedTaker[] = [
    { email: 'sam@northwind.example', since: 0 },
    { email: 'Alex@northwind.example', since: 0 },
    { email: 'jo@northwind.example', since: 10 * DAY },
  ];

  it('every rep computes the same rep for a lead, among those who took leads when it came in', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 0, max: 20 * DAY }), (id, at) => {
        const chosen = unassignedTakerFor(id, at, team);
        // Any order of the record gives the same answer.
        expect(unassignedTakerFor(id, at, [...team].reverse())).toBe(chosen);
        expect(takersAt(team, at)).toContain(chosen);
        if (at < 10 * DAY) expect(chosen).not.toBe('jo@northwind.example');
      }),
    );
  });

  it('spreads leads over the reps', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const who = unassignedTakerFor(`conv-${i}`, 5 * DAY, team) as string;
      counts.set(who, (counts.get(who) || 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['alex@northwind.example', 'sam@northwind.example']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(100);
  });

  it('nobody when nobody took unassigned leads then', () => {
    expect(unassignedTakerFor('x', 1, [])).toBeNull();
    expect(unassignedTakerFor('x', 1, [{ email: 'late@x.example', since: 5 }])).toBeNull();
  });

  it('an opt-out keeps the leads submitted before it with that rep; an opt-in takes only later ones', () => {
    let record = withOptIn([], 'a@x.example', true, 100, 30 * DAY);
    record = withOptIn(record, 'b@x.example', true, 200, 30 * DAY);
    record = withOptIn(record, 'a@x.example', false, 300, 30 * DAY);
    expect(takersAt(record, 150)).toEqual(['a@x.example']);
    expect(takersAt(record, 250)).toEqual(['a@x.example', 'b@x.example']);
    expect(takersAt(record, 350)).toEqual(['b@x.example']);
    // Opting in twice changes nothing; closed entries are forgotten after the keep window.
    expect(withOptIn(record, 'b@x.example', true, 400, 30 * DAY)).toEqual(record);
    expect(withOptIn(record, 'c@x.example', false, 300 + 31 * DAY, 30 * DAY)).toEqual([
      { email: 'b@x.example', since: 200 },
    ]);
  });
});
