// Issue "Ready for a real team", item 7: each kind of callback has its own entry point and return type.
// The runner refuses a wrong type as the host does (tools/workbench/return-types.ts), so every step here
// would fail if a universal action answered with an ActionResponse or a button with a UniversalActionResponse.
import { fixture, run } from './run-fixture';

describe('callbacks return what their kind of callback must', () => {
  it('universal actions and the buttons that do the same job each return their own type', async () => {
    const scenario = fixture('default');
    scenario.steps = [
      { universal: 'Check for new leads now' },
      { homepage: 'gmail' },
      { press: 'Check for new leads now' },
      { press: 'Settings' },
      { universal: 'Settings' },
      { universal: 'Refresh' },
    ];
    const outcome = await run(scenario);
    expect(outcome.steps.map((s) => [s.functionName, s.error])).toEqual([
      ['onPollNowAction', null],
      ['onHomepage', null],
      ['onPollNow', null],
      ['onOpenSettings', null],
      ['onSettingsAction', null],
      ['onRefreshAction', null],
    ]);
    // Settings from a card's button is pushed, so Back returns to the card it came from.
    const last = outcome.steps[3].returned as { renderActions: { action: { navigations: object[] } } };
    expect(Object.keys(last.renderActions.action.navigations[0])).toEqual(['pushCard']);
  });
});
