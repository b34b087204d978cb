// The CardService builders added for published add-on samples (the block at the end of card-service.ts).
import { FakeCardService } from '../../tools/workbench/fakes/card-service';

const CardService = new FakeCardService();
const widgetJson = (widget: GoogleAppsScript.Card_Service.Widget) => {
  const card = CardService.newCardBuilder()
    .addSection(CardService.newCardSection().addWidget(widget))
    .build() as unknown as { json: { sections: { widgets: unknown[] }[] } };
  return card.json.sections[0].widgets[0];
};

describe('KeyValue (deprecated, still in older samples) renders as its replacement, decoratedText', () => {
  test('content, keys, multiline and a click', () => {
    const keyValue = CardService.newKeyValue()
      .setTopLabel('Subject')
      .setContent('Pricing for 40 seats')
      .setBottomLabel('from Ada')
      .setMultiline(true)
      .setOnClickAction(CardService.newAction().setFunctionName('openDeal'));
    expect(widgetJson(keyValue)).toEqual({
      decoratedText: {
        topLabel: 'Subject',
        text: 'Pricing for 40 seats',
        bottomLabel: 'from Ada',
        wrapText: true,
        onClick: { action: expect.objectContaining({ function: 'openDeal' }) },
      },
    });
  });

  test('refuses to build without content or without any key, as the reference requires both', () => {
    expect(() => widgetJson(CardService.newKeyValue().setContent('no key'))).toThrow(
      /KeyValue is missing its required key/,
    );
    expect(() => widgetJson(CardService.newKeyValue().setTopLabel('no content'))).toThrow(
      /KeyValue is missing its required content/,
    );
    expect(
      widgetJson(CardService.newKeyValue().setIconUrl('https://example.com/i.png').setContent('ok')),
    ).toMatchObject({
      decoratedText: { text: 'ok', startIcon: { iconUrl: 'https://example.com/i.png' } },
    });
  });
});

describe('DatePicker and TimePicker are card.v1 dateTimePickers of their type', () => {
  test('a date is its midnight UTC in ms; a time is ms since midnight', () => {
    const date = CardService.newDatePicker()
      .setFieldName('day')
      .setTitle('Day')
      .setValueInMsSinceEpoch(Date.UTC(2026, 2, 10));
    expect(widgetJson(date)).toEqual({
      dateTimePicker: { name: 'day', label: 'Day', type: 'DATE_ONLY', valueMsEpoch: Date.UTC(2026, 2, 10) },
    });
    const time = CardService.newTimePicker().setFieldName('at').setTitle('At').setHours(14).setMinutes(30);
    expect(widgetJson(time)).toEqual({
      dateTimePicker: { name: 'at', label: 'At', type: 'TIME_ONLY', valueMsEpoch: (14 * 60 + 30) * 60_000 },
    });
  });

  test('hours outside 0-23 and minutes outside 0-59 are invalid arguments; a picker needs its field name', () => {
    expect(() => CardService.newTimePicker().setHours(24)).toThrow('Invalid argument: hours');
    expect(() => CardService.newTimePicker().setMinutes(60)).toThrow('Invalid argument: minutes');
    expect(() => widgetJson(CardService.newDatePicker().setTitle('Day'))).toThrow(
      /DatePicker is missing its required field name/,
    );
  });
});
