import fc from 'fast-check';
import { ACTIONS, INPUTS } from '../../src/cards/actions';
import { createContactCard, leadCard, noteFormCard, slotText, taskFormCard } from '../../src/cards/lead-card';
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

describe('leadCard', () => {
  it('shows a found contact: person, company, owner, stage, deals, and a link to the record', () => {
    const card = render();
    expect(card.header).toEqual({ title: 'Ann Lee', subtitle: 'Head of Ops · Acme Ltd' });
    expect(sectionHeaders(card)).toEqual(['HubSpot', 'Earlier conversations', 'Free times', null]);
    const texts = widgetTexts(sectionNamed(card, 'HubSpot').widgets);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Ann Lee',
        'Head of Ops',
        'Sales qualified lead',
        'Sam Seller',
        'Mon, Mar 2', // the user's zone, not UTC (Mar 3)
        '+1 555 0100',
        'Acme Ltd',
        'acme.example',
        'Computer software',
        '120 employees',
        '2 associated',
      ]),
    );
    expect(buttonNamed(card, 'Open in HubSpot').onClick).toEqual({
      openLink: { url: FOUND.state === 'found' ? FOUND.recordUrl : '' },
    });
  });

  it('offers task and note for a found contact, and never Create contact', () => {
    const card = render();
    expect(hasButton(card, 'Create contact')).toBe(false);
    for (const [text, fn] of [
      ['Add HubSpot task', ACTIONS.showTaskForm],
      ['Log note', ACTIONS.showNoteForm],
    ]) {
      const b = buttonNamed(card, text);
      expect(b.onClick.action.function).toBe(fn);
      expect(params(b)).toEqual({ contactId: '501', email: 'ann@acme.example' });
    }
    expect(params(buttonNamed(card, 'Refresh'))).toEqual({ messageId: 'msg-1' });
  });

  it('leaves unknown values out instead of showing empty lines', () => {
    const sparse: CrmSection = {
      state: 'found',
      contact: contact({
        jobTitle: null,
        phone: null,
        lifecycleStage: null,
        lastActivityAt: null,
        dealIds: [],
      }),
      company: null,
      ownerName: null,
      recordUrl: null,
      openDeals: null,
    };
    const card = render({ crm: sparse });
    const labels = sectionNamed(card, 'HubSpot').widgets.map((w: Json) => w.decoratedText?.topLabel);
    expect(labels).toEqual(['Contact', 'Owner', 'Company']);
    expect(widgetTexts(sectionNamed(card, 'HubSpot').widgets)).toContain('No owner');
    expect(hasButton(card, 'Open in HubSpot')).toBe(false);
  });

  it('shows the year of an activity from an earlier year', () => {
    const old: CrmSection = {
      ...FOUND,
      contact: contact({ lastActivityAt: Date.UTC(2024, 5, 1, 12) }),
    } as CrmSection;
    expect(widgetTexts(sectionNamed(render({ crm: old }), 'HubSpot').widgets)).toContain('Sat, Jun 1, 2024');
  });

  it('offers Create contact for an unknown sender, carrying the suggestion to the form', () => {
    const card = render({ crm: UNKNOWN });
    expect(widgetTexts(sectionNamed(card, 'HubSpot').widgets)).toContain('Not in HubSpot yet.');
    const create = buttonNamed(card, 'Create contact');
    expect(create.onClick.action.function).toBe(ACTIONS.createContact);
    expect(params(create)).toEqual({
      email: 'ann@acme.example',
      firstName: 'Ann',
      lastName: 'Lee',
      company: 'Acme',
      messageId: 'msg-1',
    });
    expect(hasButton(card, 'Add HubSpot task')).toBe(false);
    expect(hasButton(card, 'Log note')).toBe(false);
  });

  it('leaves unknown suggestion parts out of the parameters (they must be strings)', () => {
    const crm: CrmSection = {
      state: 'unknown',
      suggestion: { email: 'x@y.example', firstName: null, lastName: null, company: null },
    };
    expect(params(buttonNamed(render({ crm }), 'Create contact'))).toEqual({
      email: 'x@y.example',
      messageId: 'msg-1',
    });
  });

  it.each([
    [{ state: 'no_token' } as CrmSection, "Connect HubSpot in Settings to see this person's record."],
    [
      { state: 'auth_failed', message: 'HTTP 401' } as CrmSection,
      'HubSpot rejected the access token. An admin can update it in Settings.',
    ],
  ])('sends %j to Settings', (crm, line) => {
    const card = render({ crm });
    expect(widgetTexts(sectionNamed(card, 'HubSpot').widgets)).toContain(escapeHtml(line));
    expect(buttonNamed(card, 'Settings').onClick.action.function).toBe(ACTIONS.openSettings);
  });

  it('says what went wrong when HubSpot is unavailable', () => {
    const card = render({ crm: { state: 'unavailable', message: 'HubSpot timed out (HTTP 504)' } });
    expect(widgetTexts(sectionNamed(card, 'HubSpot').widgets)).toEqual(['HubSpot timed out (HTTP 504)']);
  });

  it('puts a banner first, one plain line per problem', () => {
    const card = render({
      crm: { state: 'unavailable', message: 'timeout' },
      problems: [
        { service: 'HubSpot', kind: 'timeout', message: 'HubSpot timed out' },
        { service: 'Gmail', kind: 'internal', message: 'x' },
      ],
    });
    expect(sectionHeaders(card)[0]).toBeNull();
    expect(widgetTexts(card.sections[0].widgets)).toEqual([
      'HubSpot is not answering right now — showing Gmail and Calendar only.',
      'Earlier conversations could not be loaded from Gmail right now.',
    ]);
  });

  it('has no banner when nothing failed, and shows a notice first when given', () => {
    expect(sectionHeaders(render())[0]).toBe('HubSpot');
    const card = render({}, { notice: 'Slot held' });
    expect(widgetTexts(card.sections[0].widgets)).toEqual(['Slot held']);
  });

  it('lists at most 5 earlier conversations, dated in the user zone, with who wrote last', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      conversation(i, i % 2 ? 'ANN@acme.example' : 'me@mine.example'),
    );
    const widgets = sectionNamed(render({ conversations: many }), 'Earlier conversations').widgets;
    expect(widgets).toHaveLength(5);
    expect(widgets[0].decoratedText).toEqual({
      topLabel: 'Mon, Mar 2',
      text: 'Subject 0',
      bottomLabel: 'last from you · 1 message',
      wrapText: true,
      // The user's own account by address: /mail/u/0/ would open whichever account signed in first.
      onClick: { openLink: { url: 'https://mail.google.com/mail/?authuser=me%40mine.example#all/t0' } },
    });
    expect(widgets[1].decoratedText.bottomLabel).toBe('last from them · 2 messages');
  });

  it('says so when there are no earlier conversations', () => {
    expect(widgetTexts(sectionNamed(render({ conversations: [] }), 'Earlier conversations').widgets)).toEqual(
      ['No earlier conversations.'],
    );
  });

  it('offers slots as checkboxes with the prospect time, first two ticked', () => {
    const card = render();
    const picker = inputNamed(card, 'selectionInput', INPUTS.slots)!;
    expect(picker.type).toBe('CHECK_BOX');
    expect(picker.items).toEqual([
      {
        text: 'Tue, Mar 3, 10:00 – 10:30 AM EST · 3:00 – 3:30 PM GMT for them',
        value: String(SLOT_START),
        selected: true,
      },
      {
        text: 'Tue, Mar 3, 11:00 – 11:30 AM EST · 4:00 – 4:30 PM GMT for them',
        value: String(SLOT_START + 3_600_000),
        selected: true,
      },
      {
        text: 'Tue, Mar 3, 12:00 – 12:30 PM EST · 5:00 – 5:30 PM GMT for them',
        value: String(SLOT_START + 7_200_000),
        selected: false,
      },
    ]);
  });

  it('leaves out a shared day in the user locale too, not only in en-US', () => {
    const slot = { start: SLOT_START, end: SLOT_START + 1_800_000 };
    expect(slotText(slotOption(slot, USER_TZ, 'Europe/London', 'de-DE'))).toBe(
      'Di., 3. März, 10:00 – 10:30 EST · 15:00 – 15:30 GMT for them',
    );
    expect(slotText(slotOption(slot, USER_TZ, 'Europe/London', 'en-GB'))).toBe(
      'Tue 3 Mar, 10:00 – 10:30 EST · 15:00 – 15:30 GMT for them',
    );
  });

  it('keeps the prospect day when it differs, and shows the user time alone without a prospect zone', () => {
    const [tokyo] = slots(1, 'Asia/Tokyo');
    expect(slotText(tokyo)).toBe(
      'Tue, Mar 3, 10:00 – 10:30 AM EST · Wed, Mar 4, 12:00 – 12:30 AM GMT+9 for them',
    );
    const [plain] = slots(1, null);
    expect(slotText(plain)).toBe('Tue, Mar 3, 10:00 – 10:30 AM EST');
  });

  it('prepares the reply draft through a compose action, from the section and the fixed footer', () => {
    const card = render();
    const expected = {
      action: {
        function: ACTIONS.createReplyDraft,
        parameters: [
          { key: 'messageId', value: 'msg-1' },
          { key: 'threadId', value: 'thr-1' },
          { key: 'email', value: 'ann@acme.example' },
        ],
      },
      'x-workbench-composedEmailType': 'REPLY_AS_DRAFT',
    };
    expect(card.fixedFooter.primaryButton).toEqual({
      text: 'Create reply draft',
      type: 'FILLED',
      onClick: expected,
    });
    const inSection = sectionNamed(card, 'Free times').widgets.flatMap(
      (w: Json) => w.buttonList?.buttons ?? [],
    );
    expect(inSection.map((b: Json) => b.text)).toEqual(['Create reply draft', 'Hold first chosen slot']);
    expect(inSection[0].onClick).toEqual(expected);
    expect(inSection[1].onClick.action.function).toBe(ACTIONS.holdSlot);
  });

  it('picks the default template in the dropdown', () => {
    const dropdown = inputNamed(render(), 'selectionInput', INPUTS.template)!;
    expect(dropdown.type).toBe('DROPDOWN');
    expect(dropdown.items.map((i: Json) => [i.value, i.selected])).toEqual(
      DEFAULT_TEMPLATES.map((t, i) => [t.id, i === 1]),
    );
  });

  it('without slots: the reason, no picker and no hold, but the reply draft still works', () => {
    const card = render({
      slots: { state: 'unavailable', reason: 'Your calendar could not be read (timeout).' },
    });
    const free = sectionNamed(card, 'Free times');
    expect(widgetTexts(free.widgets)).toEqual([
      'Your calendar could not be read (timeout).',
      expect.stringContaining('ask for their availability'),
    ]);
    expect(inputNamed(card, 'selectionInput', INPUTS.slots)).toBeUndefined();
    expect(hasButton(card, 'Hold first chosen slot')).toBe(false);
    expect(hasButton(free, 'Create reply draft')).toBe(true);
    const none = render({ slots: { state: 'ok', slots: [] } });
    expect(inputNamed(none, 'selectionInput', INPUTS.slots)).toBeUndefined();
    expect(widgetTexts(sectionNamed(none, 'Free times').widgets)[0]).toMatch(/No free times/);
  });

  it('escapes names, subjects and HubSpot values in every text widget', () => {
    const evil = '<script>alert(1)</script>';
    const crm: CrmSection = {
      ...FOUND,
      contact: contact({ firstName: evil, jobTitle: '<b>CEO</b> & co' }),
    } as CrmSection;
    const card = render({
      counterpart: { email: 'ann@acme.example', name: evil },
      crm,
      conversations: [{ ...conversation(1, 'x@y.z'), subject: evil }],
    });
    const texts = cardTexts(card);
    expect(texts).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Lee');
    expect(texts).toContain('&lt;b&gt;CEO&lt;/b&gt; &amp; co');
    expect(texts).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(texts.join('\n')).not.toMatch(/<script|<b>/);
    // The header is plain text, not HTML: shown as written.
    expect(card.header.title).toBe(evil);
  });

  it('escapes any HubSpot or Gmail text (property)', () => {
    const text = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
    fc.assert(
      fc.property(text, text, text, text, (first, title, subject, message) => {
        const crm = { ...FOUND, contact: contact({ firstName: first, jobTitle: title }) } as CrmSection;
        const card = render({
          crm,
          conversations: [{ ...conversation(1, 'x@y.z'), subject }],
          problems: [{ service: 'HubSpot', kind: 'timeout', message }],
        });
        const markup = cardTexts(card)
          .join('\n')
          .replace(/<\/?font[^>]*>/g, '');
        return !/[<>]/.test(markup);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within card limits for long lists', () => {
    const many = render({
      slots: { state: 'ok', slots: slots(150) },
      conversations: Array.from({ length: 150 }, (_, i) => conversation(i, 'x@y.z')),
    });
    expect(inputNamed(many, 'selectionInput', INPUTS.slots)!.items.length).toBeLessThanOrEqual(20);
    for (const s of many.sections) expect(s.widgets.length).toBeLessThanOrEqual(100);
  });

  it.each([FOUND, UNKNOWN, { state: 'no_token' } as CrmSection])(
    'calls only exported functions (%#)',
    (crm) => {
      expect(unknownActions(render({ crm }))).toEqual([]);
    },
  );

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

  it('taskFormCard: subject and due days, submitted to addTask with the contact', () => {
    const card = jsonOf(taskFormCard('501', 'ann@acme.example', { subject: 'Follow up', dueDays: 2 }));
    expect(inputNamed(card, 'textInput', INPUTS.taskSubject)!.value).toBe('Follow up');
    expect(inputNamed(card, 'textInput', INPUTS.taskDueDays)!.value).toBe('2');
    const add = buttonNamed(card, 'Add task');
    expect(add.onClick.action.function).toBe(ACTIONS.addTask);
    expect(params(add)).toEqual({ contactId: '501', email: 'ann@acme.example' });
  });

  it('noteFormCard: a multi-line note, submitted to logNote', () => {
    const card = jsonOf(noteFormCard('501', 'ann@acme.example'));
    expect(inputNamed(card, 'textInput', INPUTS.noteBody)!.type).toBe('MULTIPLE_LINE');
    const log = buttonNamed(card, 'Log note');
    expect(log.onClick.action.function).toBe(ACTIONS.logNote);
    expect(params(log)).toEqual({ contactId: '501', email: 'ann@acme.example' });
  });
});
