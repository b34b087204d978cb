import { DEFAULT_TEMPLATES, PLACEHOLDERS, templateTokens, validateTemplate } from '../../src/core/templates';
import type { Template } from '../../src/core/templates';

const valid: Template = {
  id: 'custom',
  name: 'Custom',
  subject: 'Hello {{firstName}}',
  body: 'Hi {{firstName}},\n{{slots}}',
};

describe('DEFAULT_TEMPLATES', () => {
  it('has the three prospecting messages, all valid, with distinct ids', () => {
    expect(DEFAULT_TEMPLATES.map((t) => t.id)).toEqual([
      'form-lead-first-reply',
      'known-contact-follow-up',
      'times-that-work',
    ]);
    for (const t of DEFAULT_TEMPLATES) expect(validateTemplate(t)).toEqual([]);
  });

  it('each offers times and signs off with the sender', () => {
    for (const t of DEFAULT_TEMPLATES) {
      expect(t.body).toContain('{{slots}}');
      expect(t.body).toMatch(/\{\{sender(First)?Name\}\}$/);
    }
  });
});

describe('templateTokens', () => {
  it('splits text and placeholders left to right, tolerating inner spaces', () => {
    expect(templateTokens('Hi {{ firstName }}, {{slots}}!')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'placeholder', name: 'firstName' },
      { kind: 'text', text: ', ' },
      { kind: 'placeholder', name: 'slots' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('returns unknown names as written', () => {
    expect(templateTokens('{{Nope}}')).toEqual([{ kind: 'placeholder', name: 'Nope' }]);
  });
});

describe('validateTemplate', () => {
  it('accepts a valid template', () => {
    expect(validateTemplate(valid)).toEqual([]);
    expect(PLACEHOLDERS).toContain('senderFirstName');
  });

  it('names an unknown placeholder and where it is', () => {
    const problems = validateTemplate({ ...valid, body: 'Hi {{first_name}}' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^Unknown placeholder \{\{first_name\}\} in the body; use one of firstName, /,
    );
  });

  it('refuses multi-line placeholders and line breaks in the subject', () => {
    expect(validateTemplate({ ...valid, subject: 'Times: {{slots}}' })).toEqual([
      '{{slots}} spans several lines, so it cannot be used in the subject',
    ]);
    expect(validateTemplate({ ...valid, subject: 'Hello\r\nBcc: x@example.com' })).toEqual([
      'The subject must be a single line',
    ]);
  });

  it.each([
    ['\u2028', 'a line separator (U+2028)', 6],
    ['\u2029', 'a paragraph separator (U+2029)', 6],
    ['\u0085', 'a next-line control (NEL, U+0085)', 6],
    ['\t', 'a tab', 6],
    ['\u0000', 'a control character (U+0000)', 6],
    ['\u001b', 'a control character (U+001B)', 6],
    ['\u009b', 'a control character (U+009B)', 6],
  ])('refuses %j in the subject, naming the template, the field and the place', (char, what, at) => {
    expect(validateTemplate({ ...valid, subject: `Hello${char}there` })).toEqual([
      `The subject of template 'Custom' contains ${what} at character ${at}; remove it (the subject must be plain text)`,
    ]);
  });

  it('refuses controls in the body but keeps its tabs and line breaks', () => {
    expect(validateTemplate({ ...valid, body: 'Hi\t{{firstName}},\r\n{{slots}}' })).toEqual([]);
    expect(validateTemplate({ ...valid, body: 'Hi\u0007 {{firstName}}' })).toEqual([
      "The body of template 'Custom' contains a control character (U+0007) at character 3; remove it (the body must be plain text)",
    ]);
  });

  it('flags an unclosed placeholder', () => {
    expect(validateTemplate({ ...valid, body: 'Hi {{firstName' })).toEqual([
      "The body has a '{{' without a matching '}}'",
    ]);
  });

  it('requires an id, name, subject and body', () => {
    expect(validateTemplate({ id: 'Bad Id!', name: ' ', subject: '', body: '' })).toEqual([
      'The template id must be 1 to 64 lower-case letters, digits or hyphens',
      'The template needs a name',
      'The subject is empty',
      'The body is empty',
    ]);
  });

  it('limits sizes', () => {
    expect(validateTemplate({ ...valid, subject: 's'.repeat(201) })).toEqual([
      'The subject is longer than 200 characters',
    ]);
    expect(validateTemplate({ ...valid, body: 'b'.repeat(20_001) })).toEqual([
      'The body is longer than 20000 characters',
    ]);
  });

  it('reports, not throws, on a malformed object', () => {
    expect(validateTemplate(null as unknown as Template).length).toBeGreaterThan(0);
    expect(validateTemplate({ id: 7, name: [], subject: {}, body: null } as unknown as Template)).toContain(
      'The body is empty',
    );
  });
});
