import fc from 'fast-check';
import { composeDraft, slotLines, subjectLine, TemplateError } from '../../src/core/compose';
import type { ComposeInput, ComposedDraft } from '../../src/core/compose';
import type { DraftContent } from '../../src/core/ports';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import type { Template } from '../../src/core/templates';

const NY = 'America/New_York';
// Tue 10 March 2026, 14:00-14:30 UTC = 10:00 EDT = 14:00 GMT; and 03:00-03:30 UTC Wednesday.
const SLOTS = [
  { start: Date.UTC(2026, 2, 10, 14), end: Date.UTC(2026, 2, 10, 14, 30) },
  { start: Date.UTC(2026, 2, 11, 3), end: Date.UTC(2026, 2, 11, 3, 30) },
];
const firstReply = DEFAULT_TEMPLATES[0];
/** Any UTF-16 text, lone surrogates and controls included (fast-check's 'binary' unit is 50x slower). */
const anyText = (maxLength = 40) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0x80, max: 0x30ff }),
        fc.integer({ min: 0, max: 0x10ffff }),
      ),
      { maxLength },
    )
    .map((codePoints) => String.fromCodePoint(...codePoints));

function input(
  overrides: Partial<ComposeInput> = {},
  recipient: Partial<ComposeInput['recipient']> = {},
): ComposeInput {
  return {
    recipient: {
      email: 'Dana@FBI.example.com',
      firstName: 'Dana',
      lastName: 'Scully',
      company: 'FBI',
      timeZone: 'Europe/London',
      message: null,
      sourcePage: null,
      ...recipient,
    },
    sender: { name: 'Fox Mulder', email: 'fox@acme.example', timeZone: NY },
    slots: SLOTS,
    template: firstReply,
    ...overrides,
  };
}

describe('slotLines', () => {
  it("shows the user's time, and the prospect's beside it when it differs", () => {
    expect(slotLines(SLOTS, NY, 'Europe/London')).toEqual([
      'Tue, Mar 10, 10:00 – 10:30 AM EDT (2:00 – 2:30 PM GMT for you)',
      'Tue, Mar 10, 11:00 – 11:30 PM EDT (Wed, Mar 11, 3:00 – 3:30 AM GMT for you)',
    ]);
  });

  it("shows only the user's time when the prospect's zone is unknown, invalid or shows the same time", () => {
    const mine = ['Tue, Mar 10, 10:00 – 10:30 AM EDT', 'Tue, Mar 10, 11:00 – 11:30 PM EDT'];
    expect(slotLines(SLOTS, NY, null)).toEqual(mine);
    expect(slotLines(SLOTS, NY, 'Not/AZone')).toEqual(mine);
    expect(slotLines(SLOTS, NY, NY)).toEqual(mine);
    expect(slotLines(SLOTS, NY, 'America/Toronto')).toEqual(mine);
  });

  it.each(['en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'ko-KR', 'ar-EG', 'hu-HU', 'tr-TR'])(
    'writes a shared day once in %s, and keeps a different day',
    (locale) => {
      const [sameDay, nextDay] = slotLines(SLOTS, NY, 'Europe/London', locale);
      const day = (at: number, zone: string) =>
        new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric' })
          .format(at)
          .replace(/[\u202f\u2009\u00a0]/g, ' ');
      expect(sameDay.split(day(SLOTS[0].start, NY))).toHaveLength(2);
      expect(nextDay).toContain(day(SLOTS[1].start, 'Europe/London'));
    },
  );

  it("reads HubSpot's zone spelling", () => {
    expect(slotLines(SLOTS.slice(0, 1), NY, 'europe_slash_london')).toEqual([
      'Tue, Mar 10, 10:00 – 10:30 AM EDT (2:00 – 2:30 PM GMT for you)',
    ]);
  });
});

describe('composeDraft', () => {
  it('fills the first-reply template', () => {
    const draft = composeDraft(input());
    expect(draft.to).toBe('dana@fbi.example.com');
    expect(draft.subject).toBe('Thanks for getting in touch');
    expect(draft.textBody).toBe(
      [
        'Hi Dana,',
        '',
        "Thank you for getting in touch. I'd be glad to set up a short call to learn what FBI is looking for and how we can help.",
        '',
        'Here are a few times that work for me:',
        '• Tue, Mar 10, 10:00 – 10:30 AM EDT (2:00 – 2:30 PM GMT for you)',
        '• Tue, Mar 10, 11:00 – 11:30 PM EDT (Wed, Mar 11, 3:00 – 3:30 AM GMT for you)',
        '',
        "I'm happy to work around your schedule.",
        '',
        'Best regards,',
        'Fox Mulder',
      ].join('\n'),
    );
    expect(draft.htmlBody).toContain('Hi Dana,<br><br>Thank you');
    expect(draft.htmlBody).toContain('I&#39;m happy');
  });

  it('is a DraftContent for the Mailbox port', () => {
    const draft: DraftContent = composeDraft(input());
    const back: ComposedDraft = draft;
    expect(Object.keys(back).sort()).toEqual(['htmlBody', 'subject', 'textBody', 'to']);
  });

  it('falls back gracefully when values are missing', () => {
    const draft = composeDraft(
      input(
        { template: DEFAULT_TEMPLATES[1], sender: { name: '', email: 'fox@acme.example', timeZone: NY } },
        {
          firstName: null,
          lastName: null,
          company: null,
        },
      ),
    );
    expect(draft.textBody.startsWith('Hi there,')).toBe(true);
    expect(draft.textBody).toContain('next steps for your team.');
    expect(draft.textBody.endsWith('Best,\nfox')).toBe(true);
    expect(draft.textBody).not.toMatch(/null|undefined/);
  });

  it('asks for availability when there are no slots', () => {
    const draft = composeDraft(input({ slots: [], template: DEFAULT_TEMPLATES[2] }));
    expect(draft.textBody).toBe(
      [
        'Hi Dana,',
        '',
        'Could you let me know a few times that suit you over the next week or two?',
        '',
        "Reply with what suits you best and I'll set it up.",
        '',
        'Thanks,',
        'Fox',
      ].join('\n'),
    );
  });

  it('replies with Re: once', () => {
    expect(composeDraft(input({ replySubject: 'Demo request' })).subject).toBe('Re: Demo request');
    expect(composeDraft(input({ replySubject: 'RE: Demo request' })).subject).toBe('RE: Demo request');
    expect(composeDraft(input({ replySubject: 're:Demo' })).subject).toBe('re:Demo');
    expect(composeDraft(input({ replySubject: 'AW: Termin' })).subject).toBe('AW: Termin');
    expect(composeDraft(input({ replySubject: 'Regarding pricing' })).subject).toBe('Re: Regarding pricing');
    expect(composeDraft(input({ replySubject: '   ' })).subject).toBe('Thanks for getting in touch');
  });

  it('keeps CR/LF out of the subject', () => {
    const template: Template = { ...firstReply, subject: 'For {{company}}' };
    const draft = composeDraft(input({ template }, { company: 'Acme\r\nBcc: victim@example.com' }));
    expect(draft.subject).toBe('For Acme Bcc: victim@example.com');
    expect(composeDraft(input({ replySubject: 'Hi\r\nBcc: x@example.com' })).subject).toBe(
      'Re: Hi Bcc: x@example.com',
    );
  });

  it('refuses a template whose subject has a line separator, NEL, tab or control, naming it', () => {
    for (const char of ['\u2028', '\u0085', '\t', '\u0001']) {
      const template: Template = { ...firstReply, subject: `Thanks${char}Bcc: x@example.com` };
      expect(() => composeDraft(input({ template }))).toThrow(TemplateError);
      expect(() => composeDraft(input({ template }))).toThrow(
        /^Template 'form-lead-first-reply': The subject of template 'First reply to a form lead' contains /,
      );
    }
  });

  it('cleans the final subject line whatever it was built from (the last line of defence)', () => {
    expect(subjectLine('Thanks\u2028for\u0085getting\tin\u0000touch\u2029')).toBe(
      'Thanks for getting in touch',
    );
    expect(subjectLine('a'.repeat(300))).toHaveLength(200);
  });

  it('escapes user text in HTML but not in the text body', () => {
    const draft = composeDraft(
      input({}, { firstName: '<img src=x onerror=alert(1)>', company: 'A&B "Corp"' }),
    );
    expect(draft.htmlBody).toContain('Hi &lt;img src=x onerror=alert(1)&gt;,');
    expect(draft.htmlBody).toContain('A&amp;B &quot;Corp&quot;');
    expect(draft.htmlBody).not.toContain('<img');
    expect(draft.textBody).toContain('Hi <img src=x onerror=alert(1)>,');
  });

  it('does not expand a placeholder typed into user text', () => {
    const template: Template = { ...firstReply, body: '{{firstName}} / {{company}} / {{message}}' };
    const draft = composeDraft(
      input({ template }, { firstName: '{{company}}', company: '{{senderName}}', message: '{{slots}}' }),
    );
    expect(draft.textBody).toBe('{{company}} / {{senderName}} / {{slots}}');
  });

  it('leaves formula-looking names alone in a draft (they are only dangerous in sheets)', () => {
    const draft = composeDraft(input({}, { firstName: '=HYPERLINK("http://evil","click")' }));
    expect(draft.textBody.startsWith('Hi =HYPERLINK("http://evil","click"),')).toBe(true);
  });

  it('removes a line that holds only an empty placeholder', () => {
    const template: Template = {
      ...firstReply,
      body: 'Hi {{firstName}},\n\nYou wrote:\n{{message}}\n\n\n{{lastName}}\nBye',
    };
    expect(composeDraft(input({ template }, { lastName: null })).textBody).toBe(
      'Hi Dana,\n\nYou wrote:\n\nBye',
    );
    expect(composeDraft(input({ template }, { message: 'Line 1\r\nLine <2>' })).htmlBody).toBe(
      'Hi Dana,<br><br>You wrote:<br>Line 1<br>Line &lt;2&gt;<br><br>Scully<br>Bye',
    );
  });

  it('fills every placeholder', () => {
    const template: Template = {
      id: 'all',
      name: 'All',
      subject: '{{fullName}} at {{company}} from {{senderFirstName}}',
      body: '{{firstName}}|{{lastName}}|{{fullName}}|{{company}}|{{senderName}}|{{senderFirstName}}|{{sourcePage}}|{{message}}',
    };
    const draft = composeDraft(input({ template }, { message: 'Hello', sourcePage: 'Pricing' }));
    expect(draft.subject).toBe('Dana Scully at FBI from Fox');
    expect(draft.textBody).toBe('Dana|Scully|Dana Scully|FBI|Fox Mulder|Fox|Pricing|Hello');
    const sparse = composeDraft(input({ template }, { firstName: null, lastName: null, sourcePage: null }));
    expect(sparse.textBody).toBe('there||there|FBI|Fox Mulder|Fox|our website|');
  });

  it('throws a TemplateError naming an unknown placeholder', () => {
    const template: Template = { ...firstReply, body: 'Hi {{firstname}}' };
    expect(() => composeDraft(input({ template }))).toThrow(TemplateError);
    expect(() => composeDraft(input({ template }))).toThrow(/\{\{firstname\}\}/);
  });

  it("throws a TemplateError when the user's own time zone is unusable", () => {
    const sender = { name: 'Fox', email: 'fox@acme.example', timeZone: 'Mars/Base' };
    expect(() => composeDraft(input({ sender }))).toThrow(
      "Your time zone 'Mars/Base' is not a time zone name",
    );
    expect(composeDraft(input({ sender, slots: [] })).textBody).toContain('Could you let me know');
  });

  it('throws a TemplateError for an unusable recipient address', () => {
    expect(() => composeDraft(input({}, { email: 'a@b.example.com\r\nBcc: c@example.com' }))).toThrow(
      TemplateError,
    );
  });

  it('never puts a line break in the subject, nor raw markup in the HTML (property)', () => {
    const text = fc.oneof(fc.constant(null), anyText(300));
    const template: Template = { ...firstReply, subject: '{{firstName}} {{company}} {{fullName}}' };
    fc.assert(
      fc.property(text, text, text, text, (firstName, lastName, company, message) => {
        const draft = composeDraft(input({ template }, { firstName, lastName, company, message }));
        expect(draft.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        expect(draft.subject.length).toBeLessThanOrEqual(200);
        expect(draft.htmlBody.replace(/<br>/g, '')).not.toMatch(/[<>"']/);
      }),
      { numRuns: 300 },
    );
  });
});
