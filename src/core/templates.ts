// Message templates: the three defaults (the original design's prospecting messages), the placeholders a
// template may use, and the checks that keep a template from producing a broken draft.

export interface Template {
  id: string;
  name: string;
  /** One line; placeholders allowed except the multi-line ones. */
  subject: string;
  /** Placeholders are written {{firstName}}. */
  body: string;
}

export const PLACEHOLDERS = [
  'firstName',
  'lastName',
  'fullName',
  'company',
  'senderName',
  'senderFirstName',
  'slots',
  'message',
  'sourcePage',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Placeholders whose value spans lines, so they cannot appear in a subject. */
export const MULTILINE_PLACEHOLDERS: readonly Placeholder[] = ['slots', 'message'];

export const DEFAULT_TEMPLATES: Template[] = [
  {
    id: 'form-lead-first-reply',
    name: 'First reply to a form lead',
    subject: 'Thanks for getting in touch',
    body: [
      'Hi {{firstName}},',
      '',
      "Thank you for getting in touch. I'd be glad to set up a short call to learn what {{company}} is looking for and how we can help.",
      '',
      '{{slots}}',
      '',
      "I'm happy to work around your schedule.",
      '',
      'Best regards,',
      '{{senderName}}',
    ].join('\n'),
  },
  {
    id: 'known-contact-follow-up',
    name: 'Follow-up to a known contact',
    subject: 'Following up',
    body: [
      'Hi {{firstName}},',
      '',
      "I hope you're well. I wanted to follow up on our last conversation and see whether a short call would help with next steps for {{company}}.",
      '',
      '{{slots}}',
      '',
      'Looking forward to catching up.',
      '',
      'Best,',
      '{{senderFirstName}}',
    ].join('\n'),
  },
  {
    id: 'times-that-work',
    name: 'Times that work',
    subject: 'Times to talk',
    body: [
      'Hi {{firstName}},',
      '',
      '{{slots}}',
      '',
      "Reply with what suits you best and I'll set it up.",
      '',
      'Thanks,',
      '{{senderFirstName}}',
    ].join('\n'),
  },
];

export type TemplateToken = { kind: 'text'; text: string } | { kind: 'placeholder'; name: string };

const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Literal text and {{placeholders}}, left to right. Names are returned as written, known or not. */
export function templateTokens(text: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  const pattern = new RegExp(PLACEHOLDER_PATTERN.source, 'g');
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) tokens.push({ kind: 'text', text: text.slice(last, match.index) });
    tokens.push({ kind: 'placeholder', name: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

const MAX_NAME = 100;
const MAX_SUBJECT = 200;
const MAX_BODY = 20_000;

function placeholderProblems(text: string, where: string, allowMultiline: boolean): string[] {
  const problems: string[] = [];
  for (const token of templateTokens(text)) {
    if (token.kind === 'text') continue;
    if (!isPlaceholder(token.name)) {
      problems.push(
        `Unknown placeholder {{${token.name}}} in the ${where}; use one of ${PLACEHOLDERS.join(', ')}`,
      );
    } else if (!allowMultiline && MULTILINE_PLACEHOLDERS.includes(token.name)) {
      problems.push(`{{${token.name}}} spans several lines, so it cannot be used in the ${where}`);
    }
  }
  if (text.replace(PLACEHOLDER_PATTERN, '').includes('{{')) {
    problems.push(`The ${where} has a '{{' without a matching '}}'`);
  }
  return problems;
}

// In a subject: every C0/C1 control (tab and NEL included) and the Unicode line and paragraph separators,
// which some mail programs break a header at. CR and LF have their own message.
const SUBJECT_CONTROL = /(?![\r\n])[\p{Cc}\u2028\u2029]/u;
// In a body: line breaks and tabs are layout; any other control is invisible junk in the draft.
const BODY_CONTROL = /(?![\t\n\r])\p{Cc}/u;

const CONTROL_NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\u0085': 'a next-line control (NEL, U+0085)',
  '\u2028': 'a line separator (U+2028)',
  '\u2029': 'a paragraph separator (U+2029)',
};

function controlProblem(text: string, pattern: RegExp, field: string, templateName: string): string[] {
  const match = pattern.exec(text);
  if (!match) return [];
  const char = match[0];
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what = CONTROL_NAMES[char] || `a control character (${code})`;
  return [
    `The ${field} of template '${templateName}' contains ${what} at character ${match.index + 1}; remove it (the ${field} must be plain text)`,
  ];
}

/** What to fix, one sentence each; [] when the template can produce drafts. */
export function validateTemplate(t: Template): string[] {
  const raw = t as unknown as Record<string, unknown>;
  const text = (key: keyof Template) => (typeof raw?.[key] === 'string' ? (raw[key] as string) : '');
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(text('id'))) {
    problems.push('The template id must be 1 to 64 lower-case letters, digits or hyphens');
  }
  const name = text('name').trim();
  if (!name) problems.push('The template needs a name');
  else if (name.length > MAX_NAME) problems.push(`The template name is longer than ${MAX_NAME} characters`);

  const subject = text('subject');
  if (!subject.trim()) problems.push('The subject is empty');
  else if (subject.length > MAX_SUBJECT)
    problems.push(`The subject is longer than ${MAX_SUBJECT} characters`);
  if (/[\r\n]/.test(subject)) problems.push('The subject must be a single line');
  problems.push(...controlProblem(subject, SUBJECT_CONTROL, 'subject', name || text('id')));
  problems.push(...placeholderProblems(subject, 'subject', false));

  const body = text('body');
  if (!body.trim()) problems.push('The body is empty');
  else if (body.length > MAX_BODY) problems.push(`The body is longer than ${MAX_BODY} characters`);
  problems.push(...controlProblem(body, BODY_CONTROL, 'body', name || text('id')));
  problems.push(...placeholderProblems(body, 'body', true));
  return problems;
}
