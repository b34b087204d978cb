// The card schema (tools/workbench/card.schema.json) accepts what Google documents and what the CardService
// fake builds, and refuses any other field: an unknown key, CardService's method names used as JSON keys
// (popCard), two widget kinds in one widget. The runner and the card unit tests check every card with it.
import { jsonOf } from '../cards/card-json';
import { validateCardJson, validateResponseJson } from '../../tools/workbench/card-schema';
import { FakeCardService } from '../../tools/workbench/fakes/card-service';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode, fixture } from './run-fixture';

jest.setTimeout(60_000);

const CardService = new FakeCardService();
type Json = Record<string, unknown>;

const action = (name: string) => CardService.newAction().setFunctionName(name).setParameters({ id: '7' });
const textCard = (text: string): Json => ({ sections: [{ widgets: [{ textParagraph: { text } }] }] });

/** A card using every builder the fake has, each with its optional fields set. */
function everyWidgetCard(): Json {
  const section = CardService.newCardSection()
    .setHeader('All widgets')
    .setCollapsible(true)
    .setNumUncollapsibleWidgets(2)
    .addWidget(
      CardService.newDecoratedText()
        .setTopLabel('Top')
        .setText('Text')
        .setBottomLabel('Bottom')
        .setWrapText(true)
        .setStartIcon(CardService.newIconImage().setIcon(CardService.Icon.EMAIL).setAltText('Mail'))
        .setButton(CardService.newTextButton().setText('Go').setOnClickAction(action('onGo')))
        .setOnClickAction(action('onRow')),
    )
    .addWidget(
      CardService.newDecoratedText()
        .setText('Switch')
        .setSwitchControl(
          CardService.newSwitch()
            .setFieldName('flag')
            .setValue('on')
            .setSelected(true)
            .setControlType(CardService.SwitchControlType.CHECK_BOX)
            .setOnChangeAction(action('onFlag')),
        ),
    )
    .addWidget(
      CardService.newDecoratedText()
        .setText('End icon')
        .setEndIcon(
          CardService.newIconImage().setMaterialIcon(
            CardService.newMaterialIcon().setName('check').setFill(true),
          ),
        ),
    )
    .addWidget(CardService.newTextParagraph().setText('<b>Paragraph</b>'))
    .addWidget(
      CardService.newButtonSet()
        .addButton(
          CardService.newTextButton()
            .setText('Filled')
            .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
            .setBackgroundColor('#1a73e8')
            .setOnClickAction(action('onFilled')),
        )
        .addButton(
          CardService.newTextButton()
            .setText('Old style')
            .setTextButtonStyle(CardService.TextButtonStyle.TEXT)
            .setOpenLink(
              CardService.newOpenLink().setUrl('https://example.com').setOpenAs(CardService.OpenAs.OVERLAY),
            ),
        )
        .addButton(
          CardService.newTextButton()
            .setText('Draft')
            .setComposeAction(action('onDraft'), CardService.ComposedEmailType.REPLY_AS_DRAFT),
        )
        .addButton(
          CardService.newImageButton()
            .setIconUrl('https://example.com/i.png')
            .setAltText('Img')
            .setOnClickOpenLinkAction(action('onLink')),
        )
        .addButton(
          CardService.newTextButton()
            .setText('Sign in')
            .setAuthorizationAction(
              CardService.newAuthorizationAction().setAuthorizationUrl('https://example.com/auth'),
            ),
        ),
    )
    .addWidget(
      CardService.newSelectionInput()
        .setFieldName('choice')
        .setTitle('Pick')
        .setType(CardService.SelectionInputType.DROPDOWN)
        .addItem('One', '1', true)
        .addItem('Two', '2', false)
        .setOnChangeAction(action('onPick')),
    )
    .addWidget(
      CardService.newTextInput()
        .setFieldName('note')
        .setTitle('Note')
        .setValue('v')
        .setHint('hint')
        .setMultiline(true)
        .setValidation(
          CardService.newValidation().setCharacterLimit(100).setInputType(CardService.InputType.TEXT),
        )
        .setSuggestions(CardService.newSuggestions().addSuggestion('a'))
        .setSuggestionsAction(action('onSuggest')),
    )
    .addWidget(CardService.newDivider())
    .addWidget(CardService.newImage().setImageUrl('https://example.com/p.png').setAltText('Picture'))
    .addWidget(
      CardService.newDateTimePicker()
        .setFieldName('when')
        .setTitle('When')
        .setValueInMsSinceEpoch(1_700_000_000_000)
        .setTimeZoneOffsetInMins(60),
    );
  return jsonOf(
    CardService.newCardBuilder()
      .setName('all')
      .setHeader(
        CardService.newCardHeader()
          .setTitle('T')
          .setSubtitle('S')
          .setImageUrl('https://example.com/a.png')
          .setImageStyle(CardService.ImageStyle.CIRCLE),
      )
      .setPeekCardHeader(CardService.newCardHeader().setTitle('Peek'))
      .addSection(section)
      .addCardAction(CardService.newCardAction().setText('Menu').setOnClickAction(action('onMenu')))
      .setFixedFooter(
        CardService.newFixedFooter()
          .setPrimaryButton(CardService.newTextButton().setText('Save').setOnClickAction(action('onSave')))
          .setSecondaryButton(
            CardService.newTextButton().setText('Cancel').setOnClickAction(action('onCancel')),
          ),
      )
      .setDisplayStyle(CardService.DisplayStyle.REPLACE)
      .build(),
  );
}

describe('card schema: cards', () => {
  it('accepts a card using every builder of the fake, with Google’s field names', () => {
    const card = everyWidgetCard();
    expect(() => validateCardJson(card)).not.toThrow();
    const buttons = JSON.stringify(card);
    expect(buttons).toContain('"x-workbench-composedEmailType":"REPLY_AS_DRAFT"');
    expect(buttons).toContain('"x-workbench-authorizationAction"');
    expect(buttons).toContain('"type":"OUTLINED"'); // TextButtonStyle.TEXT, the deprecated OUTLINED
  });

  it('accepts card.v1 widgets the fake does not build (grid, columns, chip list), as Google documents them', () => {
    const card = {
      sections: [
        {
          widgets: [
            {
              grid: {
                title: 'Cats',
                columnCount: 2,
                borderStyle: { type: 'STROKE', cornerRadius: 5 },
                items: [
                  {
                    id: 'a',
                    image: { imageUri: 'https://example.com/c', cropStyle: { type: 'CIRCLE' } },
                    title: 'A',
                  },
                ],
                onClick: { action: { function: 'onGrid' } },
              },
            },
            {
              columns: {
                columnItems: [
                  {
                    horizontalSizeStyle: 'FILL_AVAILABLE_SPACE',
                    widgets: [{ textParagraph: { text: 'left' } }],
                  },
                  { widgets: [{ image: { imageUrl: 'https://example.com/r.png' } }] },
                ],
              },
            },
            {
              chipList: {
                layout: 'WRAPPED',
                chips: [{ label: 'Chip', onClick: { openLink: { url: 'https://x.example' } } }],
              },
            },
          ],
        },
      ],
    };
    expect(() => validateCardJson(card)).not.toThrow();
  });

  it('refuses an unknown key and names where it is', () => {
    const card = everyWidgetCard();
    ((card.sections as Json[])[0].widgets as Json[])[3] = { textParagraph: { text: 'x', bold: true } };
    expect(() => validateCardJson(card)).toThrow(
      /card JSON does not match Google's schema at \/sections\/0\/widgets\/3\/textParagraph: must NOT have additional properties \(bold\)/,
    );
    expect(() => validateCardJson({ ...textCard('x'), theme: 'dark' })).toThrow(
      /at \/: .*additional properties \(theme\)/,
    );
  });

  it('refuses two widget kinds in one widget, and a decorated text with both a button and an end icon', () => {
    expect(() =>
      validateCardJson({ sections: [{ widgets: [{ textParagraph: { text: 'a' }, divider: {} }] }] }),
    ).toThrow(
      /at \/sections\/0\/widgets\/0: must match exactly one schema in oneOf .*exactly one widget kind/,
    );
    const both = {
      decoratedText: {
        text: 't',
        button: { text: 'b', onClick: { action: { function: 'f' } } },
        endIcon: { knownIcon: 'STAR' },
      },
    };
    expect(() => validateCardJson({ sections: [{ widgets: [both] }] })).toThrow(/widgets\/0\/decoratedText/);
  });

  it('refuses a compose type without an action, a card without sections, a button without onClick', () => {
    const composeOnly = { text: 'b', onClick: { 'x-workbench-composedEmailType': 'REPLY_AS_DRAFT' } };
    expect(() =>
      validateCardJson({ sections: [{ widgets: [{ buttonList: { buttons: [composeOnly] } }] }] }),
    ).toThrow(/buttons\/0\/onClick/);
    expect(() => validateCardJson({ header: { title: 'x' } })).toThrow(/required property 'sections'/);
    expect(() =>
      validateCardJson({ sections: [{ widgets: [{ buttonList: { buttons: [{ text: 'b' }] } }] }] }),
    ).toThrow(/required property 'onClick'/);
  });

  it('the card tests’ helper validates what it reads', () => {
    expect(() =>
      jsonOf({
        printJson: () => JSON.stringify({ renderActions: { action: { navigations: [{ popCard: true }] } } }),
      }),
    ).toThrow(/additional properties \(popCard\)/);
  });
});

describe('card schema: responses', () => {
  const card = () =>
    CardService.newCardBuilder()
      .addSection(CardService.newCardSection().addWidget(CardService.newDivider()))
      .build();

  it('accepts every response the fake builds: navigations, notification, link, universal, compose, draft update', () => {
    const navigation = CardService.newNavigation()
      .popToRoot()
      .pushCard(card())
      .updateCard(card())
      .popCard()
      .popToNamedCard('home');
    const responses = [
      CardService.newActionResponseBuilder()
        .setNavigation(navigation)
        .setNotification(CardService.newNotification().setText('Done'))
        .setStateChanged(true)
        .build(),
      CardService.newActionResponseBuilder()
        .setOpenLink(CardService.newOpenLink().setUrl('https://example.com'))
        .build(),
      CardService.newUniversalActionResponseBuilder().displayAddOnCards([card()]).build(),
      CardService.newComposeActionResponseBuilder()
        .setGmailDraft({
          getId: () => 'r-1',
          getMessage: () => ({ getThread: () => ({ getId: () => 't-1' }) }),
        })
        .build(),
      CardService.newUpdateDraftActionResponseBuilder()
        .setUpdateDraftBodyAction(
          CardService.newUpdateDraftBodyAction()
            .addUpdateContent('Hi', CardService.ContentType.TEXT)
            .setUpdateType(CardService.UpdateDraftBodyType.IN_PLACE_INSERT),
        )
        .setUpdateDraftSubjectAction(CardService.newUpdateDraftSubjectAction().addUpdateSubject('Re'))
        .setUpdateDraftToRecipientsAction(
          CardService.newUpdateDraftToRecipientsAction().addUpdateToRecipients(['a@x.example']),
        )
        .build(),
    ];
    for (const response of responses) expect(() => validateResponseJson(jsonOf(response))).not.toThrow();
    expect(jsonOf(responses[0])).toMatchObject({
      renderActions: {
        action: { navigations: [{ popToRoot: true }, {}, {}, { pop: true }, { popToCard: 'home' }] },
      },
    });
  });

  it('accepts Google’s own RenderActions samples', () => {
    // From https://developers.google.com/workspace/add-ons/guides/alternate-runtimes ("Sample JSON Schemas").
    expect(() =>
      validateResponseJson({
        renderActions: { action: { notification: { text: 'This is a sample notification' } } },
      }),
    ).not.toThrow();
    expect(() =>
      validateResponseJson({ renderActions: { action: { navigations: [{ popToRoot: true }] } } }),
    ).not.toThrow();
    expect(() =>
      validateResponseJson({
        stateChanged: true,
        renderActions: {
          action: {
            navigations: [
              {
                pushCard: {
                  peekCardHeader: { title: 'Peek Card' },
                  header: { title: 'Generic' },
                  sections: [{ widgets: [{ image: { imageUrl: 'https://cataas.com/cat' } }] }],
                },
              },
            ],
          },
        },
      }),
    ).not.toThrow();
  });

  it('refuses popCard (Apps Script’s method name, not Google’s JSON), and two steps in one navigation', () => {
    expect(() =>
      validateResponseJson({ renderActions: { action: { navigations: [{ popCard: true }] } } }),
    ).toThrow(
      /response JSON does not match Google's schema at \/renderActions\/action\/navigations\/0: must NOT have additional properties \(popCard\)/,
    );
    expect(() =>
      validateResponseJson({ renderActions: { action: { navigations: [{ pop: true, popToRoot: true }] } } }),
    ).toThrow(/navigations\/0: must NOT have more than 1 properties/);
  });

  it('refuses a card returned where a response belongs, and the old compose key', () => {
    expect(() => validateResponseJson(textCard('x'))).toThrow(/additional properties \(sections\)/);
    expect(() =>
      validateResponseJson({ composeActionResponse: { gmailDraft: { draftId: 'r', threadId: 't' } } }),
    ).toThrow(/additional properties \(composeActionResponse\)/);
  });
});

describe('card schema: the runner checks what it is shown', () => {
  // Functions appended after the bundle replace its own (the later declaration wins). Both build a real card
  // whose icon is cropped RECTANGLE_4_3: Apps Script's builder takes any ImageCropType, but card.v1's
  // Icon.imageType allows only SQUARE and CIRCLE.
  const overrides = `
function rectangleIconCard() {
  var icon = CardService.newIconImage().setIconUrl('https://example.com/i.png')
    .setImageCropType(CardService.ImageCropType.RECTANGLE_4_3);
  return CardService.newCardBuilder().addSection(CardService.newCardSection()
    .addWidget(CardService.newDecoratedText().setText('x').setStartIcon(icon))).build();
}
function onHomepage() { return rectangleIconCard(); }
function onRefreshAction() {
  return CardService.newUniversalActionResponseBuilder().displayAddOnCards([rectangleIconCard()]).build();
}`;

  it('a homepage card or a universal action response off Google’s schema fails its step, naming the field', async () => {
    const runner = new ScenarioRunner(fixture('default'), `${await bundleCode()}\n${overrides}`);
    try {
      const home = runner.step({ homepage: 'gmail' });
      expect(home.error).toMatch(
        /card JSON does not match Google's schema at \/sections\/0\/widgets\/0\/decoratedText\/startIcon\/imageType: must be equal to one of the allowed values \(SQUARE, CIRCLE\)/,
      );
      const refresh = runner.step({ universal: 'Refresh' });
      expect(refresh.error).toMatch(
        /response JSON .* at \/renderActions\/action\/navigations\/0\/pushCard\/sections\/0\/.*imageType/,
      );
    } finally {
      await runner.world.close();
    }
  });
});
