import { renderCard } from '../../tools/preview/render-card';
import { cardButtons } from '../../tools/workbench/runner';

type Json = Record<string, unknown>;

const action = (fn: string, parameters: Record<string, string> = {}) => ({
  action: { function: fn, parameters: Object.entries(parameters).map(([key, value]) => ({ key, value })) },
});

function card(widgets: Json[], extra: Json = {}): Json {
  return { header: { title: 'Title' }, sections: [{ header: 'Section', widgets }], ...extra };
}

/** The value of an attribute in the rendered HTML, unescaped, for each occurrence. */
function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) =>
    m[1]
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

describe('renderCard', () => {
  it('shows a name holding a script tag as text, in the header and in widgets', () => {
    const name = '<script>alert(1)</script>';
    const html = renderCard(
      card([{ decoratedText: { topLabel: 'Contact', text: name } }, { textParagraph: { text: name } }], {
        header: { title: name, subtitle: name },
      }),
    );
    expect(html).not.toContain('<script');
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g)).toHaveLength(4);
  });

  it('renders the header, section headers and decorated text with its labels', () => {
    const html = renderCard({
      header: { title: 'Sarah Chen', subtitle: 'VP Operations · Acme' },
      sections: [
        {
          header: 'HubSpot',
          widgets: [
            {
              decoratedText: {
                topLabel: 'Company',
                text: 'Acme &amp; Co',
                bottomLabel: '1200 employees',
                wrapText: true,
              },
            },
          ],
        },
      ],
    });
    expect(html).toContain('<div class="card-title">Sarah Chen</div>');
    expect(html).toContain('<div class="card-subtitle">VP Operations · Acme</div>');
    expect(html).toContain('<div class="section-header">HubSpot</div>');
    expect(html).toContain('<div class="dt-top">Company</div>');
    expect(html).toContain('<div class="dt-text">Acme &amp; Co</div>');
    expect(html).toContain('<div class="dt-bottom">1200 employees</div>');
  });

  it('truncates decorated text to one line unless wrapText is set', () => {
    expect(renderCard(card([{ decoratedText: { text: 'x' } }]))).toContain('dt-text dt-nowrap');
    expect(renderCard(card([{ decoratedText: { text: 'x', wrapText: true } }]))).not.toContain('dt-nowrap');
  });

  it('keeps the allowed formatting of a text paragraph', () => {
    const html = renderCard(
      card([{ textParagraph: { text: '<font color="#5F6368">Only <b>drafts</b></font>' } }]),
    );
    expect(html).toContain(
      '<div class="widget w-text-paragraph"><font color="#5F6368">Only <b>drafts</b></font></div>',
    );
  });

  it('draws filled buttons apart from text buttons, and disabled ones disabled', () => {
    const html = renderCard(
      card([
        {
          buttonList: {
            buttons: [
              { text: 'Create reply draft', type: 'FILLED', onClick: action('onCreate') },
              { text: 'Refresh', onClick: action('onRefresh') },
              { text: 'Coloured', color: { red: 1, green: 0, blue: 0, alpha: 1 }, onClick: action('onC') },
              { text: 'Off', disabled: true, onClick: action('onOff') },
            ],
          },
        },
      ]),
    );
    expect(html).toMatch(/class="btn btn-filled"[^>]*data-text="Create reply draft"/);
    expect(html).toMatch(/class="btn btn-text"[^>]*data-text="Refresh"/);
    expect(html).toMatch(
      /class="btn btn-filled"[^>]*data-text="Coloured"[^>]*style="background-color: rgb\(255, 0, 0\)"/,
    );
    expect(html).toMatch(/data-text="Off"[^>]* disabled>/);
  });

  it('keeps each button’s action function and parameters, and numbers buttons as the runner lists them', () => {
    const parameters = { messageId: 'msg-1', tricky: `"><script>x</script>` };
    const subject = card(
      [
        {
          decoratedText: {
            text: 'With button',
            button: { text: 'Side', onClick: action('onSide', { a: '1' }) },
          },
        },
        {
          buttonList: {
            buttons: [
              {
                text: 'Create reply draft',
                onClick: {
                  ...action('onCreate', parameters),
                  'x-workbench-composedEmailType': 'REPLY_AS_DRAFT',
                },
              },
              { text: 'Open', onClick: { openLink: { url: 'https://app.hubspot.com/x?a=1&b=2' } } },
            ],
          },
        },
      ],
      {
        fixedFooter: {
          primaryButton: { text: 'Primary', onClick: action('onPrimary') },
          secondaryButton: { text: 'Secondary', onClick: action('onSecondary') },
        },
      },
    );
    const html = renderCard(subject);
    expect(html).not.toContain('<script');
    const texts = attributeValues(html, 'data-text');
    const indexes = attributeValues(html, 'data-button-index').map(Number);
    const order = indexes.map((index, i) => ({ index, text: texts[i] })).sort((a, b) => a.index - b.index);
    expect(order.map((o) => o.text)).toEqual(cardButtons(subject).map((b) => b.text));
    expect(attributeValues(html, 'data-function')).toEqual(
      expect.arrayContaining(['onSide', 'onCreate', 'onPrimary', 'onSecondary']),
    );
    const create = html.slice(html.indexOf('data-text="Create reply draft"'));
    expect(JSON.parse(attributeValues(create, 'data-parameters')[0])).toEqual(parameters);
    expect(attributeValues(create, 'data-compose')[0]).toBe('REPLY_AS_DRAFT');
    expect(attributeValues(html, 'data-open-link')).toEqual(['https://app.hubspot.com/x?a=1&b=2']);
  });

  it('renders every selection input type with its field name and choices', () => {
    const items = [
      { text: 'One', value: '1', selected: true },
      { text: 'Two', value: '2', selected: false },
    ];
    const html = (type: string) =>
      renderCard(card([{ selectionInput: { name: 'pick', label: 'Pick', type, items } }]));
    expect(html('CHECK_BOX')).toContain('<input type="checkbox" name="pick" value="1" checked>');
    expect(html('CHECK_BOX')).toContain('<input type="checkbox" name="pick" value="2">');
    expect(html('RADIO_BUTTON')).toContain('<input type="radio" name="pick" value="1" checked>');
    expect(html('SWITCH')).toMatch(
      /<input type="checkbox" name="pick" value="1" checked><span class="switch-track">/,
    );
    expect(html('DROPDOWN')).toContain(
      '<select class="dropdown" name="pick"><option value="1" selected>One</option>',
    );
    expect(html('MULTI_SELECT')).toContain('name="pick" multiple>');
    for (const type of ['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN'])
      expect(html(type)).toContain('<div class="field-label">Pick</div>');
  });

  it('renders single- and multi-line text inputs with name, value and hint', () => {
    const single = renderCard(
      card([
        {
          textInput: {
            name: 'subject',
            label: 'Subject',
            value: 'a "quoted" value',
            hintText: 'Short',
            type: 'SINGLE_LINE',
          },
        },
      ]),
    );
    expect(single).toContain('<input type="text" name="subject" value="a &quot;quoted&quot; value">');
    expect(single).toContain('<div class="field-hint">Short</div>');
    const multi = renderCard(
      card([{ textInput: { name: 'body', label: 'Note', value: '<b>x</b>', type: 'MULTIPLE_LINE' } }]),
    );
    expect(multi).toContain('<textarea rows="4" name="body">&lt;b&gt;x&lt;/b&gt;</textarea>');
  });

  it('renders a decorated text switch control as a named checkbox', () => {
    const html = renderCard(
      card([
        {
          decoratedText: {
            text: 'Poller on',
            switchControl: { name: 'poller', value: 'true', selected: true },
          },
        },
      ]),
    );
    expect(html).toContain(
      '<input type="checkbox" name="poller" value="true" data-input-kind="switchControl" checked>',
    );
  });

  it('renders dividers, images (without fetching them) and the fixed footer', () => {
    const html = renderCard(
      card([{ divider: {} }, { image: { imageUrl: 'https://example.com/logo.png', altText: 'Logo' } }], {
        fixedFooter: { primaryButton: { text: 'Save', onClick: action('onSave') } },
      }),
    );
    expect(html).toContain('<hr class="widget w-divider">');
    expect(html).toContain('Image: Logo');
    expect(html).not.toContain('<img');
    expect(html).toMatch(
      /<footer class="card-footer"><button type="button" class="btn btn-filled"[^>]*>Save<\/button><\/footer>/,
    );
    const inline = renderCard(
      card([{ image: { imageUrl: 'data:image/png;base64,iVBORw0KGgo=', altText: 'Dot' } }]),
    );
    expect(inline).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Dot">');
  });

  it('shows a visible placeholder naming a widget it cannot render, and keeps the widgets around it', () => {
    const html = renderCard(
      card([
        { textParagraph: { text: 'before' } },
        { columns: { columnItems: [] } },
        { selectionInput: { name: 'x', type: 'SOMETHING_NEW', items: [] } },
        { textParagraph: { text: 'after' } },
      ]),
    );
    expect(html).toContain(
      '<div class="widget w-unsupported" data-widget="columns">Not shown in the preview: columns</div>',
    );
    expect(html).toContain('data-widget="selectionInput SOMETHING_NEW"');
    expect(html.indexOf('before')).toBeLessThan(html.indexOf('columns'));
    expect(html.indexOf('columns')).toBeLessThan(html.indexOf('after'));
  });

  it('hides widgets past uncollapsibleWidgetsCount behind "Show more"', () => {
    const html = renderCard({
      sections: [
        {
          collapsible: true,
          uncollapsibleWidgetsCount: 1,
          widgets: [{ textParagraph: { text: 'shown' } }, { textParagraph: { text: 'folded' } }],
        },
      ],
    });
    expect(html).toMatch(
      /shown<\/div><details class="section-more"><summary[^>]*>Show more<\/summary>.*folded/,
    );
  });

  it('draws date and time pickers, icon buttons with their alt text, and the peek header', () => {
    const html = renderCard({
      peekCardHeader: { title: 'Ann Lee', subtitle: 'Back to this lead' },
      sections: [
        {
          widgets: [
            {
              dateTimePicker: {
                name: 'due',
                label: 'Due',
                type: 'DATE_ONLY',
                valueMsEpoch: Date.UTC(2026, 2, 12),
              },
            },
            {
              dateTimePicker: {
                name: 'start',
                label: 'Starts',
                type: 'TIME_ONLY',
                valueMsEpoch: 9.5 * 3_600_000,
              },
            },
            {
              decoratedText: {
                text: 'Ann',
                startIcon: { knownIcon: 'PERSON', altText: 'Owner' },
                button: {
                  icon: { materialIcon: { name: 'delete' } },
                  altText: 'Discard draft to Ann',
                  onClick: { action: { function: 'onDiscardDraft' } },
                },
              },
            },
          ],
        },
      ],
    });
    expect(html).toContain('<input type="date" name="due" value="2026-03-12"');
    expect(html).toContain('<input type="time" name="start" value="09:30"');
    expect(html).toContain('aria-label="Discard draft to Ann"');
    expect(html).toContain('title="Owner"');
    expect(html).toMatch(/class="card-peek".*Ann Lee.*Back to this lead/);
    expect(html).not.toContain('Not shown in the preview');
  });

  it('says so when there is no card', () => {
    expect(renderCard(null)).toContain('The add-on shows no card here.');
  });
});
