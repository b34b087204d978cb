// Fills a template for one recipient: the text and HTML bodies of a reply draft and its subject. Values
// are substituted once, left to right, so a placeholder typed into a form is printed, never expanded.
import { TemplateError } from './errors';
import { textToHtml } from './html';
import {
  canonicalTimeZone,
  cleanMultiline,
  cleanSingleLine,
  COMPANY_MAX,
  MESSAGE_MAX,
  NAME_MAX,
  normaliseEmail,
  quoteForReason,
  SOURCE_PAGE_MAX,
  truncateText,
  truncateWithCount,
} from './prospect';
import type { Slot } from './slots';
import { templateTokens, validateTemplate } from './templates';
import type { Placeholder, Template } from './templates';
import { formatSlotRange, formatSlotRangeBeside, isValidTimeZone } from './time-zone';

export type { Template } from './templates';
export { TemplateError } from './errors';

export interface ComposeInput {
  recipient: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    company: string | null;
    /** IANA zone, or HubSpot's 'america_slash_new_york' spelling; unusable values are ignored. */
    timeZone: string | null;
    message: string | null;
    sourcePage: string | null;
  };
  sender: { name: string; email: string; timeZone: string };
  slots: Slot[];
  template: Template;
  locale?: string;
  /** The thread's subject when replying: the draft's subject becomes 'Re: ' + it (never 'Re: Re: '). */
  replySubject?: string;
}

/** Structurally a ports DraftContent. */
export interface ComposedDraft {
  to: string;
  subject: string;
  textBody: string;
  htmlBody: string;
}

const SUBJECT_MAX = 200;
const NO_SLOTS_TEXT = 'Could you let me know a few times that suit you over the next week or two?';
const SLOTS_INTRO = 'Here are a few times that work for me:';
const REPLY_PREFIX = /^(re|aw|sv|antw)(\[\d+\])?\s*:/i;

/**
 * One line per slot in the user's zone, with the prospect's own time beside it when their zone is known
 * and shows a different time: "Tue, Mar 10, 10:00 – 10:30 AM EDT (3:00 – 3:30 PM GMT for you)".
 */
export function slotLines(
  slots: Slot[],
  userTz: string,
  prospectTz: string | null,
  locale?: string,
): string[] {
  const theirZone = canonicalTimeZone(prospectTz);
  return slots.map((slot) => {
    const mine = formatSlotRange(slot.start, slot.end, userTz, locale);
    if (!theirZone) return mine;
    if (formatSlotRange(slot.start, slot.end, theirZone, locale) === mine) return mine;
    return `${mine} (${formatSlotRangeBeside(slot.start, slot.end, theirZone, userTz, locale)} for you)`;
  });
}

function firstWord(text: string): string {
  return text.split(' ')[0];
}

function placeholderValues(input: ComposeInput): Record<Placeholder, string> {
  const { recipient, sender } = input;
  const line = (raw: string | null, max: number) => (raw ? truncateText(cleanSingleLine(raw), max) : '');
  const firstName = line(recipient.firstName, NAME_MAX);
  const lastName = line(recipient.lastName, NAME_MAX);
  const senderName = line(sender.name, NAME_MAX) || sender.email.split('@')[0];
  const lines = slotLines(input.slots, sender.timeZone, recipient.timeZone, input.locale);
  return {
    firstName: firstName || 'there',
    lastName,
    fullName: [firstName, lastName].filter(Boolean).join(' ') || 'there',
    company: line(recipient.company, COMPANY_MAX) || 'your team',
    senderName,
    senderFirstName: firstWord(senderName),
    slots: lines.length ? [SLOTS_INTRO, ...lines.map((l) => `• ${l}`)].join('\n') : NO_SLOTS_TEXT,
    message: recipient.message ? truncateWithCount(cleanMultiline(recipient.message), MESSAGE_MAX, '\n') : '',
    sourcePage: line(recipient.sourcePage, SOURCE_PAGE_MAX) || 'our website',
  };
}

/** Drops lines that hold nothing but a placeholder with no value (an absent message), then extra blank lines. */
function withoutEmptyLines(body: string, values: Record<Placeholder, string>): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((lineText) => {
      const only = /^\s*\{\{\s*(\w+)\s*\}\}\s*$/.exec(lineText);
      return !(only && values[only[1] as Placeholder] === '');
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function render(text: string, values: Record<Placeholder, string>, asHtml: boolean): string {
  return templateTokens(text)
    .map((token) => {
      const value = token.kind === 'text' ? token.text : values[token.name as Placeholder];
      return asHtml ? textToHtml(value) : value;
    })
    .join('');
}

function subjectFor(input: ComposeInput, values: Record<Placeholder, string>): string {
  const thread = cleanSingleLine(input.replySubject ?? '');
  let subject = render(input.template.subject, values, false);
  if (thread) subject = REPLY_PREFIX.test(thread) ? thread : `Re: ${thread}`;
  return subjectLine(subject);
}

/**
 * The last word on a draft's subject, whatever it was built from: one header-safe line (no control, tab,
 * NEL or Unicode line separator), at most SUBJECT_MAX characters. Templates with such characters are
 * refused by validateTemplate already; this cleaning stays so no later change can let one through.
 */
export function subjectLine(subject: string): string {
  return truncateText(cleanSingleLine(subject), SUBJECT_MAX);
}

/** The draft for one recipient. Throws TemplateError when the template or the address is unusable. */
export function composeDraft(input: ComposeInput): ComposedDraft {
  const problems = validateTemplate(input.template);
  if (problems.length)
    throw new TemplateError(
      `Template '${cleanSingleLine(String(input.template?.id))}': ${problems.join('; ')}`,
    );
  if (input.slots.length && !isValidTimeZone(input.sender.timeZone)) {
    throw new TemplateError(
      `Your time zone ${quoteForReason(input.sender.timeZone)} is not a time zone name`,
    );
  }
  const to = normaliseEmail(input.recipient.email);
  if (!to)
    throw new TemplateError(
      `Recipient ${quoteForReason(input.recipient.email)} is not a valid email address`,
    );

  const values = placeholderValues(input);
  const body = withoutEmptyLines(input.template.body, values);
  return {
    to,
    subject: subjectFor(input, values),
    textBody: render(body, values, false),
    htmlBody: render(body, values, true),
  };
}
