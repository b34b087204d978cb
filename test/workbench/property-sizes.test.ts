// Issue "Ready for a real team", item 13: the sidebar's copy of the team settings must fit one property
// (9 KB) however long the team's templates are, and the drafts still use the full template text.
import type { KeyValueStore } from '../../src/core/ports';
import { writeTemplates } from '../../src/services/settings-store';
import { PROPERTY_ENTRY_LIMIT_BYTES } from '../../tools/workbench/fakes/properties';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { bundleCode, fixture } from './run-fixture';

function storeOver(map: Map<string, string>): KeyValueStore {
  return {
    get: (key) => map.get(key) ?? null,
    getAll: () => Object.fromEntries(map),
    setAll: (values) => Object.entries(values).forEach(([k, v]) => map.set(k, v)),
    delete: (key) => void map.delete(key),
    reload: () => undefined,
  };
}

test('long templates stay out of the sidebar copy, which fits one property, and drafts use their text', async () => {
  const runner = new ScenarioRunner(fixture('default'), await bundleCode());
  try {
    const body = `Hi {{firstName}},\n\n${'We would love to show you around. '.repeat(580)}\n\n{{slots}}\n\n{{senderName}}`;
    writeTemplates(storeOver(runner.world.properties.script), [
      { id: 'long', name: 'The long one', subject: 'A long note for {{firstName}}', body },
      { id: 'other', name: 'Another long one', subject: 'Hello {{firstName}}', body },
    ]);
    const opened = runner.step({ open: 'msg-sarah-demo' });
    expect(opened.error).toBeNull();
    const copy = runner.world.properties.user('alex.rivera@northwind.example').get('sidebar.team') as string;
    expect(copy).toBeTruthy();
    expect(Buffer.byteLength(copy) + 'sidebar.team'.length).toBeLessThanOrEqual(PROPERTY_ENTRY_LIMIT_BYTES);
    expect(copy).not.toContain('We would love');
    expect(runner.step({ open: 'msg-sarah-demo' }).roundTrips.length).toBeLessThanOrEqual(2);
    const drafted = runner.step({ press: 'Create reply draft', choose: { template: ['long'], slots: 2 } });
    expect(drafted.error).toBeNull();
    const draft = runner.world.mailbox.drafts[0];
    const thread = runner.world.mailbox.threads.find((t) => t.id === draft.threadId);
    const message = thread?.messages.find((m) => m.id === draft.messageId);
    expect(message?.plainBody).toContain('We would love to show you around.');
  } finally {
    await runner.world.close();
  }
});
