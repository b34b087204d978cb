// The sidebar's states, run through the real bundle in the workbench.
import { auditTypes, cardText, fixture, run } from './run-fixture';

jest.setTimeout(60_000);

describe('known contact abroad (default scenario)', () => {
  let outcome: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    outcome = await run(fixture('default'));
  });

  it('shows contact, company, owner, earlier conversations and slots in both zones', () => {
    const text = cardText(outcome.steps[0].card);
    for (const expected of [
      'Sarah Chen',
      'VP Operations',
      'Acme Logistics',
      'Alex Rivera',
      'Fleet analytics follow-up',
    ]) {
      expect(text).toContain(expected);
    }
    // The week only the US has changed clocks: 1:00 PM in New York is 5:00 PM in London.
    expect(text).toContain(
      'Tue, Mar 10 · 1:00\u00a0–\u2060\u00a01:30\u00a0PM · 5:00\u00a0–\u2060\u00a05:30\u00a0PM London, their workday',
    );
  });

  it('makes the reply draft in the open thread with the chosen times, and sends nothing', () => {
    const step = outcome.steps[1];
    expect(step.error).toBeNull();
    expect(step.openedDraft?.threadId).toBe('thread-sarah-demo');
    const draft = outcome.drafts.find((d) => d.threadId === 'thread-sarah-demo');
    expect(draft?.reply).toBe(true);
    expect(draft?.subject).toBe('Re: Demo for our operations team');
    expect(draft?.textBody).toContain('Tue, Mar 10, 1:00 – 1:30 PM EDT (5:00 – 5:30 PM GMT for you)');
    expect(draft?.textBody).toContain('Wed, Mar 11, 10:30 – 11:00 AM EDT (2:30 – 3:00 PM GMT for you)');
    expect(outcome.safety.draftOnlyViolations).toBe(0);
  });

  it('holds the slot on the user calendar only, without guests', () => {
    expect(outcome.calendarHolds).toHaveLength(1);
    expect(outcome.calendarHolds[0].guests).toEqual([]);
    expect(outcome.safety.calendarInvitations).toBe(0);
  });

  it('shows a short card for an internal thread', () => {
    expect(cardText(outcome.steps[4].card)).toContain('from your own domain');
  });

  it('audits every action', () => {
    expect(auditTypes(outcome)).toEqual(
      expect.arrayContaining(['draft_created', 'approval_requested', 'slot_held']),
    );
  });
});

describe('sidebar states', () => {
  let outcome: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    outcome = await run(fixture('sidebar-states'));
  });

  it('re-opens from the cache in one round trip', () => {
    expect(outcome.steps[2].roundTrips).toHaveLength(1);
    expect(cardText(outcome.steps[2].card)).toContain('Sarah Chen');
  });

  it('offers Create contact for an unknown sender, prefilled from the email, and creates it', () => {
    expect(cardText(outcome.steps[3].card)).toContain('Not in HubSpot yet');
    expect(cardText(outcome.steps[4].card)).toMatch(/Jordan[\s\S]*Lee[\s\S]*Newco/);
    expect(outcome.steps[5].notification).toBe('Contact created in HubSpot.');
    expect(
      outcome.hubspotWrites.some((w) => w.path === '/crm/objects/2026-03/contacts' && w.status === 201),
    ).toBe(true);
    expect(auditTypes(outcome)).toContain('contact_created');
    // The lead card shows the new contact from the view the open remembered: no second lookup.
    const created = outcome.steps[5];
    expect(cardText(created.card)).not.toContain('Not in HubSpot yet');
    expect(cardText(created.card)).toMatch(/Jordan Lee/);
    expect(created.roundTrips.filter((c) => c.service === 'GmailApp')).toEqual([]);
    expect(created.roundTrips.filter((c) => c.service === 'UrlFetchApp')).toHaveLength(1);
  });

  it('adds a HubSpot task and goes back to the lead card', () => {
    expect(outcome.steps[9].notification).toBe('Task added in HubSpot.');
    const tasks = outcome.hubspotRecords.tasks as Array<{ properties: Record<string, string> }>;
    expect(tasks.map((t) => t.properties.hs_task_subject)).toContain('Send the fleet case study');
    expect(cardText(outcome.steps[9].card)).toContain('Times to offer');
  });

  it('inserts the chosen free times into a draft being written', () => {
    expect(outcome.steps[11].insertedText).toMatch(/Here are a few times that work for me:\n• Tue, Mar 10/);
  });

  it('shows HubSpot context for a calendar event with an external guest', () => {
    expect(cardText(outcome.steps[12].card)).toMatch(/Sarah Chen[\s\S]*Alex Rivera/);
  });

  it('lists free times on the Calendar homepage', () => {
    expect(cardText(outcome.steps[13].card)).toContain('Times to offer');
  });
});

describe('HubSpot not set up, rejected or down', () => {
  it('without a token: the card leads to Settings and still offers times and a draft', async () => {
    const outcome = await run(fixture('token-missing'));
    const text = cardText(outcome.steps[0].card);
    expect(text).toMatch(/HubSpot is not connected/);
    expect(text).toContain('Times to offer');
    expect(outcome.steps[1].openedDraft).not.toBeNull();
    expect((outcome.steps[2].returned as { status: string }).status).toBe('not_configured');
  });

  it('with a rejected token: says so, audits auth_failure, and the poller stops', async () => {
    const outcome = await run(fixture('token-rejected'));
    expect(cardText(outcome.steps[0].card)).toMatch(/reconnect HubSpot/i);
    expect(cardText(outcome.steps[0].card)).toContain('Times to offer');
    expect((outcome.steps[1].returned as { status: string }).status).toBe('stopped_auth');
    expect(auditTypes(outcome).filter((t) => t === 'auth_failure').length).toBeGreaterThanOrEqual(2);
  });

  it('when HubSpot fails: Gmail and Calendar sections with a banner, and a connector_error row', async () => {
    const scenario = fixture('default');
    scenario.hubspotFaults = { errorRate: 1 };
    scenario.steps = [{ open: 'msg-sarah-demo' }, { press: 'Create reply draft', choose: { slots: 1 } }];
    const outcome = await run(scenario);
    const text = cardText(outcome.steps[0].card);
    expect(text).toMatch(/HubSpot/);
    expect(text).toContain('Earlier conversations');
    expect(text).toContain('Times to offer');
    expect(outcome.steps[0].error).toBeNull();
    expect(auditTypes(outcome)).toContain('connector_error');
    expect(outcome.steps[1].openedDraft).not.toBeNull();
  });
});

describe('calendars', () => {
  it('a full week: the first slot comes after the workshops, transparent events do not block', async () => {
    const outcome = await run(fixture('busy-calendar'));
    type Item = { text: string; value: string };
    type Widget = { selectionInput?: { name: string; items: Item[] } };
    const sections = (outcome.steps[0].card as { sections: Array<{ widgets: Widget[] }> }).sections;
    const picker = sections.flatMap((s) => s.widgets).find((w) => w.selectionInput?.name === 'slots');
    const items = picker?.selectionInput?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(Number(items[0].value)).toBeGreaterThanOrEqual(Date.parse('2026-03-16T21:00:00Z'));
    expect(items[0].text).toMatch(/^Tue, Mar 17/);
  });

  it('the DST week: New York is 5 hours behind London before the change, 4 after', async () => {
    const outcome = await run(fixture('dst-week'));
    const text = cardText(outcome.steps[0].card)
      .replace(/[\u00a0]/g, ' ')
      .replace(/\u2060/g, '');
    expect(text).toMatch(/Fri, Mar 6 · 12:30 – 1:00 PM · 5:30 – 6:00 PM London/);
    expect(text).toMatch(/Mon, Mar 9 · 10:30 – 11:00 AM · 2:30 – 3:00 PM London/);
    const draft = outcome.drafts[0];
    expect(draft.textBody).toMatch(/EST \(.*GMT for you\)/);
    expect(draft.textBody).toMatch(/EDT \(.*GMT for you\)/);
  });
});

describe('a From header that names no address', () => {
  // Headers seen in real mail (bounces, broken senders): the card says who it is, and nothing is looked up
  // for an address that is not one.
  const UNREADABLE = ['MAILER-DAEMON', '<>', 'Mail Delivery System <>', 'undisclosed-recipients:;'];
  let outcome: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    const scenario = fixture('default');
    scenario.threads.push(
      ...UNREADABLE.map((from, i) => ({
        id: `thread-odd-${i}`,
        labels: [],
        messages: [
          {
            id: `msg-odd-${i}`,
            from,
            to: 'alex.rivera@northwind.example, Sarah Chen <sarah.chen@acmelogistics.example>',
            subject: 'Delivery Status Notification (Failure)',
            date: scenario.now - 3_600_000,
            plainBody: 'Address not found.',
            isSent: false,
            unread: true,
            accessToken: `message-token-msg-odd-${i}`,
          },
        ],
      })),
    );
    scenario.steps = UNREADABLE.map((_, i) => ({ open: `msg-odd-${i}` }));
    outcome = await run(scenario);
  });

  it('shows a clear card naming the sender, not an error', () => {
    UNREADABLE.forEach((from, i) => {
      expect(outcome.steps[i].error).toBeNull();
      const text = cardText(outcome.steps[i].card);
      const shown = from.replace(/</g, '&lt;').replace(/>/g, '&gt;'); // the card escapes its text
      expect(text).toContain(`This message is from “${shown}”, which is not an email address`);
      expect(text).toContain('Nothing was looked up in HubSpot or Gmail');
    });
  });

  it('makes no HubSpot, Gmail or Calendar lookup (and does not guess a recipient)', () => {
    expect(outcome.calls.hubspotRequests).toBe(0);
    for (const step of outcome.steps) {
      expect(step.roundTrips.filter((c) => c.service === 'UrlFetchApp')).toEqual([]);
    }
  });
});
