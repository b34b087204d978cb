import { ACTIONS } from '../../src/cards/actions';
import { confirmDiscardCard, homeCard } from '../../src/cards/home-card';
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
import { pressableLabels, repeatedLabels } from './card-rules';

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
    attention: [],
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
  it('lists one row per draft: the person, the source, the time in the user zone; tapping opens it', () => {
    const card = render({
      drafts: [
        { ...view().drafts[0], name: 'Ann Lee', company: 'Acme', sourceForm: 'Demo request' },
        { ...view().drafts[0], draftId: 'd2', to: 'bo@b.example', threadId: 'thr-2' },
      ],
    });
    const drafts = sectionNamed(card, 'Drafts to review (2)');
    expect(widgetTexts(drafts.widgets)).toEqual([
      'Ann Lee',
      'Acme · Demo request · Tue, Mar 3, 12:30 AM',
      'bo@b.example',
      'Reply from Gmail · Tue, Mar 3, 12:30 AM',
    ]);
    const row = drafts.widgets[0].decoratedText;
    expect(row.startIcon.knownIcon).toBe('EMAIL');
    expect(row.onClick.openLink.url).toBe(
      'https://mail.google.com/mail/?authuser=me%40mine.example#all/thr-1',
    );
    expect(row.button.altText).toBe('Discard draft to Ann Lee');
    expect(row.button.onClick.action.function).toBe(ACTIONS.discardDraft);
    expect(params(row.button)).toEqual({ draftId: 'd1', to: 'Ann Lee' });
    expect(repeatedLabels(card)).toEqual([]);
  });

  it('asks before discarding, naming the person, and discards only on the second click', () => {
    const confirm = jsonOf(confirmDiscardCard('d1', 'Ann Lee'));
    const button = confirm.fixedFooter.primaryButton;
    expect(button.text).toBe('Discard draft to Ann Lee');
    expect(params(button)).toEqual({ draftId: 'd1', to: 'Ann Lee', confirmed: 'yes' });
  });

  it('lists leads without a draft under Needs attention, and nothing twice', () => {
    const card = render({
      attention: [
        {
          email: 'bo@b.example',
          conversionId: 'c1',
          submittedAt: PREPARED,
          stage: 'rejected',
          sourceForm: 'Demo request',
        },
      ],
    });
    expect(widgetTexts(sectionNamed(card, 'Needs attention').widgets)).toEqual([
      'bo@b.example',
      'No draft: see the audit sheet · Demo request · Tue, Mar 3, 12:30 AM',
    ]);
    const texts = cardTexts(card);
    expect(texts.filter((t) => t === 'ann@acme.example')).toHaveLength(1);
    expect(sectionHeaders(render())).not.toContain('Needs attention');
  });

  it('has one status line, with plural forms written out', () => {
    expect(cardTexts(render())[0]).toContain('1 draft to review · last checked Tue, Mar 3, 12:30 AM');
    expect(cardTexts(render({ drafts: [], lastPoll: null }))[0]).toContain(
      'No drafts to review · not checked for new leads yet',
    );
  });

  it('keeps Check for new leads now in the footer, Settings beside it, and the audit check folded away', () => {
    const card = render();
    expect(card.fixedFooter.primaryButton.text).toBe('Check for new leads now');
    expect(card.fixedFooter.primaryButton.onClick.action.function).toBe(ACTIONS.pollNow);
    expect(card.fixedFooter.secondaryButton.text).toBe('Settings');
    expect(sectionNamed(card, 'More').collapsible).toBe(true);
    expect(buttonNamed(card, 'Verify audit trail').onClick.action.function).toBe(ACTIONS.verifyAudit);
  });

  it('shows a setup checklist only while something is missing', () => {
    expect(sectionHeaders(render())).not.toContain('Finish setting up');
    const card = render({ setup: { ...view().setup, hasToken: false, isAdmin: false } });
    const setup = sectionNamed(card, 'Finish setting up');
    expect(widgetTexts(setup.widgets)).toContain('☐ Connect HubSpot: add a private app access token.');
    expect(hasButton(setup, 'Open settings')).toBe(true);
    expect(repeatedLabels(card)).toEqual([]);
  });

  it('puts the notice first', () => {
    expect(cardTexts(render({ notice: 'Checked for new leads.' }))[0]).toBe('Checked for new leads.');
  });

  it('shows the next times to offer in Calendar only, headed by the zone city', () => {
    const nextSlots = [slotOption({ start: PREPARED, end: PREPARED + 1_800_000 }, TZ, null)];
    expect(sectionHeaders(render({ nextSlots }))).not.toContain('Times to offer · Berlin time');
    const card = render({ host: 'calendar', nextSlots });
    expect(widgetTexts(sectionNamed(card, 'Times to offer · Berlin time').widgets)).toHaveLength(1);
  });

  it('stays within card limits with hundreds of drafts, and says how many are not listed', () => {
    const drafts = Array.from({ length: 300 }, (_, i) => ({
      ...view().drafts[0],
      draftId: `d${i}`,
      to: `p${i}@x.example`,
    }));
    const card = render({ drafts });
    const section = sectionNamed(card, 'Drafts to review (300)');
    expect(section.widgets.length).toBeLessThanOrEqual(100);
    expect(widgetTexts(section.widgets).pop()).toContain('240 more drafts in Gmail.');
    expect(repeatedLabels(card)).toEqual([]);
    expect(pressableLabels(card).length).toBeGreaterThan(50);
  });

  it('escapes recipients', () => {
    const card = render({ drafts: [{ ...view().drafts[0], to: '<b>x</b>@y.example' }] });
    // Decorated text is HTML and escaped; alt text and parameters are plain strings.
    expect(sectionNamed(card, 'Drafts to review (1)').widgets[0].decoratedText.text).toBe(
      '&lt;b&gt;x&lt;/b&gt;@y.example',
    );
  });

  it('calls only exported functions', () => {
    expect(unknownActions(render())).toEqual([]);
  });
});
