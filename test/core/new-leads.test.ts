// core/new-leads.ts and core/form-notification.ts: whose new lead it is (the poller's rule, answered by
// the sidebar), and the lead a HubSpot notification names.
import { bannerFrom, checkDue, CHECK_EVERY_MS, isMine } from '../../src/core/new-leads';
import type { LeadsCheck } from '../../src/core/new-leads';
import { notifiedLead } from '../../src/core/form-notification';
import { PollState } from '../../src/core/poll-state';
import type { CrmContact, KeyValueStore } from '../../src/core/ports';
import { unassignedTakerFor } from '../../src/core/unassigned';

const ME = 'alex.rivera@northwind.example';
const OWNERS = [
  { id: '501', email: ME, firstName: 'Alex', lastName: null },
  { id: '502', email: 'sam.okafor@northwind.example', firstName: 'Sam', lastName: null },
];
const contact = (ownerId: string | null) => ({ ownerId }) as CrmContact;
const lead = { conversionId: 'c-1', submittedAt: 1_000 };

function store(values: Record<string, string> = {}): KeyValueStore {
  const data = { ...values };
  return {
    reload: () => undefined,
    get: (k) => (k in data ? data[k] : null),
    getAll: () => ({ ...data }),
    setAll: (v) => Object.assign(data, v),
    delete: (k) => void delete data[k],
  };
}

describe('isMine', () => {
  const rules = {
    userEmail: ME,
    unassignedTakers: [
      { email: ME, since: 0 },
      { email: 'sam.okafor@northwind.example', since: 0 },
    ],
  };

  it("is the HubSpot owner's: mine when I own it, never when a colleague does", () => {
    expect(isMine(lead, contact('501'), OWNERS, rules)).toBe(true);
    expect(isMine(lead, contact('502'), OWNERS, rules)).toBe(false);
  });

  it('an owner not among the owners read is not known to be mine', () => {
    expect(isMine(lead, contact('999'), OWNERS, rules)).toBe(false);
    expect(isMine(lead, contact('501'), null, rules)).toBe(false);
  });

  it("an unowned lead follows the team's rule, exactly as the poller does", () => {
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const l = { conversionId: id, submittedAt: 1_000 };
      expect(isMine(l, null, OWNERS, rules)).toBe(
        unassignedTakerFor(id, 1_000, rules.unassignedTakers) === ME,
      );
      expect(isMine(l, contact(null), OWNERS, rules)).toBe(isMine(l, null, OWNERS, rules));
    }
  });
});

describe('checkDue and bannerFrom', () => {
  const check: LeadsCheck = {
    at: 10_000_000,
    problem: null,
    leads: [
      {
        conversionId: 'c-1',
        formGuid: 'f',
        email: 'a@x.example',
        label: 'Acme Logistics',
        submittedAt: 9_000_000,
      },
      {
        conversionId: 'c-2',
        formGuid: 'f',
        email: 'b@y.example',
        label: 'BrightPath',
        submittedAt: 9_500_000,
      },
    ],
  };

  it('checks again only when the last check is a few minutes old', () => {
    expect(checkDue(null, 0)).toBe(true);
    expect(checkDue(check, check.at + CHECK_EVERY_MS - 1)).toBe(false);
    expect(checkDue(check, check.at + CHECK_EVERY_MS)).toBe(true);
  });

  it('drops a lead as soon as the poller has a record past queued, from the button or the trigger', () => {
    const state = PollState.load(store());
    expect(bannerFrom(check, state, 8_000_000)).toEqual({ leads: check.leads, since: 8_000_000 });
    state.setRecord('c-1', {
      stage: 'done',
      formGuid: 'f',
      submittedAt: 9_000_000,
      email: 'a@x.example',
      updatedAt: 1,
    });
    expect(bannerFrom(check, state, null)).toEqual({ leads: [check.leads[1]], since: 9_500_000 });
    state.setRecord('c-2', {
      stage: 'drafting',
      formGuid: 'f',
      submittedAt: 9_500_000,
      email: 'b@y.example',
      updatedAt: 1,
    });
    expect(bannerFrom(check, state, null)).toBeNull();
  });
});

describe('notifiedLead', () => {
  const body = [
    'Dana Whitfield submitted Contact us on northwind.example/contact.',
    '',
    'Email: dana.whitfield@harborfreight.example',
    'First Name: Dana',
    'Last Name: Whitfield',
    'Company Name: Harbor Freight Co',
  ].join('\n');

  it("reads the lead from HubSpot's notification", () => {
    expect(notifiedLead('noreply@notifications.hubspot.com', body)).toEqual({
      email: 'dana.whitfield@harborfreight.example',
      name: 'Dana Whitfield',
      company: 'Harbor Freight Co',
    });
  });

  it('reads a label and its value on separate lines', () => {
    const split = 'Email\ndana@harbor.example\nCompany\nHarbor';
    expect(notifiedLead('noreply@notifications.hubspot.com', split)).toMatchObject({
      email: 'dana@harbor.example',
      company: 'Harbor',
    });
  });

  it('ignores other senders, and notifications that name no address', () => {
    expect(notifiedLead('someone@hubspot-lookalike.example', body)).toBeNull();
    expect(notifiedLead('noreply@notifications.hubspot.com', 'Your export is ready.')).toBeNull();
    expect(notifiedLead('noreply@notifications.hubspot.com', 'Email: not an address')).toBeNull();
  });
});
