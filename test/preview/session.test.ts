// The dev page's session over the real bundle: steps from the page, and the state it renders.
import { PreviewSession } from '../../tools/preview/session';
import { cardButtons } from '../../tools/workbench/runner';
import { bundleCode, fixture } from '../workbench/run-fixture';

jest.setTimeout(60_000);

describe('PreviewSession', () => {
  let session: PreviewSession;
  beforeAll(async () => {
    session = new PreviewSession(fixture('default'), await bundleCode());
  });
  afterAll(() => session.close());

  it('opens a conversation: the thread shows in the middle, marked read, and the card in the sidebar', () => {
    session.step({ open: 'msg-sarah-demo' });
    const state = session.state();
    expect(state.openThreadId).toBe('thread-sarah-demo');
    expect(state.html.message).toContain('Demo for our operations team');
    expect(state.html.threads).toMatch(/<li class="thread selected" data-thread-id="thread-sarah-demo"/);
    expect(state.html.sidebar).toContain('<div class="card-title">Sarah Chen</div>');
  });

  it('presses a button with the page form values and shows the draft it opened', () => {
    const card = session.state().card as Record<string, unknown>;
    const index = cardButtons(card).findIndex((b) => b.text === 'Create reply draft');
    const view = session.step({
      press: 'Create reply draft',
      button: index,
      inputs: { slots: ['1773239400000'], template: ['times-that-work'] },
    });
    expect(view.error).toBeNull();
    const state = session.state();
    const draft = state.drafts.find((d) => d.draftId === view.openedDraft?.draftId);
    expect(draft?.textBody).toContain('Wed, Mar 11, 10:30 – 11:00 AM EDT');
    expect(draft?.textBody).not.toContain('Tue, Mar 10, 1:00');
    expect(state.html.compose[draft?.draftId as string]).toContain('Re: Demo for our operations team');
  });

  it('names each Discard after its person, so every button press is unambiguous', () => {
    session.step({ poll: true });
    session.step({ homepage: 'gmail' });
    const buttons = cardButtons(session.state().card as Record<string, unknown>);
    const discards = buttons.filter((b) => String(b.altText || '').startsWith('Discard draft to '));
    expect(discards.length).toBeGreaterThan(1);
    expect(new Set(discards.map((b) => b.altText)).size).toBe(discards.length);
    const drafts = session.state().drafts.length;
    const label = String(discards[1].altText);
    expect(session.step({ press: label }).error).toBeNull();
    expect(session.state().drafts).toHaveLength(drafts);
    expect(session.step({ press: label }).error).toBeNull();
    expect(session.state().drafts).toHaveLength(drafts - 1);
  });

  it('refuses a button index that names another button', () => {
    expect(session.step({ press: 'Settings', button: 0 }).error).toMatch(/not "Settings"/);
  });
});
