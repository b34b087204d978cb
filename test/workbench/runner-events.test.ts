// The scenario runner hands a project the event objects and Session that Google would: checked with a
// tiny project that records what it receives.
import { ScenarioRunner } from '../../tools/workbench/runner';
import { fixture } from './run-fixture';

const PROJECT = `
function record(name, value) {
  PropertiesService.getScriptProperties().setProperty(name, JSON.stringify(value));
}
function card() {
  var press = CardService.newAction().setFunctionName('onPress').setParameters({ lead: '42' });
  return CardService.newCardBuilder()
    .addSection(
      CardService.newCardSection()
        .addWidget(CardService.newTextInput().setFieldName('note').setTitle('Note').setValue('hello'))
        .addWidget(CardService.newTextButton().setText('Go').setOnClickAction(press)),
    )
    .build();
}
function onHomepage(e) {
  record('homepage', e);
  return [card()];
}
function onPress(e) {
  record('press', e);
  return CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText('ok'))
    .build();
}
function whoAmI() {
  record('whoAmI', { active: Session.getActiveUser().getEmail(), effective: Session.getEffectiveUser().getEmail() });
}
`;

test('homepage and button events are Google-shaped, and a trigger sees a blank active user', async () => {
  const scenario = fixture('default'); // 2026-03-10, New York: daylight time began on 8 March
  scenario.settings.createAuditSheet = false;
  const runner = new ScenarioRunner(scenario, PROJECT);
  try {
    const steps = [{ homepage: 'gmail' as const }, { press: 'Go' }, { trigger: 'whoAmI' }].map((s) =>
      runner.step(s),
    );
    expect(steps.map((s) => s.error)).toEqual([null, null, null]);
    const recorded = (name: string) => JSON.parse(runner.world.properties.script.get(name) as string);

    const home = recorded('homepage');
    expect(home.commonEventObject).toEqual({
      hostApp: 'GMAIL',
      platform: 'WEB',
      userLocale: 'en-US',
      timeZone: { id: 'America/New_York', offset: -4 * 3_600_000 },
    });
    expect(home).toMatchObject({
      hostApp: 'gmail',
      clientPlatform: 'web',
      userTimezone: { offSet: '-14400000' },
    });
    expect(home).not.toHaveProperty('formInput');

    const press = recorded('press');
    expect(press.commonEventObject.parameters).toEqual({ lead: '42' });
    expect(press.commonEventObject.formInputs).toEqual({ note: { stringInputs: { value: ['hello'] } } });
    expect(press).toMatchObject({
      parameters: { lead: '42' },
      formInput: { note: 'hello' },
      formInputs: { note: ['hello'] },
    });

    expect(recorded('whoAmI')).toEqual({ active: '', effective: 'alex.rivera@northwind.example' });
  } finally {
    await runner.world.close();
  }
});
