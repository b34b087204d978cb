// The task form through the real bundle: the subject names the person, the due day comes from a date
// picker sent as Google sends it (dateInput, the day at midnight UTC), and the task falls due that day at
// the start of the rep's working day in the rep's own zone.
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode, fixture } from './run-fixture';
import type { Json } from '../cards/card-json';

jest.setTimeout(120_000);

async function withSarahsTaskForm(body: (runner: ScenarioRunner) => void): Promise<void> {
  const scenario = fixture('default');
  scenario.steps = [];
  const runner = new ScenarioRunner(scenario, await bundleCode());
  try {
    runner.step({ open: 'msg-sarah-demo' });
    body(runner);
  } finally {
    await runner.world.close();
  }
}

function taskTimestamps(runner: ScenarioRunner): string[] {
  return (runner.world.hubspotState().records.tasks || []).map((t) =>
    String((t as { properties: Record<string, string> }).properties.hs_timestamp),
  );
}

describe('the task form', () => {
  it('opens with the person’s name and tomorrow picked; the task is due then at 9:00 New York time', async () => {
    await withSarahsTaskForm((runner) => {
      const form = runner.step({ press: 'Add HubSpot task' });
      const card = form.card as Json;
      const widgets: Json[] = card.sections.flatMap((s: Json) => s.widgets);
      expect(card.header.subtitle).toBe('Sarah Chen');
      expect(widgets.find((w) => w.textInput)!.textInput.value).toBe('Follow up with Sarah Chen');
      // The scenario's now is Tue Mar 10, 10:30 AM in New York: tomorrow is Mar 11, as midnight UTC.
      expect(widgets.find((w) => w.dateTimePicker)!.dateTimePicker).toMatchObject({
        type: 'DATE_ONLY',
        valueMsEpoch: Date.UTC(2026, 2, 11),
      });
      const saved = runner.step({ press: 'Add task' });
      expect(saved.error).toBeNull();
      expect(saved.notification).toBe('Task added in HubSpot.');
      // Mar 11, 09:00 EDT = 13:00 UTC: the day the rep picked, not the evening before.
      expect(taskTimestamps(runner).map((t) => new Date(t).toISOString())).toEqual([
        '2026-03-11T13:00:00.000Z',
      ]);
    });
  });

  it('takes another picked day, and refuses a day already past with a message', async () => {
    await withSarahsTaskForm((runner) => {
      runner.step({ press: 'Add HubSpot task' });
      const past = runner.step({ press: 'Add task', inputs: { taskDue: '2026-03-09' } });
      expect(past.notification).toBe('Pick a due date from today on.');
      expect(taskTimestamps(runner)).toEqual([]);
      runner.step({
        press: 'Add task',
        inputs: { taskDue: '2026-03-16', taskSubject: 'Send the case study' },
      });
      expect(taskTimestamps(runner).map((t) => new Date(t).toISOString())).toEqual([
        '2026-03-16T13:00:00.000Z',
      ]);
    });
  });
});
