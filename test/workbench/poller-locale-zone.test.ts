// The poller writes times as the sidebar does: in the user's locale and in the zone their calendar is in
// now, not en-US and not the zone it first saw.
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode, fixture } from './run-fixture';

jest.setTimeout(60_000);

async function pollDrafts(setup: (runner: ScenarioRunner) => void, locale?: string): Promise<string[]> {
  const scenario = fixture('default');
  if (locale) scenario.user = { ...scenario.user, locale };
  scenario.steps = [];
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    setup(runner);
    runner.step({ poll: true });
    return runner.world.mailbox.threads
      .flatMap((t) => t.messages)
      .filter((m) => m.isDraft)
      .map((m) => m.plainBody);
  } finally {
    await runner.world.close();
  }
}

const slotLines = (bodies: string[]) =>
  bodies.flatMap((b) => b.split('\n').filter((l) => l.startsWith('• ')));

describe('poller drafts', () => {
  it("write days in the user's locale, as the sidebar does", async () => {
    const lines = slotLines(await pollDrafts(() => undefined, 'de-DE'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^• (Mo|Di|Mi|Do|Fr)\., \d+\. /);
  });

  it("follow the user's calendar zone now, not the zone first reported", async () => {
    const lines = slotLines(
      await pollDrafts((runner) => {
        runner.step({ homepage: 'gmail' }); // reports America/New_York
        runner.world.calendar.timeZone = 'Europe/Berlin'; // the user moved
      }),
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^• [^(]* (CET|GMT\+1)/);
  });
});
