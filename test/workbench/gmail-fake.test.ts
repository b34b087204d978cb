import { CallLedger, SimClock } from '../../tools/workbench/runtime';
import {
  createMailboxState,
  FakeGmailApp,
  type MailboxState,
  type MailThreadState,
} from '../../tools/workbench/fakes/gmail';

const NOW = Date.parse('2025-03-10T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ME = 'sam@seller.example';

function threads(): MailThreadState[] {
  return [
    {
      id: 't1',
      labels: ['Leads'],
      messages: [
        {
          id: 'm1',
          from: 'Ada Lovelace <ada@acme.example>',
          to: ME,
          subject: 'Pricing question',
          date: NOW - DAY,
          plainBody: 'Could we discuss the enterprise plan?',
          unread: true,
          accessToken: 'token-m1',
        },
        {
          id: 'm2',
          from: `Sam Seller <${ME}>`,
          to: 'ada@acme.example',
          subject: 'Re: Pricing question',
          date: NOW - 20 * HOUR,
          plainBody: 'Happy to, here are some times.',
          isSent: true,
        },
      ],
    },
    {
      id: 't2',
      labels: [],
      messages: [
        {
          id: 'm3',
          from: 'bob@beta.example',
          to: ME,
          cc: 'carol@acme.example',
          replyTo: 'sales-desk@beta.example',
          subject: 'Quarterly review',
          date: Date.parse('2024-12-01T15:00:00Z'),
          plainBody: 'Notes from the quarterly review meeting.',
        },
      ],
    },
    {
      id: 't3',
      labels: [],
      location: 'spam',
      messages: [
        {
          id: 'm4',
          from: 'ada@acme.example',
          to: ME,
          subject: 'Win a prize',
          date: NOW - 3 * DAY,
          plainBody: 'Click here.',
        },
      ],
    },
    {
      id: 't4',
      labels: [],
      messages: [
        {
          id: 'm5',
          from: ME,
          to: 'dan@delta.example',
          subject: 'Draft intro',
          date: NOW - 2 * HOUR,
          plainBody: 'Hello Dan',
          isDraft: true,
        },
      ],
    },
    {
      id: 't5',
      labels: [],
      messages: [
        {
          id: 'm6',
          from: 'Eve <eve@acme.example>',
          to: ME,
          subject: 'Contract signed',
          date: Date.parse('2023-05-01T10:00:00Z'),
          plainBody: 'Signed copy attached.',
          starred: true,
        },
      ],
    },
  ];
}

function world(options: { requireMessageToken?: boolean } = {}) {
  const clock = new SimClock(NOW);
  const ledger = new CallLedger(clock);
  const state: MailboxState = createMailboxState({ userEmail: ME, threads: threads() });
  const gmail = new FakeGmailApp(state, ledger, clock, options);
  return { clock, ledger, state, gmail };
}

function ids(gmail: FakeGmailApp, query: string): string[] {
  return gmail.search(query).map((t) => t.getId());
}

describe('draft-only enforcement', () => {
  it('refuses every send-capable method, records each one and sends nothing', () => {
    const { gmail, state, clock } = world({ requireMessageToken: false });
    const message = gmail.getMessageById('m1');
    const thread = message.getThread();
    const draft = message.createDraftReply('Thanks');
    const messagesBefore = state.threads.flatMap((t) => t.messages).length;

    const attempts: [string, () => unknown][] = [
      ['GmailApp.sendEmail', () => gmail.sendEmail('x@y.example', 's', 'b')],
      ['GmailDraft.send', () => draft.send()],
      ['GmailMessage.reply', () => message.reply('b')],
      ['GmailMessage.replyAll', () => message.replyAll('b')],
      ['GmailMessage.forward', () => message.forward('x@y.example')],
      ['GmailThread.reply', () => thread.reply('b')],
      ['GmailThread.replyAll', () => thread.replyAll('b')],
    ];
    for (const [method, attempt] of attempts) {
      expect(attempt).toThrow(`draft-only violation: ${method}`);
    }

    expect(state.violations.map((v) => v.method)).toEqual(attempts.map(([m]) => m));
    expect(state.violations.every((v) => v.at === clock.now() && v.execution === 0)).toBe(true);
    expect(state.sent).toEqual([]);
    expect(state.threads.flatMap((t) => t.messages)).toHaveLength(messagesBefore);
  });

  it('allows reply-all drafts, which send nothing', () => {
    const { gmail, state } = world({ requireMessageToken: false });
    const draft = gmail.getMessageById('m3').createDraftReplyAll('Thanks all');
    expect(draft.getMessage().getTo()).toBe('sales-desk@beta.example');
    // Reply-To replaces the sender; the other recipients are copied, the user is not.
    expect(draft.getMessage().getCc()).toBe('carol@acme.example');
    expect(state.violations).toEqual([]);
  });
});

describe('search', () => {
  it.each<[string, string[]]>([
    ['from:ada@acme.example', ['t1']],
    ['from:acme.example', ['t1', 't5']],
    ['from:Ada', ['t1']],
    ['from:me', ['t4', 't1']],
    ['to:dan@delta.example', ['t4']],
    ['cc:carol@acme.example', ['t2']],
    ['subject:quarterly', ['t2']],
    ['subject:"quarterly review"', ['t2']],
    ['subject:"review quarterly"', []],
    ['label:leads', ['t1']],
    ['label:Leads is:unread', ['t1']],
    ['in:drafts', ['t4']],
    ['in:sent', ['t1']],
    ['in:inbox', ['t1', 't2', 't5']],
    ['in:spam', ['t3']],
    ['in:anywhere from:ada@acme.example', ['t1', 't3']],
    ['is:unread', ['t1']],
    ['is:starred', ['t5']],
    ['newer_than:2d', ['t4', 't1']],
    ['older_than:1y', ['t5']],
    ['after:2024/11/30 before:2024/12/02', ['t2']],
    [`after:${(Date.parse('2024-12-01T14:00:00Z') / 1000).toString()}`, ['t4', 't1', 't2']],
    ['from:(ada@acme.example OR bob@beta.example)', ['t1', 't2']],
    ['{from:ada@acme.example from:bob@beta.example}', ['t1', 't2']],
    ['from:eve OR subject:pricing', ['t1', 't5']],
    ['(from:eve OR from:bob) signed', ['t5']],
    ['enterprise', ['t1']],
    ['ENTERPRISE Plan', ['t1']],
    ['"enterprise plan"', ['t1']],
    ['"plan enterprise"', []],
    ['enterpri', []],
    ['-from:acme.example in:inbox', ['t1', 't2']],
    ['enterprise -from:ada', []],
    ['', ['t4', 't1', 't2', 't5']],
  ])('%s', (query, expected) => {
    expect(ids(world().gmail, query)).toEqual(expected);
  });

  it('reads yyyy/mm/dd as midnight Pacific time, as the Gmail API documents', () => {
    const { gmail, state } = world();
    state.threads[1].messages[0].date = Date.parse('2024-06-01T06:00:00Z'); // 23:00 PDT on May 31
    expect(ids(gmail, 'after:2024/06/01 subject:quarterly')).toEqual([]);
    state.threads[1].messages[0].date = Date.parse('2024-06-01T08:00:00Z'); // 01:00 PDT on June 1
    expect(ids(gmail, 'after:2024/06/01 subject:quarterly')).toEqual(['t2']);
  });

  it.each(['has:attachment', 'filename:pdf', 'is:important', 'larger:5M', 'category:promotions'])(
    'refuses the unmodelled %s',
    (query) => {
      const op = query.startsWith('is:') ? query : `${query.split(':')[0]}:`;
      expect(() => world().gmail.search(query)).toThrow(`Gmail fake: unsupported search operator '${op}'`);
    },
  );

  it('refuses malformed queries', () => {
    const { gmail } = world();
    expect(() => gmail.search('(from:ada')).toThrow("missing ')'");
    expect(() => gmail.search('newer_than:soon')).toThrow('cannot read the period');
    expect(() => gmail.search('after:yesterday')).toThrow('cannot read the date');
  });

  it('pages with start and max, newest first', () => {
    const { gmail } = world();
    expect(gmail.search('', 1, 2).map((t) => t.getId())).toEqual(['t1', 't2']);
  });

  it('costs one round trip; thread getters after it are local', () => {
    const { gmail, ledger } = world();
    const [thread] = gmail.search('label:leads');
    expect(thread.getFirstMessageSubject()).toBe('Pricing question');
    expect(thread.getLastMessageDate().getTime()).toBe(NOW - 20 * HOUR);
    expect(thread.getMessageCount()).toBe(2);
    expect(thread.getLabels().map((l) => l.getName())).toEqual(['Leads']);
    expect(thread.getPermalink()).toContain('t1');
    expect(ledger.roundTrips().map((c) => c.method)).toEqual(['search']);
  });

  it('reads the messages of many threads in one round trip', () => {
    const { gmail, ledger } = world();
    const found = gmail.search('in:inbox');
    const messages = gmail.getMessagesForThreads(found);
    expect(messages.map((list) => list.map((m) => m.getId()))).toEqual([['m1', 'm2'], ['m3'], ['m6']]);
    expect(messages[0][1].getFrom()).toBe(`Sam Seller <${ME}>`);
    expect(ledger.roundTrips().map((c) => c.method)).toEqual(['search', 'getMessagesForThreads']);
  });
});

describe('current-message access token', () => {
  it('denies getMessageById until the token of the opened message is set in this execution', () => {
    const { gmail, ledger } = world();
    ledger.begin('card', 'onGmailMessageOpen');
    expect(() => gmail.getMessageById('m1')).toThrow(
      'Access denied: : Missing access token for per message scope',
    );
    gmail.setCurrentMessageAccessToken('token-other');
    expect(() => gmail.getMessageById('m1')).toThrow('Access denied');
    gmail.setCurrentMessageAccessToken('token-m1');
    expect(gmail.getMessageById('m1').getSubject()).toBe('Pricing question');
    ledger.end();

    ledger.begin('card', 'onAction');
    expect(() => gmail.getMessageById('m1')).toThrow('Missing access token');
  });

  it('records each token without a round trip', () => {
    const { gmail, ledger, state } = world();
    gmail.setCurrentMessageAccessToken('token-m1');
    expect(state.accessTokens).toEqual([{ token: 'token-m1', execution: 0, at: NOW }]);
    expect(ledger.roundTrips()).toEqual([]);
  });

  it('needs no token when the fake models the full mail scope', () => {
    expect(world({ requireMessageToken: false }).gmail.getMessageById('m3').getFrom()).toBe(
      'bob@beta.example',
    );
  });
});

describe('drafts', () => {
  it('createDraftReply lands in the same thread, to the sender, with a "Re:" subject', () => {
    const { gmail, state, clock } = world();
    gmail.setCurrentMessageAccessToken('token-m1');
    const draft = gmail
      .getMessageById('m1')
      .createDraftReply('Tuesday works.', { htmlBody: '<p>Tuesday works.</p>' });
    const createdAt = clock.now();

    const message = draft.getMessage();
    expect(message.getThread().getId()).toBe('t1');
    expect(message.getTo()).toBe('Ada Lovelace <ada@acme.example>');
    expect(message.getSubject()).toBe('Re: Pricing question');
    expect(message.getFrom()).toBe(ME);
    expect(message.isDraft()).toBe(true);
    expect(message.getPlainBody()).toBe('Tuesday works.');
    expect(message.getBody()).toBe('<p>Tuesday works.</p>');
    expect(message.getDate().getTime()).toBe(createdAt);
    expect(state.threads.find((t) => t.id === 't1')?.messages).toHaveLength(3);
    expect(state.drafts).toEqual([
      { id: draft.getId(), messageId: draft.getMessageId(), threadId: 't1', createdAt },
    ]);
    expect(ids(gmail, 'in:drafts')).toEqual(['t1', 't4']);
  });

  it('replies to Reply-To when present and does not stack "Re:"', () => {
    const { gmail, state } = world({ requireMessageToken: false });
    state.threads[1].messages[0].subject = 'Re: Quarterly review';
    const reply = gmail.getMessageById('m3').createDraftReply('Noted').getMessage();
    expect(reply.getTo()).toBe('sales-desk@beta.example');
    expect(reply.getSubject()).toBe('Re: Quarterly review');
  });

  it('creates, lists, finds and deletes a new draft, each a round trip', () => {
    const { gmail, state, ledger } = world();
    const draft = gmail.createDraft('dan@delta.example', 'Intro', 'Hi Dan', {
      cc: 'eve@acme.example',
      name: 'Sam',
    });
    expect(draft.getMessage().getFrom()).toBe(`Sam <${ME}>`);
    expect(state.threads).toHaveLength(6);
    expect(
      gmail
        .getDrafts()
        .map((d) => d.getMessageId())
        .sort(),
    ).toEqual(['m5', draft.getMessageId()].sort());
    const again = gmail.getDraft(draft.getId());
    again.deleteDraft();
    expect(state.threads).toHaveLength(5);
    expect(state.drafts).toEqual([]);
    expect(() => gmail.getDraft(draft.getId())).toThrow('Invalid argument: draftId');
    expect(ledger.roundTrips().map((c) => c.method)).toEqual([
      'createDraft',
      'getMessage',
      'getDrafts',
      'getDraft',
      'deleteDraft',
      'getDraft',
    ]);
  });

  it('rejects an invalid recipient and a sender outside the aliases', () => {
    const { gmail } = world();
    expect(() => gmail.createDraft('not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
    expect(() => gmail.createDraft('dan@delta.example', 's', 'b', { from: 'ceo@seller.example' })).toThrow(
      'Invalid argument: from',
    );
  });
});

describe('labels', () => {
  function manyThreads(n: number): MailboxState {
    return createMailboxState({
      userEmail: ME,
      threads: Array.from({ length: n }, (_, i) => ({
        id: `x${i}`,
        labels: [],
        messages: [
          { id: `xm${i}`, from: 'a@b.example', to: ME, subject: `s${i}`, date: NOW - i, plainBody: '' },
        ],
      })),
    });
  }

  it('labels up to 100 threads in one round trip and refuses 101', () => {
    const clock = new SimClock(NOW);
    const ledger = new CallLedger(clock);
    const state = manyThreads(101);
    const gmail = new FakeGmailApp(state, ledger, clock);
    const label = gmail.createLabel('Prospector/Prepared');
    const all = gmail.search('');
    expect(() => label.addToThreads(all)).toThrow('at most 100 threads');
    expect(state.threads.some((t) => t.labels.length > 0)).toBe(false);

    const before = ledger.roundTrips().length;
    label.addToThreads(all.slice(0, 100));
    expect(ledger.roundTrips().length - before).toBe(1);
    expect(label.getThreads()).toHaveLength(100);
    expect(ids(gmail, 'label:prospector-prepared')).toHaveLength(100);
  });

  it('finds labels by name and refuses a duplicate', () => {
    const { gmail } = world();
    expect(gmail.getUserLabelByName('Missing')).toBeNull();
    expect(gmail.getUserLabelByName('Leads').getThreads()[0].getId()).toBe('t1');
    expect(() => gmail.createLabel('leads')).toThrow('Label name exists or conflicts');
  });
});

describe('labels on threads', () => {
  it('GmailThread.addLabel and removeLabel change the thread, each a round trip; search sees it', () => {
    const { gmail, state, ledger } = world({ requireMessageToken: false });
    const leads = gmail.getUserLabelByName('Leads');
    const thread = gmail.getThreadById('t2');
    expect(
      thread
        .addLabel(leads)
        .getLabels()
        .map((l) => l.getName()),
    ).toEqual(['Leads']);
    expect(ids(gmail, 'label:Leads')).toEqual(['t1', 't2']);
    thread.removeLabel(leads).removeLabel(leads); // removing a label the thread lacks is no error
    expect(state.threads.find((t) => t.id === 't2')?.labels).toEqual([]);
    expect(ledger.roundTrips().map((c) => c.method)).toEqual(
      expect.arrayContaining(['addLabel', 'removeLabel']),
    );
  });

  it('GmailLabel.removeFromThreads takes at most 100 threads; deleteLabel removes it everywhere', () => {
    const { gmail, state } = world({ requireMessageToken: false });
    const leads = gmail.getUserLabelByName('Leads');
    const t1 = gmail.getThreadById('t1');
    expect(() => leads.removeFromThreads(new Array(101).fill(t1))).toThrow(/at most 100 threads, got 101/);
    leads.removeFromThread(t1);
    expect(t1.getLabels()).toEqual([]);
    leads.addToThread(t1);
    gmail.deleteLabel(leads);
    expect(state.labels).not.toContain('Leads');
    expect(t1.getLabels()).toEqual([]);
    expect(() => t1.addLabel(leads)).toThrow(/label 'Leads' was deleted/);
  });
});

describe('reading and marking messages as published add-ons do', () => {
  it('getHeader answers the stored headers, case-insensitively, and "" for any other', () => {
    const message = world({ requireMessageToken: false }).gmail.getMessageById('m3');
    expect(message.getHeader('Reply-To')).toBe('sales-desk@beta.example');
    expect(message.getHeader('SUBJECT')).toBe('Quarterly review');
    expect(message.getHeader('X-Mailer')).toBe('');
    expect(message.getAttachments()).toEqual([]);
    expect(message.isInChats()).toBe(false);
  });

  it('marks read/unread and stars messages; threads move between inbox and archive', () => {
    const { gmail, state } = world({ requireMessageToken: false });
    const unreadBefore = gmail.getInboxUnreadCount();
    const m1 = gmail.getMessageById('m1');
    m1.markRead().star();
    expect(state.threads[0].messages[0]).toMatchObject({ unread: false, starred: true });
    expect(gmail.getInboxUnreadCount()).toBe(unreadBefore - 1);
    const t1 = m1.getThread();
    expect(t1.hasStarredMessages()).toBe(true);
    m1.unstar().markUnread();
    expect(t1.hasStarredMessages()).toBe(false);
    expect(gmail.getInboxThreads().map((t) => t.getId())).toContain('t1');
    t1.moveToArchive();
    expect(gmail.getInboxThreads().map((t) => t.getId())).not.toContain('t1');
    expect(t1.moveToInbox().isInInbox()).toBe(true);
    expect(gmail.getThreadById('t3').isInSpam()).toBe(true);
  });
});
