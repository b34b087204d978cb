import {
  actionFunctionNames,
  FakeCardService,
  MAX_SECTIONS_PER_CARD,
  MAX_WIDGETS_PER_SECTION,
} from '../../tools/workbench/fakes/card-service';

const CardService = new FakeCardService();
const action = (fn: string, parameters: Record<string, string> = {}) =>
  CardService.newAction().setFunctionName(fn).setParameters(parameters);
const paragraph = (text: string) => CardService.newTextParagraph().setText(text);
const section = (...widgets: GoogleAppsScript.Card_Service.Widget[]) => {
  const built = CardService.newCardSection();
  widgets.forEach((widget) => built.addWidget(widget));
  return built;
};

test('a sidebar card renders as card.v1 JSON', () => {
  const card = CardService.newCardBuilder()
    .setName('contact')
    .setHeader(
      CardService.newCardHeader()
        .setTitle('Ana Silva')
        .setSubtitle('Acme')
        .setImageStyle(CardService.ImageStyle.CIRCLE),
    )
    .addSection(
      CardService.newCardSection()
        .setHeader('HubSpot')
        .setCollapsible(true)
        .addWidget(
          CardService.newDecoratedText()
            .setTopLabel('Stage')
            .setText('Lead')
            .setWrapText(true)
            .setStartIcon(CardService.newIconImage().setIcon(CardService.Icon.PERSON))
            .setButton(
              CardService.newTextButton()
                .setText('Open')
                .setOpenLink(CardService.newOpenLink().setUrl('https://app.hubspot.com/c/1')),
            ),
        )
        .addWidget(paragraph('<b>Last touch</b> 3 days ago'))
        .addWidget(
          CardService.newButtonSet().addButton(
            CardService.newTextButton()
              .setText('Draft reply')
              .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
              .setBackgroundColor('#ff0000')
              .setOnClickAction(
                action('onDraftReply', { slot: '2025-01-07T09:00' }).setLoadIndicator(
                  CardService.LoadIndicator.SPINNER,
                ),
              ),
          ),
        ),
    )
    .addSection(
      section(
        CardService.newSelectionInput()
          .setType(CardService.SelectionInputType.CHECK_BOX)
          .setFieldName('slots')
          .setTitle('Times')
          .addItem('Tue 9:00', 'slot-1', true)
          .addItem('Tue 10:00', 'slot-2', false),
        CardService.newTextInput()
          .setFieldName('note')
          .setTitle('Note')
          .setHint('Optional')
          .setMultiline(true),
        CardService.newDivider(),
        CardService.newImage().setImageUrl('https://example.com/logo.png').setAltText('logo'),
      ),
    )
    .setFixedFooter(
      CardService.newFixedFooter().setPrimaryButton(
        CardService.newTextButton().setText('Save').setOnClickAction(action('onSave')),
      ),
    )
    .build();

  expect(JSON.parse(card.printJson())).toEqual({
    name: 'contact',
    header: { title: 'Ana Silva', subtitle: 'Acme', imageType: 'CIRCLE' },
    sections: [
      {
        header: 'HubSpot',
        collapsible: true,
        widgets: [
          {
            decoratedText: {
              topLabel: 'Stage',
              text: 'Lead',
              wrapText: true,
              startIcon: { knownIcon: 'PERSON' },
              button: { text: 'Open', onClick: { openLink: { url: 'https://app.hubspot.com/c/1' } } },
            },
          },
          { textParagraph: { text: '<b>Last touch</b> 3 days ago' } },
          {
            buttonList: {
              buttons: [
                {
                  text: 'Draft reply',
                  type: 'FILLED',
                  color: { red: 1, green: 0, blue: 0, alpha: 1 },
                  onClick: {
                    action: {
                      function: 'onDraftReply',
                      parameters: [{ key: 'slot', value: '2025-01-07T09:00' }],
                      loadIndicator: 'SPINNER',
                    },
                  },
                },
              ],
            },
          },
        ],
      },
      {
        widgets: [
          {
            selectionInput: {
              name: 'slots',
              label: 'Times',
              type: 'CHECK_BOX',
              items: [
                { text: 'Tue 9:00', value: 'slot-1', selected: true },
                { text: 'Tue 10:00', value: 'slot-2', selected: false },
              ],
            },
          },
          { textInput: { name: 'note', label: 'Note', hintText: 'Optional', type: 'MULTIPLE_LINE' } },
          { divider: {} },
          { image: { imageUrl: 'https://example.com/logo.png', altText: 'logo' } },
        ],
      },
    ],
    fixedFooter: {
      primaryButton: { text: 'Save', onClick: { action: { function: 'onSave', parameters: [] } } },
    },
  });
  expect(actionFunctionNames(card.printJson())).toEqual(['onDraftReply', 'onSave']);
});

test('actionFunctionNames finds change handlers and data sources too', () => {
  const card = CardService.newCardBuilder()
    .addSection(
      section(
        CardService.newSelectionInput().setFieldName('f').setOnChangeAction(action('onFilter')),
        CardService.newDecoratedText()
          .setText('Auto-draft')
          .setSwitchControl(
            CardService.newSwitch().setFieldName('auto').setOnChangeAction(action('onToggle')),
          ),
        CardService.newImageButton().setIcon(CardService.Icon.STAR).setOnClickAction(action('onStar')),
      ),
    )
    .build();
  expect(actionFunctionNames(card.json)).toEqual(['onFilter', 'onToggle', 'onStar']);
});

test('builders stay mutable until build, then the card is fixed', () => {
  const clickAction = action('first');
  const builder = CardService.newCardBuilder().addSection(
    section(CardService.newTextButton().setText('Go').setOnClickAction(clickAction)),
  );
  clickAction.setFunctionName('second');
  const card = builder.build();
  clickAction.setFunctionName('third');
  expect(actionFunctionNames(card.json)).toEqual(['second']);
});

describe('limits', () => {
  test(`a card holds ${MAX_SECTIONS_PER_CARD} sections, not one more`, () => {
    const builder = CardService.newCardBuilder();
    for (let i = 0; i < MAX_SECTIONS_PER_CARD; i++) builder.addSection(section(paragraph(`s${i}`)));
    expect(builder.build().json.sections).toHaveLength(MAX_SECTIONS_PER_CARD);
    builder.addSection(section(paragraph('one too many')));
    expect(() => builder.build()).toThrow(/at most 100 sections/);
  });

  test(`a section holds ${MAX_WIDGETS_PER_SECTION} widgets, not one more`, () => {
    const full = CardService.newCardSection();
    for (let i = 0; i < MAX_WIDGETS_PER_SECTION; i++) full.addWidget(paragraph(`w${i}`));
    expect(() => CardService.newCardBuilder().addSection(full).build()).not.toThrow();
    full.addWidget(paragraph('one too many'));
    expect(() => CardService.newCardBuilder().addSection(full).build()).toThrow(/at most 100 widgets/);
  });

  test.each([
    [
      'a DecoratedText without text',
      () => section(CardService.newDecoratedText().setTopLabel('x')),
      /DecoratedText.*text/,
    ],
    ['a TextParagraph without text', () => section(CardService.newTextParagraph()), /TextParagraph.*text/],
    [
      'a TextButton without text',
      () => section(CardService.newTextButton().setOnClickAction(action('f'))),
      /TextButton.*text/,
    ],
    [
      'a TextButton without an action',
      () => section(CardService.newTextButton().setText('Go')),
      /TextButton.*onClick/,
    ],
    [
      'an Action without a function name',
      () => section(CardService.newTextButton().setText('Go').setOnClickAction(CardService.newAction())),
      /Action.*function name/,
    ],
    [
      'an ImageButton without an icon',
      () => section(CardService.newImageButton().setOnClickAction(action('f'))),
      /ImageButton.*icon/,
    ],
    [
      'a SelectionInput without a field name',
      () => section(CardService.newSelectionInput().addItem('a', 'a', false)),
      /SelectionInput.*field name/,
    ],
    [
      'a TextInput without a field name',
      () => section(CardService.newTextInput().setTitle('x')),
      /TextInput.*field name/,
    ],
    ['an Image without a URL', () => section(CardService.newImage()), /Image.*URL/],
    ['a section without widgets', () => CardService.newCardSection(), /CardSection.*widget/],
  ])('%s throws on build', (_name, makeSection, message) => {
    const builder = CardService.newCardBuilder().addSection(makeSection());
    expect(() => builder.build()).toThrow(message);
  });

  test('a card without sections, or with a header without a title, throws on build', () => {
    expect(() => CardService.newCardBuilder().build()).toThrow(/Card.*section/);
    const untitled = CardService.newCardBuilder()
      .setHeader(CardService.newCardHeader())
      .addSection(section(paragraph('x')));
    expect(() => untitled.build()).toThrow(/CardHeader.*title/);
  });

  test('arguments that are not CardService values are refused', () => {
    expect(() => CardService.newTextButton().setTextButtonStyle('SHINY' as never)).toThrow(
      'Invalid argument: textButtonStyle',
    );
    expect(() => CardService.newCardSection().addWidget({} as never)).toThrow('Invalid argument: widget');
    expect(() => action('f', { n: 1 as never })).toThrow(/not a string/);
    expect(() => CardService.newTextButton().setBackgroundColor('red')).toThrow(
      'Invalid argument: backgroundColor',
    );
  });
});

describe('responses', () => {
  const card = (title: string) =>
    CardService.newCardBuilder()
      .setHeader(CardService.newCardHeader().setTitle(title))
      .addSection(section(paragraph(title)))
      .build();

  test('an action response carries navigation, notification and link as RenderActions', () => {
    const response = CardService.newActionResponseBuilder()
      .setNavigation(CardService.newNavigation().pushCard(card('Next')).popToRoot())
      .setNotification(CardService.newNotification().setText('Draft ready'))
      .setOpenLink(
        CardService.newOpenLink().setUrl('https://mail.google.com/').setOpenAs(CardService.OpenAs.OVERLAY),
      )
      .setStateChanged(true)
      .build();
    expect(JSON.parse(response.printJson())).toEqual({
      renderActions: {
        action: {
          navigations: [{ pushCard: card('Next').json }, { popToRoot: true }],
          notification: { text: 'Draft ready' },
          link: { url: 'https://mail.google.com/', openAs: 'OVERLAY' },
        },
      },
      stateChanged: true,
    });
    expect(() => CardService.newNotification().toJson()).toThrow(/Notification.*text/);
  });

  test('a universal action response pushes each card, or opens a link', () => {
    const response = CardService.newUniversalActionResponseBuilder()
      .displayAddOnCards([card('A'), card('B')])
      .build();
    expect(response.json).toEqual({
      renderActions: {
        action: { navigations: [{ pushCard: card('A').json }, { pushCard: card('B').json }] },
      },
    });
    expect(() => CardService.newUniversalActionResponseBuilder().build()).toThrow(/cards or link/);
  });

  test('a compose response names the draft and its thread', () => {
    const draft = { getId: () => 'r-123', getMessage: () => ({ getThread: () => ({ getId: () => 't-9' }) }) };
    const response = CardService.newComposeActionResponseBuilder().setGmailDraft(draft).build();
    expect(response.json).toEqual({
      'x-workbench-composeActionResponse': { gmailDraft: { draftId: 'r-123', threadId: 't-9' } },
    });
    expect(() => CardService.newComposeActionResponseBuilder().build()).toThrow(/Gmail draft/);
  });

  test('an update-draft response inserts content into the open draft', () => {
    const response = CardService.newUpdateDraftActionResponseBuilder()
      .setUpdateDraftBodyAction(
        CardService.newUpdateDraftBodyAction()
          .addUpdateContent('<p>Tue 9:00</p>', CardService.ContentType.MUTABLE_HTML)
          .setUpdateType(CardService.UpdateDraftBodyType.IN_PLACE_INSERT),
      )
      .setUpdateDraftToRecipientsAction(
        CardService.newUpdateDraftToRecipientsAction().addUpdateToRecipients(['ana@example.com']),
      )
      .build();
    expect(response.json).toEqual({
      renderActions: {
        hostAppAction: {
          gmailAction: {
            updateDraftActionMarkup: {
              updateBody: {
                insertContents: [{ content: '<p>Tue 9:00</p>', contentType: 'MUTABLE_HTML' }],
                type: 'IN_PLACE_INSERT',
              },
              updateToRecipients: { toRecipients: [{ email: 'ana@example.com' }] },
            },
          },
        },
      },
    });
  });
});
