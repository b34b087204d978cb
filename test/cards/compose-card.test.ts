import { ACTIONS, INPUTS } from '../../src/cards/actions';
import { composeSlotsCard, insertTextResponse } from '../../src/cards/compose-card';
import { slotOption } from '../../src/core/lead-view';
import { cardTexts, inputNamed, installCardService, jsonOf, unknownActions } from './card-json';

beforeAll(installCardService);

const START = Date.UTC(2026, 2, 3, 15, 0);
const slots = Array.from({ length: 3 }, (_, i) =>
  slotOption(
    { start: START + i * 3_600_000, end: START + i * 3_600_000 + 1_800_000 },
    'America/New_York',
    null,
  ),
);

describe('composeSlotsCard', () => {
  it('offers the slots as checkboxes, first two ticked, and an Insert button', () => {
    const card = jsonOf(composeSlotsCard(slots, undefined, 'America/New_York'));
    expect(card.header.title).toBe('Times to offer');
    expect(card.sections[0].header).toBe('Times to offer · New York time');
    const picker = inputNamed(card, 'selectionInput', INPUTS.slots)!;
    expect(picker.type).toBe('CHECK_BOX');
    expect(picker.items.map((i: { value: string }) => i.value)).toEqual(slots.map((s) => String(s.start)));
    expect(picker.items[0].text).toBe('Tue, Mar 3 · 10:00\u00a0–\u2060\u00a010:30\u00a0AM');
    expect(card.fixedFooter.primaryButton.text).toBe('Insert times');
    expect(card.fixedFooter.primaryButton.onClick.action.function).toBe(ACTIONS.insertFreeTimes);
    expect(unknownActions(card)).toEqual([]);
  });

  it('with the recipient’s zone: each row in both zones, where it came from, and the zone on Insert', () => {
    const both = slots.map((s) =>
      slotOption({ start: s.start, end: s.end }, 'America/New_York', 'Europe/London'),
    );
    const card = jsonOf(
      composeSlotsCard(both, undefined, 'America/New_York', { timeZone: 'Europe/London', source: 'hubspot' }),
    );
    const picker = inputNamed(card, 'selectionInput', INPUTS.slots)!;
    expect(picker.items[0].text).toMatch(/ · 3:00\u00a0–\u2060\u00a03:30\u00a0PM London, their workday$/);
    expect(cardTexts(card)[0]).toContain('Their time: London, from HubSpot.');
    const insert = card.fixedFooter.primaryButton.onClick.action.parameters;
    expect(insert).toEqual([{ key: 'theirZone', value: 'Europe/London' }]);
  });

  it('gives the reason instead when there are no slots', () => {
    const card = jsonOf(composeSlotsCard(null, 'Your calendar could not be read (timeout).'));
    expect(cardTexts(card)).toEqual(['Your calendar could not be read (timeout).']);
    expect(inputNamed(card, 'selectionInput', INPUTS.slots)).toBeUndefined();
    expect(cardTexts(jsonOf(composeSlotsCard([])))[0]).toMatch(/No free time/);
  });
});

describe('insertTextResponse', () => {
  it('inserts plain text at the cursor of the draft', () => {
    expect(jsonOf(insertTextResponse('Tue 10:00\n'))).toEqual({
      renderActions: {
        hostAppAction: {
          gmailAction: {
            updateDraftActionMarkup: {
              updateBody: {
                insertContents: [{ content: 'Tue 10:00\n', contentType: 'TEXT' }],
                type: 'IN_PLACE_INSERT',
              },
            },
          },
        },
      },
    });
  });
});
