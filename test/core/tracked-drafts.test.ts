// The drafts the homepage lists: a record keeps who the draft is for, their company and the form, after the
// older fields; records written before those fields read back as before, the homepage falling back to the
// address.
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

const DRAFT = { threadId: 't1', to: 'sarah@acme.example', subject: 'Times | for a call', preparedAt: 1_000 };

describe('tracked drafts', () => {
  it('keep the name, company and form beside the older fields, subjects with "|" intact', () => {
    const store = memoryStore();
    const state = PollState.load(store);
    state.trackDraft({ ...DRAFT, draftId: 'd1', name: 'Sarah Chen', company: 'Acme', formGuid: 'form-1' });
    state.checkpoint(store);
    expect(PollState.load(store).trackedDrafts()).toEqual([
      { ...DRAFT, draftId: 'd1', name: 'Sarah Chen', company: 'Acme', formGuid: 'form-1' },
    ]);
  });

  it('read a record from before those fields as before, with none of them', () => {
    const store = memoryStore();
    store.setAll({ [Object.keys(trackedKeys())[0]]: 't1|rs|sarah@acme.example|Times | for a call' });
    expect(PollState.load(store).trackedDrafts()).toEqual([
      { ...DRAFT, draftId: 'd1', name: null, company: null, formGuid: null },
    ]);
  });

  it('write no separator a hostile name could smuggle in, and keep each field short', () => {
    const store = memoryStore();
    const state = PollState.load(store);
    state.trackDraft({
      ...DRAFT,
      draftId: 'd1',
      name: 'Eve\u001fAcme\u001fform-x',
      company: 'C'.repeat(500),
    });
    state.checkpoint(store);
    const [read] = PollState.load(store).trackedDrafts();
    expect(read.name).toBe('EveAcmeform-x');
    expect(read.company).toBe('C'.repeat(60));
    expect(read.formGuid).toBeNull();
  });
});

/** The key PollState writes a draft under, learnt from PollState itself rather than spelled here. */
function trackedKeys(): Record<string, string> {
  const store = memoryStore();
  const state = PollState.load(store);
  state.trackDraft({ ...DRAFT, draftId: 'd1' });
  state.checkpoint(store);
  return store.values;
}
