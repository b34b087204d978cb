import { FakeCardService } from '../../tools/workbench/fakes/card-service';
import { checkReturnType, returnedType, ReturnTypeError } from '../../tools/workbench/return-types';
import type { CallbackSite } from '../../tools/workbench/return-types';

const CardService = new FakeCardService();
const card = () =>
  CardService.newCardBuilder()
    .addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('hi')))
    .build();
const actionResponse = () =>
  CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText('done'))
    .build();
const universalResponse = () =>
  CardService.newUniversalActionResponseBuilder().displayAddOnCards([card()]).build();
const composeResponse = () =>
  CardService.newComposeActionResponseBuilder()
    .setGmailDraft({ getId: () => 'r-1', getMessage: () => ({ getThread: () => ({ getId: () => 't-1' }) }) })
    .build();
const updateDraftResponse = () =>
  CardService.newUpdateDraftActionResponseBuilder()
    .setUpdateDraftBodyAction(
      CardService.newUpdateDraftBodyAction()
        .addUpdateContent('Tue 10:00', CardService.ContentType.TEXT)
        .setUpdateType(CardService.UpdateDraftBodyType.IN_PLACE_INSERT),
    )
    .build();

const values = {
  Card: card,
  'Card[]': () => [card(), card()],
  ActionResponse: actionResponse,
  UniversalActionResponse: universalResponse,
  ComposeActionResponse: composeResponse,
  UpdateDraftActionResponse: updateDraftResponse,
};
type Name = keyof typeof values;
const all = Object.keys(values) as Name[];

const accepts = (site: CallbackSite, name: Name): boolean => {
  try {
    checkReturnType(site, values[name]());
    return true;
  } catch (error) {
    if (!(error instanceof ReturnTypeError)) throw error;
    return false;
  }
};
const acceptedBy = (site: CallbackSite): Name[] => all.filter((name) => accepts(site, name));

test('each response builder is told apart, and the kind stays out of the JSON', () => {
  expect(all.map((name) => returnedType(values[name]()))).toEqual(all);
  expect(Object.keys(actionResponse().json)).toEqual(['renderActions']);
});

test.each(['homepage', 'contextual', 'compose', 'eventOpen'] as const)(
  'a %s trigger may return a Card or Card[] only',
  (kind) => {
    expect(acceptedBy({ kind, functionName: 'onX' })).toEqual(['Card', 'Card[]']);
  },
);

test('a button returns an ActionResponse; with setComposeAction a ComposeActionResponse; in compose also an UpdateDraftActionResponse', () => {
  expect(acceptedBy({ kind: 'button', functionName: 'onX' })).toEqual(['ActionResponse']);
  expect(acceptedBy({ kind: 'button', functionName: 'onX', composeAction: true })).toEqual([
    'ComposeActionResponse',
  ]);
  expect(acceptedBy({ kind: 'button', functionName: 'onX', composeCard: true })).toEqual([
    'ActionResponse',
    'UpdateDraftActionResponse',
  ]);
});

test('a universal action returns a UniversalActionResponse only', () => {
  expect(acceptedBy({ kind: 'universal', functionName: 'onX' })).toEqual(['UniversalActionResponse']);
});

test('the error names the callback, what it returned, the rule and the reference page', () => {
  expect(() =>
    checkReturnType({ kind: 'universal', functionName: 'onPollNowAction' }, actionResponse()),
  ).toThrow(
    'Universal action onPollNowAction returned an ActionResponse; universal actions must return a ' +
      'UniversalActionResponse (https://developers.google.com/workspace/add-ons/concepts/universal-actions)',
  );
  expect(() => checkReturnType({ kind: 'button', functionName: 'onSave' }, universalResponse())).toThrow(
    /^Button action onSave returned a UniversalActionResponse; button actions must return an ActionResponse \(https:\/\/developers\.google\.com\/workspace\/add-ons\/concepts\/actions\)$/,
  );
});

test('what is not a CardService object is described plainly', () => {
  const site: CallbackSite = { kind: 'homepage', functionName: 'onHomepage' };
  expect(() => checkReturnType(site, undefined)).toThrow(/onHomepage returned nothing;/);
  expect(() => checkReturnType(site, [])).toThrow(/returned an empty array;/);
  expect(() => checkReturnType(site, CardService.newCardBuilder())).toThrow(
    /returned a builder \(build\(\) was not called\)/,
  );
  expect(() => checkReturnType(site, { sections: [] })).toThrow(/returned a plain object/);
  expect(() => checkReturnType(site, [card(), actionResponse()])).toThrow(
    /returned an array of a Card, an ActionResponse;/,
  );
  // A card's JSON copy is not a Card: only what CardService built counts.
  expect(() => checkReturnType(site, card().json)).toThrow(/returned a plain object/);
});
