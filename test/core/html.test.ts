import fc from 'fast-check';
import { escapeHtml, textToHtml } from '../../src/core/html';
/** Any UTF-16 text, lone surrogates and controls included (fast-check's 'binary' unit is 50x slower). */
const anyText = (maxLength = 40) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0x80, max: 0x30ff }),
        fc.integer({ min: 0, max: 0x10ffff }),
      ),
      { maxLength },
    )
    .map((codePoints) => String.fromCodePoint(...codePoints));

function unescape(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('neutralises script injection in a name', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('<img src=x onerror=alert(1)>')).not.toContain('<img');
  });

  it('escapes an existing entity again rather than trusting it', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('keeps emoji and non-Latin text', () => {
    expect(escapeHtml('Zoë 👍 東京 שלום')).toBe('Zoë 👍 東京 שלום');
  });

  it('never leaves a raw < > " \' or a bare & (property)', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        const html = escapeHtml(text);
        return !/[<>"']/.test(html) && !/&(?!(amp|lt|gt|quot|#39);)/.test(html) && unescape(html) === text;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('textToHtml', () => {
  it('escapes, then turns every kind of line break into <br>', () => {
    expect(textToHtml('a<b>\r\nb\rc\nd')).toBe('a&lt;b&gt;<br>b<br>c<br>d');
  });

  it('leaves text without line breaks as escaped text', () => {
    expect(textToHtml('"quoted"')).toBe('&quot;quoted&quot;');
  });
});
