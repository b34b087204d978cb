function onHome(e) {
  return simpleCard('Hello', 'Home of ' + Session.getActiveUser().getEmail());
}

function onMessage(e) {
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  var message = GmailApp.getMessageById(e.gmail.messageId);
  return [simpleCard(message.getSubject(), 'From ' + message.getFrom(), 'Count')];
}

function onCount(e) {
  var props = PropertiesService.getUserProperties();
  var n = Number(props.getProperty('count') || 0) + 1;
  props.setProperty('count', String(n));
  return CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText('Counted ' + n))
    .build();
}

function onWhoAmI(e) {
  return CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards([simpleCard('You', Session.getActiveUser().getEmail())])
    .build();
}

function onCompose(e) {
  return [
    simpleCard(
      'Compose',
      'Writing to ' + (e.draftMetadata ? e.draftMetadata.toRecipients.join(', ') : 'nobody'),
    ),
  ];
}

function onEvent(e) {
  return [simpleCard('Event', 'Event ' + e.calendar.id)];
}

// Time-driven work: reads a shared value twice, so an overlapping write between the reads shows.
function readTwice() {
  var props = PropertiesService.getScriptProperties();
  var first = props.getProperty('shared');
  var second = props.getProperty('shared');
  return [first, second];
}

function writeShared() {
  PropertiesService.getScriptProperties().setProperty('shared', Session.getEffectiveUser().getEmail());
  return 'written';
}
