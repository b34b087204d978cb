import fc from 'fast-check';
import { ACTIONS, INPUTS } from '../../src/cards/actions';
import { createContactCard, leadCard, noteFormCard, taskFormCard } from '../../src/cards/lead-card';
import { timeRowText, zoneCity } from '../../src/cards/times-to-offer';
import { escapeHtml } from '../../src/core/html';
import { slotOption } from '../../src/core/lead-view';
import type { CrmSection, LeadView } from '../../src/core/lead-view';
import type { ConversationSummary, CrmContact } from '../../src/core/ports';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import {
  buttonNamed,
  cardTexts,
  hasButton,
  inputNamed,
  installCardService,
  jsonOf,
  params,
  sectionHeaders,
  sectionNamed,
  unknownActions,
  widgetTexts,
} from './card-json';
import type { Json } from './card-json';
import {
  hasCollapsibleSection,
  pressableLabels,
  repeatedLabels,
  usesIcons,
  widgetsBeforeFirstTime,
} from './card-rules';

beforeAll(installCardService);

const NOW = Date.UTC(2026, 2, 2, 12, 0);
const USER_TZ = 'America/New_York';
/** 03:00 UTC on Mar 3 is still Mar 2 in New York. */
const LAST_ACTIVITY = Date.UTC(2026, 2, 3, 3, 0);
const SLOT_START = Date.UTC(2026, 2, 3, 15, 0);

function contact(overrides: Partial<CrmContact> = {}): CrmContact {
  return {
    id: '501',
    email: 'ann@acme.example',
    firstName: 'Ann',
    lastName: 'Lee',
    jobTitle: 'Head of Ops',
    phone: '+1 555 0100',
    companyName: 'Acme',
    lifecycleStage: 'salesqualifiedlead',
    ownerId: '7',
    lastActivityAt: LAST_ACTIVITY,
    timeZone: 'Europe/London',
    primaryCompanyId: '900',
    dealIds: ['1', '2'],
    ...overrides,
  };
}

const FOUND: CrmSection = {
  state: 'found',
  contact: contact(),
  company: {
    id: '900',
    name: 'Acme Ltd',
    domain: 'acme.example',
    industry: 'COMPUTER_SOFTWARE',
    employees: 120,
  },
  ownerName: 'Sam Seller',
  recordUrl: 'https://app.hubspot.com/contacts/123/record/0-1/501',
  openDeals: null,
};

const UNKNOWN: CrmSection = {
  state: 'unknown',
  suggestion: { email: 'ann@acme.example', firstName: 'Ann', lastName: 'Lee', company: 'Acme' },
};

function slots(count: number, prospectTz: string | null = 'Europe/London') {
  return Array.from({ length: count }, (_, i) =>
    slotOption(
      { start: SLOT_START + i * 3_600_000, end: SLOT_START + i * 3_600_000 + 1_800_000 },
      USER_TZ,
      prospectTz,
    ),
  );
}

function conversation(i: number, lastFrom: string): ConversationSummary {
  return {
    threadId: `t${i}`,
    lastMessageId: `m${i}`,
    subject: `Subject ${i}`,
    lastMessageAt: LAST_ACTIVITY - i * 86_400_000,
    messageCount: i + 1,
    lastFrom,
  };
}

function view(overrides: Partial<LeadView> = {}): LeadView {
  return {
    messageId: 'msg-1',
    threadId: 'thr-1',
    subject: 'Hello',
    counterpart: { email: 'ann@acme.example', name: 'Ann Lee' },
    unreadableSender: null,
    crm: FOUND,
    conversations: [conversation(1, 'ann@acme.example'), conversation(2, 'me@mine.example')],
    slots: { state: 'ok', slots: slots(3) },
    prospectTimeZone: 'Europe/London',
    userTimeZone: USER_TZ,
    owners: null,
    problems: [],
    builtAt: NOW,
    ...overrides,
  };
}

const OPTIONS = {
  templates: DEFAULT_TEMPLATES,
  defaultTemplateId: DEFAULT_TEMPLATES[1].id,
  userEmail: 'me@mine.example',
};

function render(
  overrides: Partial<LeadView> = {},
  options: Partial<typeof OPTIONS & { notice: string }> = {},
): Json {
  return jsonOf(leadCard(view(overrides), { ...OPTIONS, ...options }));
}

function timesSection(card: Json): Json {
  const found = card.sections.find((s: Json) => String(s.header || '').startsWith('Times to offer'));
  if (!found) throw new Error(`No times section in ${JSON.stringify(sectionHeaders(card))}`);
  return found;
}

function glanceTexts(card: Json): string[] {
  return widgetTexts(card.sections[0].widgets);
}

describe('leadCard', () => {
  it('opens with at most four at-a-glance rows with icons, then the times to offer', () => {
    const card = render({}, { userEmail: 'sam@mine.example' });
    expect(card.header).toEqual({ title: 'Ann Lee', subtitle: 'Head of Ops · Acme Ltd' });
    expect(sectionHeaders(card)).toEqual([
      null,
      'Times to offer · New York time',
      'Earlier conversations',
      'HubSpot details',
    ]);
    const glance = card.sections[0].widgets;
    expect(glance.length).toBeLessThanOrEqual(4);
    for (const w of glance) expect(w.decoratedText.startIcon.altText).toBeTruthy();
    expect(widgetsBeforeFirstTime(card)).toBeLessThanOrEqual(7);
    expect(usesIcons(card)).toBe(true);
    expect(hasCollapsibleSection(card)).toBe(true);
    expect(card.peekCardHeader.title).toBe('Ann Lee');
  });

  it("flags a colleague's lead, and says 'Your lead' for the user's own", () => {
    const colleague = render({ crm: { ...FOUND, ownerEmail: 'sam@mine.example' } as CrmSection });
    expect(glanceTexts(colleague)).toContain('Owned by Sam Seller — not you');
    expect(glanceTexts(colleague)).toContain('Stage: Sales qualified lead');
    const mine = render({ crm: { ...FOUND, ownerEmail: 'me@mine.example' } as CrmSection });
    expect(glanceTexts(mine)).toContain('Your lead');
  });

  it('shows the open deal, the last email awaiting a reply and their local time', () => {
    const deal = {
      id: '1',
      name: 'Fleet analytics',
      stage: 'appointmentscheduled',
      stageLabel: null,
      closed: false,
      amount: 48000,
      closeDate: null,
    };
    const card = render({
      crm: { ...FOUND, openDeals: [deal, { ...deal, id: '2', name: 'Second' }] } as CrmSection,
      openedMessage: { at: NOW - 3_600_000, fromThem: true },
    });
    const texts = glanceTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Fleet analytics · 48,000',
        'Appointment scheduled · +1 more open',
        'From them — awaits your reply',
        '12:00 PM in London now',
      ]),
    );
    expect(card.sections[0].widgets).toHaveLength(4);
  });

  it("writes the deal's amount in its own currency", () => {
    const deal = {
      id: '1',
      name: 'Fleet analytics',
      stage: null,
      stageLabel: null,
      closed: false,
      amount: 48000,
      closeDate: null,
    };
    const amountOf = (over: object) =>
      glanceTexts(render({ crm: { ...FOUND, openDeals: [{ ...deal, ...over }] } as CrmSection }));
    expect(amountOf({ currency: 'EUR' })).toContain('Fleet analytics · €48,000');
    expect(amountOf({ currency: 'CAD', amount: 1250.5 })).toContain('Fleet analytics · CA$1,250.50');
    expect(amountOf({ currency: 'USD' })).toContain('Fleet analytics · $48,000');
    // No currency from HubSpot: the number alone, never a guessed symbol.
    expect(amountOf({ currency: null })).toContain('Fleet analytics · 48,000');
  });

  it('keeps the HubSpot fields, the record link and the follow-ups in the folded details', () => {
    const card = render();
    const details = sectionNamed(card, 'HubSpot details');
    expect(details.collapsible).toBe(true);
    expect(details.uncollapsibleWidgetsCount).toBe(0);
    expect(widgetTexts(details.widgets)).toEqual(
      expect.arrayContaining([
        'ann@acme.example',
        'Head of Ops',
        '+1 555 0100',
        'Acme Ltd',
        'Computer software',
      ]),
    );
    expect(hasButton(details, 'Open in HubSpot')).toBe(true);
    expect(buttonNamed(details, 'Add HubSpot task').onClick.action.function).toBe(ACTIONS.showTaskForm);
    expect(buttonNamed(details, 'Log note').onClick.action.function).toBe(ACTIONS.showNoteForm);
    expect(buttonNamed(details, 'Refresh').onClick.action.function).toBe(ACTIONS.refreshLead);
  });

  it('offers one checkbox row per time, both zones, ticked on different days', () => {
    const nextDay = slotOption(
      { start: SLOT_START + 86_400_000, end: SLOT_START + 86_400_000 + 1_800_000 },
      USER_TZ,
      'Europe/London',
    );
    const card = render({ slots: { state: 'ok', slots: [...slots(3), nextDay] } });
    const picker = inputNamed(card, 'selectionInput', INPUTS.slots)!;
    expect(picker.type).toBe('CHECK_BOX');
    expect(picker.items).toHaveLength(4);
    expect(picker.items[0].text).toBe(
      'Tue, Mar 3 · 10:00\u00a0–\u2060\u00a010:30\u00a0AM · 3:00\u00a0–\u2060\u00a03:30\u00a0PM London, their workday',
    );
    expect(picker.items.map((i: Json) => i.selected)).toEqual([true, false, false, true]);
  });

  it('names zones by city and says when a time is outside their day', () => {
    expect(zoneCity('America/New_York')).toBe('New York');
    expect(zoneCity('UTC')).toBe('UTC');
    const late = slotOption(
      { start: Date.UTC(2026, 2, 3, 21, 0), end: Date.UTC(2026, 2, 3, 21, 30) },
      USER_TZ,
      'Asia/Tokyo',
    );
    expect(timeRowText(late, USER_TZ, 'Asia/Tokyo')).toBe(
      'Tue, Mar 3 · 4:00\u00a0–\u2060\u00a04:30\u00a0PM · Wed, Mar 4 6:00\u00a0–\u2060\u00a06:30\u00a0AM Tokyo, outside their workday',
    );
    const plain = slotOption({ start: SLOT_START, end: SLOT_START + 1_800_000 }, USER_TZ, null);
    expect(timeRowText(plain, USER_TZ, null)).toBe('Tue, Mar 3 · 10:00\u00a0–\u2060\u00a010:30\u00a0AM');
  });

  it('has exactly one Create reply draft (the footer, a compose action) and Hold on calendar beside it', () => {
    const card = render();
    expect(pressableLabels(card).filter((l) => l === 'Create reply draft')).toHaveLength(1);
    expect(card.fixedFooter.primaryButton.text).toBe('Create reply draft');
    expect(card.fixedFooter.primaryButton.onClick['x-workbench-composedEmailType']).toBe('REPLY_AS_DRAFT');
    expect(params(card.fixedFooter.primaryButton)).toEqual({
      messageId: 'msg-1',
      threadId: 'thr-1',
      email: 'ann@acme.example',
    });
    expect(card.fixedFooter.secondaryButton.text).toBe('Hold on calendar');
    expect(card.fixedFooter.secondaryButton.onClick.action.function).toBe(ACTIONS.holdSlot);
  });

  it('without times: the reason, no picker and no hold, but the reply draft still works', () => {
    const card = render({ slots: { state: 'ok', slots: [], searchedDays: 7 } });
    expect(widgetTexts(timesSection(card).widgets)[0]).toBe(
      'No free time in your working hours in the next 7 days.',
    );
    expect(inputNamed(card, 'selectionInput', INPUTS.slots)).toBeUndefined();
    expect(card.fixedFooter.secondaryButton).toBeUndefined();
    expect(card.fixedFooter.primaryButton.text).toBe('Create reply draft');
  });

  it.each([
    ['unknown', UNKNOWN, 'Not in HubSpot yet'],
    ['no_token', { state: 'no_token' } as CrmSection, 'HubSpot is not connected'],
    [
      'auth_failed',
      { state: 'auth_failed', message: 'HTTP 401' } as CrmSection,
      'HubSpot needs reconnecting',
    ],
    [
      'unavailable',
      { state: 'unavailable', message: 'HTTP 503 (correlation id x)' } as CrmSection,
      'HubSpot isn’t responding',
    ],
  ])('for %s says it once, in words a rep can act on, with no diagnostic id', (_name, crm, line) => {
    const card = render({
      crm,
      problems:
        crm.state === 'unavailable' ? [{ service: 'HubSpot', kind: 'unavailable', message: 'x' }] : [],
    });
    const texts = cardTexts(card);
    expect(texts.filter((t) => t.includes('HubSpot')).length).toBeLessThanOrEqual(2);
    expect(glanceTexts(card)).toContain(line);
    expect(JSON.stringify(card)).not.toMatch(/correlation|HTTP \d/);
    expect(widgetsBeforeFirstTime(card)).toBeLessThanOrEqual(7);
  });

  it('offers Create contact for an unknown sender, carrying the suggestion to the form', () => {
    const create = buttonNamed(render({ crm: UNKNOWN }), 'Create contact');
    expect(create.onClick.action.function).toBe(ACTIONS.createContact);
    expect(params(create)).toEqual({
      email: 'ann@acme.example',
      firstName: 'Ann',
      lastName: 'Lee',
      company: 'Acme',
      messageId: 'msg-1',
    });
  });

  it('names a calendar problem in one line above the glance, and a notice first', () => {
    const card = render(
      { problems: [{ service: 'Google Calendar', kind: 'unavailable', message: 'x' }] },
      { notice: 'Time held.' },
    );
    expect(glanceTexts(card).slice(0, 2)).toEqual(['Time held.', 'Your calendar can’t be read right now.']);
  });

  it('draws leading sections (the new-leads banner) above the glance', () => {
    const card = jsonOf(
      leadCard(view(), {
        ...OPTIONS,
        leadingSections: [
          CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('2 new')),
        ],
      }),
    );
    expect(widgetTexts(card.sections[0].widgets)).toEqual(['2 new']);
    expect(widgetsBeforeFirstTime(card)).toBeLessThanOrEqual(7);
  });

  it('links earlier conversations to the thread in the user mailbox, folded away', () => {
    const conversations = sectionNamed(render(), 'Earlier conversations');
    expect(conversations.collapsible).toBe(true);
    expect(conversations.widgets[0].decoratedText.onClick.openLink.url).toBe(
      'https://mail.google.com/mail/?authuser=me%40mine.example#all/t1',
    );
  });

  it('shows no two buttons with the same label, whatever the state', () => {
    for (const crm of [FOUND, UNKNOWN, { state: 'no_token' } as CrmSection]) {
      expect(repeatedLabels(render({ crm }))).toEqual([]);
    }
    expect(unknownActions(render())).toEqual([]);
  });

  it('escapes what HubSpot and Gmail send', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const card = render({
          crm: { ...FOUND, contact: contact({ jobTitle: text, phone: text }) } as CrmSection,
        });
        const details = widgetTexts(sectionNamed(card, 'HubSpot details').widgets);
        expect(details).toContain(escapeHtml(text) || 'ann@acme.example');
      }),
      { numRuns: 30 },
    );
  });

  it('shows the internal-thread card when no one outside the domain is on the thread', () => {
    const card = render({ counterpart: null });
    expect(cardTexts(card)).toEqual([
      'Everyone on this thread is from your own domain — nothing to look up.',
    ]);
  });
});

describe('lead forms', () => {
  it('createContactCard: inputs prefilled from the suggestion, submitted to createContact', () => {
    const card = jsonOf(
      createContactCard({ email: 'a@b.example', firstName: 'Ann', lastName: null, company: 'B' }, 'msg-1'),
    );
    expect(inputNamed(card, 'textInput', INPUTS.firstName)!.value).toBe('Ann');
    expect(inputNamed(card, 'textInput', INPUTS.lastName)!.value).toBe('');
    expect(inputNamed(card, 'textInput', INPUTS.company)!.value).toBe('B');
    const create = buttonNamed(card, 'Create contact');
    expect(create.onClick.action.function).toBe(ACTIONS.createContact);
    expect(params(create)).toEqual({ email: 'a@b.example', messageId: 'msg-1' });
  });

  it('taskFormCard: the subject, a date picker for the due day, submitted to addTask with the person', () => {
    const person = { contactId: '501', email: 'ann@acme.example', name: 'Ann Lee' };
    const dueDay = Date.UTC(2026, 2, 3);
    const card = jsonOf(taskFormCard(person, { subject: 'Follow up with Ann Lee', dueDay }));
    expect(card.header.subtitle).toBe('Ann Lee');
    expect(inputNamed(card, 'textInput', INPUTS.taskSubject)!.value).toBe('Follow up with Ann Lee');
    const picker = inputNamed(card, 'dateTimePicker', INPUTS.taskDue)!;
    expect(picker).toMatchObject({ type: 'DATE_ONLY', valueMsEpoch: dueDay, label: 'Due' });
    expect(inputNamed(card, 'textInput', INPUTS.taskDueDays)).toBeFalsy();
    const add = buttonNamed(card, 'Add task');
    expect(add.onClick.action.function).toBe(ACTIONS.addTask);
    expect(params(add)).toEqual({ contactId: '501', email: 'ann@acme.example', name: 'Ann Lee' });
  });

  it('noteFormCard: a multi-line note, submitted to logNote', () => {
    const card = jsonOf(noteFormCard({ contactId: '501', email: 'ann@acme.example' }));
    expect(card.header.subtitle).toBe('ann@acme.example');
    expect(inputNamed(card, 'textInput', INPUTS.noteBody)!.type).toBe('MULTIPLE_LINE');
    const log = buttonNamed(card, 'Log note');
    expect(log.onClick.action.function).toBe(ACTIONS.logNote);
    expect(params(log)).toEqual({ contactId: '501', email: 'ann@acme.example' });
  });
});
