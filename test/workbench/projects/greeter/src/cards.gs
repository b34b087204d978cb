// A helper in another file: Apps Script puts every file of a project in one global scope.
function simpleCard(title, text, button) {
  var section = CardService.newCardSection().addWidget(CardService.newTextParagraph().setText(text));
  if (button) {
    section.addWidget(
      CardService.newButtonSet().addButton(
        CardService.newTextButton()
          .setText(button)
          .setOnClickAction(CardService.newAction().setFunctionName('onCount')),
      ),
    );
  }
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(title))
    .addSection(section)
    .build();
}
