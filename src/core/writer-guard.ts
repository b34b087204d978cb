// What a model's answer must be before it can become a draft's body. The checks assume the model obeyed
// whatever a hostile form message told it: recipients, subject and thread never come from its text anyway
// (writer.ts), and here an answer that carries header-like lines, anything shaped like a credential, a
// link or address the template and settings do not hold, times it typed itself, another language, markup,
// a refusal, or no [[TIMES]] line where the template offers times is refused whole: the template's draft
// is prepared instead. Refusing rather than repairing keeps the rule simple to check.
import type { FallbackReason } from './writer-fallback';

/** Where the proposed times go; our code puts them there (writer.ts). */
export const TIMES_MARKER = '[[TIMES]]';

export interface GuardContext {
  /** The template offers times: the answer must keep the marker exactly once. */
  expectTimes: boolean;
  /** Links the answer may carry: those in the template's text and the team's allowed links. */
  allowedLinks: string[];
  /** Addresses the answer may mention: the recipient's and the sender's. */
  allowedAddresses: string[];
  /** Values that must never appear: the API key, the HubSpot token. */
  secrets: string[];
  maxChars: number;
  /** The skeleton the model was given: its language is the draft's language. */
  skeleton: string;
}

export type GuardResult = { ok: true; text: string } | { ok: false; reason: FallbackReason; detail: string };

const refuse = (reason: FallbackReason, detail: string): GuardResult => ({ ok: false, reason, detail });

// RFC 5322 field names a mail program could act on, and any X- header; also when quoted or bulleted.
const HEADER_LINE =
  /^[ \t>*_\-•]*(to|cc|bcc|from|sender|subject|reply-to|return-path|in-reply-to|references|content-type|mime-version|x-[\w-]+)[ \t]*:/im;
const CREDENTIAL_SHAPES = [
  /\bpat-[a-z0-9]{2,}-[\w-]{8,}/i, // HubSpot private app token
  /\bAIza[\w-]{30,}/, // Google API key
  /\bsk-[\w-]{16,}/, // OpenAI-style key
  /\bbearer\s+[\w.~+/-]{10,}/i,
  /\b(password|passwd|passcode|api[ _-]?key|secret|access[ _-]?token|token)\s*[:=]/i,
];
/** A long run of letters and digits mixed: a key or token, not a word. */
const OPAQUE_RUN = /[A-Za-z0-9_-]{32,}/g;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()"'\]]+/gi;
const EMAIL_PATTERN = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Bare domains ("evil.example/login") are links to a reader and to Gmail's auto-linking.
const BARE_DOMAIN =
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|app|dev|info|biz|xyz|ru|cn|me|ly|link|site|online|us|uk|de|fr|ai|gg|to|cc|tk|top|click|page)\b(?:\/[^\s]*)?/gi;
const CLOCK_TIME = /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:a\.?m\.?|p\.?m\.?)(?![a-z])/i;
const REFUSAL =
  /^\W*(i'?m sorry|i am sorry|i apologi[sz]e|sorry,? (but )?i|i (can(?:no|')t|am unable|won'?t)|as an ai)\b/im;
const MARKUP = /```|<\/?[a-z][\w-]*[\s>/]|\]\(|^#{1,6}\s|\*\*/im;
const CONTROL = /(?![\n\t])[\p{Cc}\u2028\u2029]/u;

/** The answer as it may go into the draft, or why it may not. */
export function checkModelText(raw: string, ctx: GuardContext): GuardResult {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!text) return refuse('empty', 'the answer was empty');
  if (text.length > ctx.maxChars)
    return refuse('oversized', `${text.length} characters, more than ${ctx.maxChars}`);
  if (CONTROL.test(text)) return refuse('malformed', 'control characters');
  if (HEADER_LINE.test(text)) return refuse('header_lines', 'a line shaped like a mail header');
  const credential = credentialIn(text, ctx.secrets);
  if (credential) return refuse('credential', credential);
  if (REFUSAL.test(text)) return refuse('refusal', 'the model declined');
  if (MARKUP.test(text)) return refuse('markup', 'markdown or HTML instead of plain text');
  const markers = text.split(TIMES_MARKER).length - 1;
  if (ctx.expectTimes && markers === 0) return refuse('times_dropped', 'no [[TIMES]] line');
  if (markers > (ctx.expectTimes ? 1 : 0)) return refuse('malformed', `[[TIMES]] ${markers} times`);
  const outside = text.split(TIMES_MARKER).join('\n');
  if (/\{\{|\}\}|\[\[|\]\]/.test(outside)) return refuse('malformed', 'a placeholder left in the text');
  if (CLOCK_TIME.test(outside)) return refuse('times_retyped', 'a time of day typed by the model');
  const address = foreignAddress(outside, ctx.allowedAddresses);
  if (address) return refuse('foreign_address', 'an email address that is neither party');
  const link = foreignLink(outside.replace(EMAIL_PATTERN, ' '), ctx.allowedLinks);
  if (link) return refuse('foreign_link', 'a link that is not in the template or the settings');
  const language = languageProblem(outside, ctx.skeleton);
  if (language) return refuse('off_language', language);
  return { ok: true, text };
}

function credentialIn(text: string, secrets: string[]): string | null {
  if (secrets.some((s) => s.length >= 8 && text.includes(s))) return 'a configured secret';
  if (CREDENTIAL_SHAPES.some((shape) => shape.test(text))) return 'text shaped like a credential';
  const runs = text.match(OPAQUE_RUN) || [];
  if (runs.some((run) => /\d/.test(run) && /[A-Za-z]/.test(run))) return 'a long opaque token';
  return null;
}

function foreignAddress(text: string, allowed: string[]): boolean {
  const known = allowed.map((a) => a.toLowerCase());
  return (text.match(EMAIL_PATTERN) || []).some((a) => !known.includes(a.toLowerCase()));
}

/** "https://www.Example.com/x." -> "example.com/x": compared without scheme, www. and trailing marks. */
export function normaliseLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,;:!?)\]]+$/, '')
    .replace(/\/$/, '');
}

/** Links found in a text: URLs and bare domains. */
export function linksIn(text: string): string[] {
  const urls: string[] = text.match(URL_PATTERN) || [];
  const rest = text.replace(URL_PATTERN, ' ');
  return urls.concat(rest.match(BARE_DOMAIN) || []);
}

function foreignLink(text: string, allowed: string[]): boolean {
  const known = allowed.map(normaliseLink).filter(Boolean);
  return linksIn(text).some((link) => {
    const found = normaliseLink(link);
    // The same link, or a path below an allowed one: "example.com/book" allows "example.com/book/30min",
    // never "example.com.evil.net".
    return !known.some((k) => found === k || (found.startsWith(k) && '/?#'.includes(found[k.length])));
  });
}

// ---- language --------------------------------------------------------------------------------------

/** Frequent short words of the languages templates are written in; enough to tell them apart. */
const FUNCTION_WORDS: Record<string, string[]> = {
  en: 'the and to a of for you i is in with we your that it be on this our would at can me my will are have'.split(
    ' ',
  ),
  de: 'und die der das ich sie ist zu nicht mit ein eine für auf ihr ihre wir uns den dem es sich gerne'.split(
    ' ',
  ),
  fr: 'le la les et de des un une je vous est pour pas que qui dans nous votre sur avec au du'.split(' '),
  es: 'el la los las y de que un una es por para con no su sus en nos usted le lo del'.split(' '),
  it: 'il la le e di che un una per non con del della sono ci ti vi lo gli al'.split(' '),
  pt: 'o a os as e de que um uma para com não do da em no na você seu sua'.split(' '),
  nl: 'de het een en van ik je u is dat niet met voor op wij ons uw zijn er'.split(' '),
};
const MIN_SHARE = 0.08;

function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) || [];
}

function guessLanguage(text: string): string | null {
  const list = words(text);
  if (list.length < 12) return null;
  let best: string | null = null;
  let bestShare = MIN_SHARE;
  for (const [language, common] of Object.entries(FUNCTION_WORDS)) {
    const share = list.filter((w) => common.includes(w)).length / list.length;
    if (share > bestShare) [best, bestShare] = [language, share];
  }
  return best;
}

function latinShare(text: string): number {
  const letters = text.match(/\p{L}/gu) || [];
  if (!letters.length) return 1;
  return letters.filter((l) => /\p{Script=Latin}/u.test(l)).length / letters.length;
}

function languageProblem(text: string, skeleton: string): string | null {
  if (latinShare(skeleton) > 0.9 && latinShare(text) < 0.8) return 'written in another script';
  const expected = guessLanguage(skeleton);
  const found = guessLanguage(text);
  if (expected && found && expected !== found) return `written in '${found}', the template is '${expected}'`;
  return null;
}
