import { ACTIONS } from '../../src/cards/actions';
import { homeCard } from '../../src/cards/home-card';
import type { HomeView } from '../../src/core/home-view';
import { slotOption } from '../../src/core/lead-view';
import {
  buttonNamed,
  cardTexts,
  hasButton,
  installCardService,
  jsonOf,
  params,
  sectionHeaders,
  sectionNamed,
  unknownActions,
  widgetTexts,
} from './card-json';
import type { Json } from './card-json';

beforeAll(installCardService);

const TZ = 'Europe/Berlin';
/** 23:30 UTC on Mar 2 is already Mar 3 in Berlin. */
const PREPARED = Date.UTC(2026, 2, 2, 23, 30);

function view(overrides: Partial<HomeView> = {}): HomeView {
  return {
    host: 'gmail',
    userEmail: 'me@mine.example',
    userTimeZone: TZ,
    drafts: [
      {
        draftId: 'd1',
        threadId: 'thr-1',
        to: 'ann@acme.example',
        subject: 'Times to talk',
        preparedAt: PREPARED,
      },
    ],
    newLeads: [{ email: 'bo@b.example', conversionId: 'c1', submittedAt: PREPARED, stage: 'done' }],
    lastPoll: { at: PREPARED, summary: '1 new lead, 1 draft prepared' },
    setup: {
      hasToken: true,
      hasAuditSheet: true,
      auditSheetUrl: 'https://x',
      formCount: 1,
      pollerEnabled: true,
      isAdmin: true,
    },
    nextSlots: null,
    notice: null,
    ...overrides,
  };
}

const render = (overrides: Partial<HomeView> = {}): Json => jsonOf(homeCard(view(overrides)));

describe('homeCard', () => {
  it('lists drafts waiting for review with Open (the thread) and Discard, in the user zone', () => {
    const card = render();
    const drafts = sectionNamed(card, 'Drafts waiting for review');
    expect(drafts.widgets[0].decoratedText).toMatchObject({
      topLabel: 'ann@acme.example',
      text: 'Times to talk',
      bottomLabel: 'Prepared Tue, Mar 3, 12:30 AM',
    });
    expect(buttonNamed(drafts, 'Open').onClick).toEqual({
      openLink: { url: 'https://mail.google.com/mail/?authuser=me%40mine.example#all/thr-1' },
    });
    const discard = buttonNamed(drafts, 'Discard');
    expect(discard.onClick.action.function).toBe(ACTIONS.discardDraft);
    expect(params(discard)).toEqual({ draftId: 'd1' });
  });

  it('says "Nothing waiting" and "No new leads" when there are none', () => {
    const card = render({ drafts: [], newLeads: [] });
    expect(widgetTexts(sectionNamed(card, 'Drafts waiting for review').widgets)).toEqual([
      'Nothing waiting.',
    ]);
    expect(widgetTexts(sectionNamed(card, 'New leads since your last visit').widgets)).toEqual([
      'No new leads.',
    ]);
  });

  it('shows new leads with where the poller got', () => {
    const leads = sectionNamed(render(), 'New leads since your last visit');
    expect(leads.widgets[0].decoratedText).toMatchObject({
      topLabel: 'Draft prepared',
      text: 'bo@b.example',
      bottomLabel: 'Submitted Tue, Mar 3, 12:30 AM',
    });
  });

  it('has the poll line, the three buttons and the draft-only footer line', () => {
    const card = render();
    const texts = cardTexts(card);
    expect(texts).toContain('Last check for new leads: Tue, Mar 3, 12:30 AM — 1 new lead, 1 draft prepared');
    expect(texts[texts.length - 1]).toContain('Prospector only prepares drafts. You review and send.');
    expect(buttonNamed(card, 'Check for new leads now').onClick.action.function).toBe(ACTIONS.pollNow);
    expect(buttonNamed(card, 'Verify audit trail').onClick.action.function).toBe(ACTIONS.verifyAudit);
    expect(buttonNamed(card, 'Settings').onClick.action.function).toBe(ACTIONS.openSettings);
    expect(cardTexts(render({ lastPoll: null }))).toContain('No check for new leads yet.');
  });

  it('shows a setup checklist only while something is missing', () => {
    expect(sectionHeaders(render())).not.toContain('Finish setting up');
    const card = render({
      setup: {
        hasToken: false,
        hasAuditSheet: true,
        auditSheetUrl: null,
        formCount: 0,
        pollerEnabled: false,
        isAdmin: false,
      },
    });
    expect(sectionHeaders(card)[0]).toBe('Finish setting up');
    const lines = widgetTexts(sectionNamed(card, 'Finish setting up').widgets);
    expect(lines).toHaveLength(4); // token, forms, poller, and the ask-an-admin hint
    expect(lines.join(' ')).toMatch(/access token.*forms.*poller.*admin/);
    expect(lines.join(' ')).not.toMatch(/audit sheet/);
    expect(hasButton(sectionNamed(card, 'Finish setting up'), 'Settings')).toBe(true);
  });

  it('puts the notice first', () => {
    const card = render({ notice: 'Checked for new leads: 2 drafts prepared' });
    expect(widgetTexts(card.sections[0].widgets)).toEqual(['Checked for new leads: 2 drafts prepared']);
  });

  it('shows the next free times in Calendar only', () => {
    const nextSlots = [
      slotOption({ start: Date.UTC(2026, 2, 3, 9), end: Date.UTC(2026, 2, 3, 9, 30) }, TZ, null),
    ];
    expect(sectionHeaders(render({ nextSlots }))).not.toContain('Next free times');
    const card = render({ host: 'calendar', nextSlots });
    expect(widgetTexts(sectionNamed(card, 'Next free times').widgets)).toEqual([
      'Tue, Mar 3, 10:00 – 10:30 AM CET',
    ]);
    expect(
      widgetTexts(sectionNamed(render({ host: 'calendar', nextSlots: [] }), 'Next free times').widgets)[0],
    ).toMatch(/No free times/);
    // null: the calendar could not be read (the notice says why), which is not "no free times".
    expect(
      widgetTexts(sectionNamed(render({ host: 'calendar', nextSlots: null }), 'Next free times').widgets)[0],
    ).toMatch(/cannot be shown right now/);
  });

  it('stays within card limits with hundreds of drafts and leads, and says how many are not listed', () => {
    const drafts = Array.from({ length: 300 }, (_, i) => ({ ...view().drafts[0], draftId: `d${i}` }));
    const newLeads = Array.from({ length: 300 }, (_, i) => ({
      ...view().newLeads[0],
      conversionId: `c${i}`,
    }));
    const card = render({ drafts, newLeads });
    for (const s of card.sections) expect(s.widgets.length).toBeLessThanOrEqual(100);
    expect(widgetTexts(sectionNamed(card, 'Drafts waiting for review').widgets).join(' ')).toMatch(
      /260 more drafts/,
    );
  });

  it('escapes recipients and subjects', () => {
    const card = render({
      drafts: [{ ...view().drafts[0], to: '<a href="x">x</a>', subject: 'R&D <b>' }],
    });
    const texts = widgetTexts(sectionNamed(card, 'Drafts waiting for review').widgets);
    expect(texts).toContain('&lt;a href=&quot;x&quot;&gt;x&lt;/a&gt;');
    expect(texts).toContain('R&amp;D &lt;b&gt;');
  });

  it('calls only exported functions', () => {
    expect(unknownActions(render({ host: 'calendar' }))).toEqual([]);
  });
});
