// What an add-on entry point may return, by the kind of callback that ran, as Google's reference gives it.
// Google shows the user a generic error when the type is wrong and publishes no text for it, so the
// workbench's message names the rule and the page it comes from.
//
//   homepage    a Card or Card[] (one or more)  https://developers.google.com/apps-script/manifest/homepage-trigger
//   contextual  a Card or Card[]                https://developers.google.com/workspace/add-ons/gmail/extending-message-ui
//   compose     a Card or Card[]                https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui
//   eventOpen   a Card or Card[]                https://developers.google.com/workspace/add-ons/calendar/building-calendar-interfaces
//   button      an ActionResponse               https://developers.google.com/workspace/add-ons/concepts/actions
//               a ComposeActionResponse, when the button was built with setComposeAction
//                                               https://developers.google.com/workspace/add-ons/gmail/gmail-actions
//               an ActionResponse or UpdateDraftActionResponse on a compose card
//                                               https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui
//   universal   a UniversalActionResponse       https://developers.google.com/workspace/add-ons/concepts/universal-actions
import { FakeCard, FakeResponse } from './fakes/card-service';
import type { ResponseKind } from './fakes/card-service';

export type CallbackKind = 'homepage' | 'contextual' | 'compose' | 'eventOpen' | 'button' | 'universal';

export interface CallbackSite {
  kind: CallbackKind;
  /** The global function that ran (named in the error). */
  functionName: string;
  /** button: the button was built with setComposeAction (its onClick carries composedEmailType). */
  composeAction?: boolean;
  /** button: the card on screen came from the compose trigger. */
  composeCard?: boolean;
}

type ReturnedType = 'Card' | 'Card[]' | ResponseKind;

interface Rule {
  allowed: ReturnedType[];
  /** The callback as the message names it, e.g. "Universal action". */
  subject: string;
  /** "universal actions must return a UniversalActionResponse" */
  must: string;
  reference: string;
}

const CARDS: ReturnedType[] = ['Card', 'Card[]'];

function ruleFor(site: CallbackSite): Rule {
  switch (site.kind) {
    case 'homepage':
      return {
        allowed: CARDS,
        subject: 'Homepage trigger',
        must: 'homepage triggers must return a Card or an array of one or more Cards',
        reference: 'https://developers.google.com/apps-script/manifest/homepage-trigger',
      };
    case 'contextual':
      return {
        allowed: CARDS,
        subject: 'Contextual trigger',
        must: 'contextual triggers must return a Card or an array of one or more Cards',
        reference: 'https://developers.google.com/workspace/add-ons/gmail/extending-message-ui',
      };
    case 'compose':
      return {
        allowed: CARDS,
        subject: 'Compose trigger',
        must: 'compose triggers must return a Card or an array of one or more Cards',
        reference: 'https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui',
      };
    case 'eventOpen':
      return {
        allowed: CARDS,
        subject: 'Calendar event-open trigger',
        must: 'event-open triggers must return a Card or an array of one or more Cards',
        reference: 'https://developers.google.com/workspace/add-ons/calendar/building-calendar-interfaces',
      };
    case 'universal':
      return {
        allowed: ['UniversalActionResponse'],
        subject: 'Universal action',
        must: 'universal actions must return a UniversalActionResponse',
        reference: 'https://developers.google.com/workspace/add-ons/concepts/universal-actions',
      };
    case 'button':
      if (site.composeAction)
        return {
          allowed: ['ComposeActionResponse'],
          subject: 'Compose action',
          must: 'a button built with setComposeAction must return a ComposeActionResponse',
          reference: 'https://developers.google.com/workspace/add-ons/gmail/gmail-actions',
        };
      if (site.composeCard)
        return {
          allowed: ['ActionResponse', 'UpdateDraftActionResponse'],
          subject: 'Button action',
          must: 'a button on a compose card must return an ActionResponse or an UpdateDraftActionResponse',
          reference: 'https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui',
        };
      return {
        allowed: ['ActionResponse'],
        subject: 'Button action',
        must: 'button actions must return an ActionResponse',
        reference: 'https://developers.google.com/workspace/add-ons/concepts/actions',
      };
  }
}

/** The type of a returned value in CardService's own names, or a description of what it is instead. */
export function returnedType(value: unknown): ReturnedType | string {
  if (value instanceof FakeCard) return 'Card';
  if (value instanceof FakeResponse) return value.kind;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty array';
    if (value.every((item) => item instanceof FakeCard)) return 'Card[]';
    return `an array of ${[...new Set(value.map((item) => describeOther(returnedType(item))))].join(', ')}`;
  }
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'object' && typeof (value as { build?: unknown }).build === 'function')
    return 'a builder (build() was not called)';
  if (typeof value === 'object') return 'a plain object (not built with CardService)';
  return `a ${typeof value}`;
}

function describeOther(type: string): string {
  return /^[A-Z]/.test(type) ? withArticle(type) : type;
}

function withArticle(type: string): string {
  if (type === 'Card[]') return 'an array of Cards';
  // "an ActionResponse", "an UpdateDraftActionResponse", but "a UniversalActionResponse" (said "you-").
  return /^(A|E|I|O|Up)/.test(type) ? `an ${type}` : `a ${type}`;
}

export class ReturnTypeError extends Error {
  constructor(
    message: string,
    readonly reference: string,
  ) {
    super(message);
    this.name = 'ReturnTypeError';
  }
}

/**
 * Throws a ReturnTypeError when `returned` (the entry point's raw return value, before it is turned
 * into JSON) is not a type Google accepts from this kind of callback.
 */
export function checkReturnType(site: CallbackSite, returned: unknown): void {
  const rule = ruleFor(site);
  const type = returnedType(returned);
  if ((rule.allowed as string[]).includes(type)) return;
  throw new ReturnTypeError(
    `${rule.subject} ${site.functionName} returned ${describeOther(type)}; ${rule.must} (${rule.reference})`,
    rule.reference,
  );
}
