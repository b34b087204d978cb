// The homepage as a review queue through the real bundle: after a poll, one row per draft with the
// person's name, and their company and source form beneath; the Discard button names the person.
import { ScenarioRunner } from '../../tools/workbench/runner';
import type { Json } from '../cards/card-json';
import { bundleCode, fixture } from './run-fixture';

jest.setTimeout(120_000);

it('lists each drafted lead by name, with company and form, and Discard names them', async () => {
  const scenario = fixture('default');
  scenario.steps = [];
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    runner.step({ poll: true });
    const home = runner.step({ homepage: 'gmail' });
    const card = home.card as Json;
    const drafts = card.sections.find((s: Json) => String(s.header).startsWith('Drafts to review'));
    const rows = drafts.widgets.filter((w: Json) => w.decoratedText).map((w: Json) => w.decoratedText);
    expect(rows.length).toBeGreaterThan(0);
    const shared = ((scenario.settings as Json) || {}).shared || {};
    const forms = new Set<string>((shared.forms || []).map((f: Json) => String(f.name)));
    for (const row of rows) {
      expect(row.text).not.toContain('@');
      const [company, form] = String(row.bottomLabel).split(' · ');
      expect(company.length).toBeGreaterThan(0);
      expect(forms.has(form)).toBe(true);
      expect(row.button.altText).toBe(`Discard draft to ${row.text}`);
    }
  } finally {
    await runner.world.close();
  }
});
