// Issue "Ready for a real team", item 1: nobody is an admin by default. Reps who save team settings before
// an admin exists are refused (and do not become admins); the first admin is named from the script editor.
import { join } from 'node:path';
import type { Outcome } from '../../tools/workbench/outcome';
import { loadScenario } from '../../tools/workbench/scenario';
import { cardText, run } from './run-fixture';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'scenarios', 'team', 'no-admin-yet.json');

describe('a team before any admin', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await run(loadScenario(FIXTURE));
  });

  it('refuses every rep who saves team settings first, and makes none of them admin', () => {
    const [alex, sam] = outcome.steps;
    for (const step of [alex, sam]) {
      expect(step.error).toBeNull();
      expect(cardText(step.card)).toMatch(/No admin is set up yet/);
    }
    expect(outcome.audit.rows).toEqual([]);
  });

  it('makes the person who runs claimFirstAdmin from the editor the first admin, once', () => {
    expect(outcome.steps[2].returned).toBe(
      "morgan.lee@northwind.example is now the admin of Prospector's team settings.",
    );
    expect(String(outcome.steps[3].returned)).toMatch(/already has admins \(morgan.lee@northwind.example\)/);
    const settings = outcome.settingsAtEnd as { admins: string[]; shared: { domainDailyLimit: number } };
    expect(settings.admins).toEqual(['morgan.lee@northwind.example']);
  });

  it('lets the admin change team settings afterwards', () => {
    expect(cardText(outcome.steps[4].card)).toMatch(/Saved\./);
    const settings = outcome.settingsAtEnd as { shared: { domainDailyLimit: number } };
    expect(settings.shared.domainDailyLimit).toBe(7);
  });
});
