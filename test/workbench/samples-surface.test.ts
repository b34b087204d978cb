// Apps Script projects this repository did not build (plain .gs files and a manifest, under
// fixtures/projects/) run on the workbench fakes: every entry point their manifests declare is called as
// Apps Script would call it, with an event object in Google's shape, and gives the card Google would show.
// The unit tests below call entry points directly with a minimal event object; the last group runs each
// project's scenario through the scenario runner, as `npm run workbench -- --project … --scenario …` does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listGlobalFunctions, runEntryPoint } from '../../tools/workbench/bundle-runner';
import { zoneOffsetMs } from '../../tools/workbench/fakes/ics';
import { FakeUtilities } from '../../tools/workbench/fakes/utilities';
import { CallLedger, SimClock } from '../../tools/workbench/runtime';
import { bundleProject, loadProject } from '../../tools/workbench/project';
import { ScenarioRunner } from '../../tools/workbench/runner';
import { loadScenario } from '../../tools/workbench/scenario';
import { World } from '../../tools/workbench/world';

const PROJECTS = join(__dirname, '..', '..', 'fixtures', 'projects');

type Json = Record<string, unknown>;

function manifest(name: string): Json {
  return JSON.parse(readFileSync(join(PROJECTS, name, 'appsscript.json'), 'utf8')) as Json;
}

function worldFor(name: string): World {
  const scenario = loadScenario(join(PROJECTS, `${name}.scenario.json`));
  return new World({
    project: loadProject(join(PROJECTS, name)),
    now: scenario.now,
    users: [scenario.user],
    hubspot: scenario.hubspot,
    threads: scenario.threads,
    calendarEvents: scenario.calendarEvents,
  });
}

interface EventInput {
  host: 'gmail' | 'calendar';
  parameters?: Record<string, string>;
  /** Field name -> the values the user entered. */
  inputs?: Record<string, string[]>;
  messageId?: string;
  calendar?: { calendarId: string; id: string };
}

/**
 * A minimal event object in the shape Google documents
 * (https://developers.google.com/workspace/add-ons/concepts/event-objects): commonEventObject plus the
 * older top-level fields published samples still read.
 */
function eventObject(world: World, input: EventInput): Json {
  const { timeZone, locale = 'en' } = world.options.users[0];
  const offset = zoneOffsetMs(world.clock.now(), timeZone);
  const inputs = input.inputs ?? {};
  const message = input.messageId
    ? {
        messageId: input.messageId,
        threadId: threadOf(world, input.messageId),
        accessToken: `message-token-${input.messageId}`,
      }
    : undefined;
  const event: Json = {
    commonEventObject: {
      hostApp: input.host.toUpperCase(),
      platform: 'WEB',
      timeZone: { id: timeZone, offset },
      userLocale: locale,
      parameters: input.parameters ?? {},
      formInputs: Object.fromEntries(
        Object.entries(inputs).map(([field, values]) => [field, { stringInputs: { value: values } }]),
      ),
    },
    hostApp: input.host,
    clientPlatform: 'web',
    userLocale: locale,
    userTimezone: { id: timeZone, offSet: String(offset) },
    parameters: input.parameters ?? {},
    formInput: Object.fromEntries(Object.entries(inputs).map(([field, values]) => [field, values[0]])),
    formInputs: inputs,
  };
  if (message) {
    event.gmail = message;
    event.messageMetadata = { messageId: message.messageId, accessToken: message.accessToken };
  }
  if (input.calendar) event.calendar = input.calendar;
  return event;
}

function threadOf(world: World, messageId: string): string {
  const thread = world.mailbox.threads.find((t) => t.messages.some((m) => m.id === messageId));
  if (!thread) throw new Error(`no message ${messageId} in the world`);
  return thread.id;
}

/** The JSON of what an entry point returned: a Card, a Card[] or an action response. */
function jsonOf(result: unknown): Json {
  const json = (result as { json?: Json } | null)?.json;
  if (!json) throw new Error(`expected a CardService object, got ${JSON.stringify(result)}`);
  return json;
}

function buttonAction(card: Json, text: string): { function: string; parameters: Record<string, string> } {
  const buttons = (card.sections as Json[]).flatMap((s) =>
    (s.widgets as Json[]).flatMap((w) => ((w.buttonList as Json | undefined)?.buttons as Json[]) ?? []),
  );
  const button = buttons.find((b) => b.text === text);
  const action = (button?.onClick as Json | undefined)?.action as Json | undefined;
  if (!action) throw new Error(`no button "${text}" with an action on the card`);
  const parameters = Object.fromEntries(
    ((action.parameters as { key: string; value: string }[]) ?? []).map((p) => [p.key, p.value]),
  );
  return { function: action.function as string, parameters };
}

describe('caption-cards: a Gmail and Calendar add-on with every trigger kind', () => {
  const name = 'caption-cards';
  let world: World;
  beforeAll(() => {
    world = worldFor(name);
  });
  afterAll(() => world.close());

  test('the manifest declares the entry points this test calls, and each is a global function', () => {
    const addOns = manifest(name).addOns as Record<string, Json>;
    const declared = [
      (addOns.common.homepageTrigger as Json).runFunction,
      ...(addOns.common.universalActions as Json[]).map((a) => a.runFunction).filter(Boolean),
      ...(addOns.gmail.contextualTriggers as Json[]).map((t) => t.onTriggerFunction),
      ...((addOns.gmail.composeTrigger as Json).selectActions as Json[]).map((a) => a.runFunction),
      (addOns.calendar.homepageTrigger as Json).runFunction,
      (addOns.calendar.eventOpenTrigger as Json).runFunction,
    ];
    expect(declared).toEqual([
      'onHomepage',
      'onStartOver',
      'onGmailMessage',
      'onGmailCompose',
      'onCalendarHomepage',
      'onCalendarEventOpen',
    ]);
    expect(listGlobalFunctions(loadProject(join(PROJECTS, name)), {})).toEqual(
      expect.arrayContaining(declared),
    );
  });

  test("homepage (common): a greeting for the hour in the user's zone (09:30 in New York), its picture URL made by Utilities.formatString", () => {
    const card = jsonOf(world.run('onHomepage', 'card', [eventObject(world, { host: 'gmail' })]));
    expect((card.header as Json).title).toBe('Good morning in gmail');
    const image = ((card.sections as Json[])[0].widgets as Json[])[0].image as Json;
    expect(image.imageUrl).toBe(
      `https://picsum.photos/seed/${world.clock.now()}/400/300?caption=Good%20morning%20in%20gmail`,
    );
    expect(((card.fixedFooter as Json).primaryButton as Json).text).toBe('Pictures by picsum.photos');
    expect(card.peekCardHeader).toBeUndefined();

    // The card's own "Another picture" button: an ActionResponse that updates the card in place.
    const another = buttonAction(card, 'Another picture');
    const response = jsonOf(
      world.run(another.function, 'card', [
        eventObject(world, { host: 'gmail', parameters: another.parameters }),
      ]),
    );
    const navigation = ((response.renderActions as Json).action as Json).navigations as Json[];
    expect(((navigation[0].updateCard as Json).header as Json).title).toBe('Good morning in gmail');
  });

  test("Gmail contextual trigger: the open message's subject, prefixes stripped and cut at a word", () => {
    const card = jsonOf(
      world.run('onGmailMessage', 'card', [eventObject(world, { host: 'gmail', messageId: 'm1' })]),
    );
    expect((card.header as Json).title).toBe('Spring launch plan for the northern…');
    expect(card.peekCardHeader).toEqual({
      title: 'Caption card',
      subtitle: 'Spring launch plan for the northern…',
    });
  });

  test("Gmail contextual trigger without the message's access token is refused, as Gmail refuses it", () => {
    const event = eventObject(world, { host: 'gmail', messageId: 'm1' });
    (event.gmail as Json).accessToken = 'a-token-for-another-message';
    expect(() => world.run('onGmailMessage', 'card', [event])).toThrow(
      'Access token does not match the requested message',
    );
  });

  test('compose trigger: the caption form; its Insert button puts escaped HTML at the cursor', () => {
    const card = jsonOf(world.run('onGmailCompose', 'card', [eventObject(world, { host: 'gmail' })]));
    expect((card.header as Json).title).toBe('Insert a caption');
    const input = ((card.sections as Json[])[0].widgets as Json[])[0].textInput as Json;
    expect(input).toMatchObject({ name: 'caption', label: 'Caption', hintText: 'What should it say?' });

    const insert = buttonAction(card, 'Insert');
    const response = jsonOf(
      world.run(insert.function, 'card', [
        eventObject(world, { host: 'gmail', inputs: { caption: ['Cheers & <thanks>'] } }),
      ]),
    );
    expect(response).toEqual({
      renderActions: {
        hostAppAction: {
          gmailAction: {
            updateDraftActionMarkup: {
              updateBody: {
                insertContents: [
                  { content: '<p><i>Cheers &amp; &lt;thanks&gt;</i></p>', contentType: 'MUTABLE_HTML' },
                ],
                type: 'IN_PLACE_INSERT',
              },
            },
          },
        },
      },
    });
  });

  test('universal action "Start over": a UniversalActionResponse showing a fresh homepage card', () => {
    const response = jsonOf(world.run('onStartOver', 'card', [eventObject(world, { host: 'gmail' })]));
    const navigations = ((response.renderActions as Json).action as Json).navigations as Json[];
    expect(navigations.map((n) => ((n.pushCard as Json).header as Json).title)).toEqual(['A fresh start']);
  });

  test('Calendar homepage: the next 24 hours from CalendarApp.getAllCalendars, times by Utilities.formatDate', () => {
    const card = jsonOf(world.run('onCalendarHomepage', 'card', [eventObject(world, { host: 'calendar' })]));
    expect(card.header).toEqual({ title: '1 event(s) coming up', subtitle: 'alex@northwind.example' });
    const widgets = (card.sections as Json[])[0].widgets as Json[];
    expect(widgets.map((w) => w.decoratedText)).toEqual([{ topLabel: '11:30', text: 'Launch review' }]);
  });

  test('Calendar event-open trigger: CalendarApp.getCalendarById(...).getEventById(...) gives the title', () => {
    const open = (id: string) =>
      jsonOf(
        world.run('onCalendarEventOpen', 'card', [
          eventObject(world, {
            host: 'calendar',
            calendar: { calendarId: 'alex@northwind.example', id },
          }),
        ]),
      );
    expect((open('launch-review@google.com').header as Json).title).toBe(
      'Launch review · Tue 10 Mar, 11:30 AM',
    );
    // An id Calendar does not know (an event still being created): getEventById answers null.
    expect((open('not-saved-yet').header as Json).title).toBe('A brand new event');
  });
});

describe('label-picker: a Gmail add-on in the older manifest form, reading the older event fields', () => {
  const name = 'label-picker';
  let world: World;
  beforeAll(() => {
    world = worldFor(name);
  });
  afterAll(() => world.close());

  test("contextual trigger: a Card[] with the user's labels as check boxes, ticked for the thread's", () => {
    const gmail = manifest(name).gmail as Json;
    expect((gmail.contextualTriggers as Json[]).map((t) => t.onTriggerFunction)).toEqual(['buildLabelCard']);
    const cards = world.run('buildLabelCard', 'card', [
      eventObject(world, { host: 'gmail', messageId: 'm1' }),
    ]);
    expect(Array.isArray(cards)).toBe(true);
    const [card] = (cards as unknown[]).map(jsonOf);
    expect(card.header).toEqual({ title: 'Label picker', subtitle: 'Pricing for 40 seats' });
    const boxes = ((card.sections as Json[])[0].widgets as Json[])[0].selectionInput as Json;
    expect(boxes).toMatchObject({
      name: 'labels',
      type: 'CHECK_BOX',
      onChangeAction: { function: 'applyLabels' },
    });
    expect(boxes.items).toEqual([
      { text: 'Customers', value: 'Customers', selected: true },
      { text: 'Follow-up', value: 'Follow-up', selected: false },
      { text: 'Partners', value: 'Partners', selected: false },
    ]);
  });

  test("the check boxes' change action labels the thread with exactly the ticked labels", () => {
    const labelsOfT1 = () => [...(world.mailbox.threads.find((t) => t.id === 't1')?.labels ?? [])].sort();
    const change = (ticked?: string[]) =>
      jsonOf(
        world.run('applyLabels', 'card', [
          eventObject(world, { host: 'gmail', messageId: 'm1', inputs: ticked ? { labels: ticked } : {} }),
        ]),
      );
    const response = change(['Follow-up', 'Partners']);
    expect(((response.renderActions as Json).action as Json).notification).toEqual({
      text: '2 label(s) on this conversation',
    });
    expect(labelsOfT1()).toEqual(['Follow-up', 'Partners']);
    // Unticking every box: Google leaves the field out of the event.
    change();
    expect(labelsOfT1()).toEqual([]);
  });
});

describe('each project through the scenario runner (npm run workbench), step kinds mapped onto its manifest', () => {
  test.each(['caption-cards', 'label-picker'])(
    '%s: every step runs, every card and response is valid',
    async (name) => {
      const scenario = loadScenario(join(PROJECTS, `${name}.scenario.json`));
      const runner = new ScenarioRunner(scenario, loadProject(join(PROJECTS, name)));
      try {
        const steps = runner.runAll();
        expect(steps.map((s) => [s.label, s.error])).toEqual(steps.map((s) => [s.label, null]));
        expect(runner.preset).toBeNull();
      } finally {
        await runner.world.close();
      }
    },
  );
});

describe('a method the fakes lack', () => {
  const ledger = new CallLedger(new SimClock(0));
  const globals = { Utilities: new FakeUtilities({ ledger }) };
  const script = `
    function callMissing() { return Utilities.gzip(Utilities.newBlob('x')); }
    function catchMissing() {
      try { Utilities.frobnicate('x'); } catch (e) { return [e instanceof TypeError, e.name, e.message, String(e)]; }
    }`;

  test('fails with the TypeError Apps Script itself gives', () => {
    expect(() => runEntryPoint(bundleProject(script), globals, 'callMissing', [])).toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'Utilities.gzip is not a function' }),
    );
  });

  test("is the script realm's own TypeError, so add-on code can catch it", () => {
    expect(runEntryPoint(bundleProject(script), globals, 'catchMissing', [])).toEqual([
      true,
      'TypeError',
      'Utilities.frobnicate is not a function',
      'TypeError: Utilities.frobnicate is not a function',
    ]);
  });
});
