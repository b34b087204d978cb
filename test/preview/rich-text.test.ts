import fc from 'fast-check';
import { escapeHtml, formattedText } from '../../tools/preview/rich-text';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('formattedText', () => {
  it('keeps the allowed subset: bold, italic, line breaks, coloured text and http links', () => {
    expect(formattedText('<b>Bold</b> <i>it</i><br>next<br/>')).toBe('<b>Bold</b> <i>it</i><br>next<br>');
    expect(formattedText('<font color="#5F6368">muted</font>')).toBe('<font color="#5F6368">muted</font>');
    expect(formattedText('<a href="https://example.com/a?b=1&amp;c=2">link</a>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">link</a>',
    );
  });

  it('shows a script tag as text', () => {
    expect(formattedText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows other tags, unsafe links, unquoted attributes and bad colours as text', () => {
    expect(formattedText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(formattedText('<a href="javascript:alert(1)">x</a>')).toBe(
      '&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;',
    );
    expect(formattedText('<font color="red;background:url(x)">x</font>')).toContain('&lt;font');
    expect(formattedText('<u>under</u>')).toBe('&lt;u&gt;under&lt;/u&gt;');
  });

  it('drops attributes other than color and href from allowed tags', () => {
    expect(formattedText('<font color="red" onclick="steal()">x</font>')).toBe('<font color="red">x</font>');
  });

  it('keeps character references once and escapes a bare ampersand', () => {
    expect(formattedText('&lt;b&gt; AT&T &amp; &#8212; &bogus;')).toBe(
      '&lt;b&gt; AT&amp;T &amp; &#8212; &amp;bogus;',
    );
  });

  it('balances tags: closes what is left open, shows a stray closing tag as text', () => {
    expect(formattedText('<b>open <i>both')).toBe('<b>open <i>both</i></b>');
    expect(formattedText('</b>stray')).toBe('&lt;/b&gt;stray');
    expect(formattedText('<b><i>x</b>y')).toBe('<b><i>x</i></b>y');
  });

  it('never emits a tag outside the subset, an event handler or a script URL (any input)', () => {
    const pieces = fc.constantFrom(
      '<b>',
      '</b>',
      '<i>',
      '</i>',
      '<br>',
      '<script>',
      '</script>',
      '<a href="javascript:x">',
      '<a href="https://x.example">',
      '</a>',
      '<font color="red">',
      '<font color="x" onmouseover="y">',
      '</font>',
      '<img src="x" onerror="y">',
      '&amp;',
      '&',
      '"',
      "'",
      '<',
      '>',
      'text',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }), (parts) => {
        const html = formattedText(parts.join(''));
        for (const match of html.matchAll(/<\/?([a-z]+)/gi))
          expect(['b', 'i', 'br', 'font', 'a']).toContain(match[1].toLowerCase());
        expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
        expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
      }),
      { numRuns: 1000 },
    );
  });
});
