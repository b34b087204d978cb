// What the poller forgets: settled records below a form's watermark go; the newest 50 of each form stay
// known by id, since a run can still meet them on the page it reads below the watermark (and must know
// them, or it would reject a lead it already answered as "before the watermark").
import type { KeyValueStore } from '../../src/core/ports';
import { PollState } from '../../src/core/poll-state';

function memoryStore(): KeyValueStore & { values: Record<string, string> } {
  const values: Record<string, string> = {};
  return {
    values,
    reload: () => undefined,
    get: (key) => values[key] ?? null,
    getAll: () => ({ ...values }),
    setAll: (changes) => Object.assign(values, changes),
    delete: (key) => delete values[key],
  };
}

const FORM = 'form-a';
const OLD_FORM = 'form-gone';
const WATERMARK = 1_000_000;

function stateWith(records: Array<{ id: string; at: number; form?: string; stage?: 'done' | 'drafted' }>) {
  const store = memoryStore();
  const state = PollState.load(store);
  state.setWatermark(FORM, WATERMARK);
  for (const r of records) {
    state.setRecord(r.id, {
      stage: r.stage || 'done',
      formGuid: r.form || FORM,
      submittedAt: r.at,
      email: `${r.id}@x.example`,
      updatedAt: r.at,
    });
  }
  state.checkpoint(store);
  return { store, state: PollState.load(store) };
}

describe('PollState.prune', () => {
  it('forgets settled records below the watermark but remembers the newest 50 ids; keeps the rest', () => {
    const below = Array.from({ length: 150 }, (_, i) => ({ id: `below-${i}`, at: WATERMARK - 1 - i }));
    const above = Array.from({ length: 5 }, (_, i) => ({ id: `above-${i}`, at: WATERMARK + i }));
    const { store, state } = stateWith([
      ...below,
      ...above,
      { id: 'in-doubt', at: 5, stage: 'drafted' },
      { id: 'other-form', at: 5, form: OLD_FORM },
    ]);
    state.prune(WATERMARK, 14, [FORM]);
    state.checkpoint(store);
    const after = PollState.load(store);
    const kept = new Set(after.records().map(([id]) => id));
    expect(below.filter((r) => kept.has(r.id))).toEqual([]);
    expect(below.filter((r) => after.passedBelowWatermark(FORM, r.id)).map((r) => r.id)).toEqual(
      below.slice(0, 50).map((r) => r.id),
    );
    expect(above.every((r) => kept.has(r.id))).toBe(true);
    expect(kept.has('in-doubt')).toBe(true);
    // A form no longer polled: its pages are never read again.
    expect(kept.has('other-form')).toBe(false);
    // Later prunes merge: the newest 50 over both.
    const later = Array.from({ length: 120 }, (_, i) => ({ id: `later-${i}`, at: WATERMARK + 10 + i }));
    for (const r of later)
      after.setRecord(r.id, { stage: 'done', formGuid: FORM, submittedAt: r.at, email: '', updatedAt: r.at });
    after.setWatermark(FORM, WATERMARK + 40);
    after.prune(WATERMARK, 14, [FORM]);
    const all = [...later, ...above, ...below].sort((a, b) => b.at - a.at);
    const passed = all.filter((r) => after.passedBelowWatermark(FORM, r.id)).map((r) => r.id);
    // later-0..29 (now below), the five above the old watermark, then the newest 15 of the first ones.
    expect(passed).toEqual(
      all
        .filter((r) => r.at < WATERMARK + 40)
        .slice(0, 50)
        .map((r) => r.id),
    );
    expect(passed.filter((id) => id.startsWith('below-'))).toHaveLength(15);
  });

  it('leaves a small store alone (a prune costs a full rewrite)', () => {
    const { store, state } = stateWith(
      Array.from({ length: 20 }, (_, i) => ({ id: `r-${i}`, at: WATERMARK - 1 - i })),
    );
    state.prune(WATERMARK, 14, [FORM]);
    expect(state.dirty).toBe(false);
    expect(Object.keys(store.values).filter((k) => k.startsWith('sub:'))).toHaveLength(20);
  });
});
