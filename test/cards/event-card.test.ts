import { ACTIONS } from '../../src/cards/actions';
import { eventCard } from '../../src/cards/event-card';
import type { CrmSection } from '../../src/core/lead-view';
import {
  buttonNamed,
  cardTexts,
  installCardService,
  jsonOf,
  params,
  sectionHeaders,
  unknownActions,
  widgetTexts,
} from './card-json';
import { repeatedLabels } from './card-rules';

beforeAll(installCardService);

const FOUND: CrmSection = {
  state: 'found',
  contact: {
    id: '501',
    email: 'ann@acme.example',
    firstName: 'Ann',
    lastName: 'Lee',
    jobTitle: null,
    phone: null,
    companyName: null,
    lifecycleStage: 'lead',
    ownerId: null,
    lastActivityAt: Date.UTC(2026, 2, 3, 3, 0),
    timeZone: null,
    primaryCompanyId: null,
    dealIds: [],
  },
  company: null,
  ownerName: null,
  recordUrl: null,
  openDeals: null,
};
const UNKNOWN: CrmSection = {
  state: 'unknown',
  suggestion: { email: 'bo@b.example', firstName: 'Bo', lastName: null, company: null },
};

describe('eventCard', () => {
  it('has the at-a-glance rows per attendee, details folded, buttons naming the person', () => {
    const card = jsonOf(
      eventCard(
        [
          { email: 'ann@acme.example', crm: FOUND },
          { email: 'bo@b.example', crm: UNKNOWN },
        ],
        'America/Los_Angeles',
      ),
    );
    expect(sectionHeaders(card)).toEqual(['Ann Lee', 'HubSpot details: Ann Lee', 'bo@b.example']);
    expect(card.sections[0].widgets[0].decoratedText.startIcon.knownIcon).toBe('PERSON');
    expect(card.sections[1].collapsible).toBe(true);
    expect(widgetTexts(card.sections[1].widgets)).toEqual(expect.arrayContaining(['Ann Lee', 'Mon, Mar 2']));
    expect(widgetTexts(card.sections[2].widgets)).toContain('Not in HubSpot yet');
    const create = buttonNamed(card.sections[2], 'Create contact for bo@b.example');
    expect(create.onClick.action.function).toBe(ACTIONS.createContact);
    expect(params(create)).toEqual({ email: 'bo@b.example', firstName: 'Bo' });
    expect(repeatedLabels(card)).toEqual([]);
    expect(unknownActions(card)).toEqual([]);
  });

  it('escapes the attendee address used as a section header', () => {
    const card = jsonOf(eventCard([{ email: '<b>x</b>@y.example', crm: { state: 'no_token' } }], 'UTC'));
    expect(sectionHeaders(card)).toEqual(['&lt;b&gt;x&lt;/b&gt;@y.example']);
  });

  it('says so when no one outside the domain attends', () => {
    expect(cardTexts(jsonOf(eventCard([], 'UTC')))).toEqual([
      'No one outside your domain is on this event — nothing to look up.',
    ]);
  });

  it('stays within the section limit for a huge event', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ email: `p${i}@x.example`, crm: UNKNOWN }));
    const card = jsonOf(eventCard(many, 'UTC'));
    expect(card.sections.length).toBeLessThanOrEqual(100);
    expect(cardTexts(card)).toContain('101 more attendees not shown.');
  });
});
