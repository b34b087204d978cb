// Renders cards through the workbench CardService fake and reads the card JSON back, so view tests assert
// what the user would see (texts, inputs, buttons and the functions they call). Every card and response read
// here is checked against Google's schema first (tools/workbench/card-schema.ts), as the runner checks them.
import { ACTIONS } from '../../src/cards/actions';
import { validateCardJson, validateResponseJson } from '../../tools/workbench/card-schema';
import { FakeCard, FakeCardService, actionFunctionNames } from '../../tools/workbench/fakes/card-service';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function installCardService(): void {
  (globalThis as unknown as { CardService: unknown }).CardService = new FakeCardService();
}

/** The JSON of a card or a response, as printJson gives it, once it has passed the schema. */
export function jsonOf(built: { printJson(): string }): Json {
  const json = JSON.parse(built.printJson());
  if (built instanceof FakeCard) validateCardJson(json);
  else validateResponseJson(json);
  return json;
}

export function sections(card: Json): Json[] {
  return card.sections;
}

export function sectionHeaders(card: Json): Array<string | null> {
  return card.sections.map((s: Json) => s.header ?? null);
}

export function sectionNamed(card: Json, header: string): Json {
  const found = card.sections.find((s: Json) => s.header === header);
  if (!found) throw new Error(`No section "${header}" in ${JSON.stringify(sectionHeaders(card))}`);
  return found;
}

/** Every visible text of the widgets in order: labels, decorated text, paragraphs. */
export function widgetTexts(widgets: Json[]): string[] {
  return widgets.flatMap((w) => {
    if (w.textParagraph) return [w.textParagraph.text];
    if (w.decoratedText) {
      const d = w.decoratedText;
      return [d.topLabel, d.text, d.bottomLabel].filter((t: unknown) => t !== undefined);
    }
    return [];
  });
}

export function cardTexts(card: Json): string[] {
  return card.sections.flatMap((s: Json) => widgetTexts(s.widgets));
}

/** Every button anywhere in the JSON (button lists, decorated text buttons, the fixed footer). */
export function buttons(json: unknown): Json[] {
  const found: Json[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Json;
      if (typeof record.text === 'string' && record.onClick) found.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(json);
  return found;
}

export function buttonNamed(json: unknown, text: string): Json {
  const found = buttons(json).find((b) => b.text === text);
  if (!found) throw new Error(`No button "${text}" in ${JSON.stringify(buttons(json).map((b) => b.text))}`);
  return found;
}

export function hasButton(json: unknown, text: string): boolean {
  return buttons(json).some((b) => b.text === text);
}

/** An action's parameters as an object. */
export function params(button: Json): Record<string, string> {
  const list: Array<{ key: string; value: string }> = button.onClick.action.parameters;
  return Object.fromEntries(list.map((p) => [p.key, p.value]));
}

type InputKind = 'textInput' | 'selectionInput' | 'dateTimePicker';

export function inputs(json: Json, kind: InputKind): Json[] {
  const found: Json[] = [];
  for (const s of json.sections) for (const w of s.widgets) if (w[kind]) found.push(w[kind]);
  return found;
}

export function inputNamed(json: Json, kind: InputKind, name: string): Json | undefined {
  return inputs(json, kind).find((i) => i.name === name);
}

/** Fails the test when a card names a function main.ts does not export. */
export function unknownActions(json: Json): string[] {
  const known: string[] = Object.values(ACTIONS);
  return actionFunctionNames(json).filter((name) => !known.includes(name));
}

export { actionFunctionNames };
