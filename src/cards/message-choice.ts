// The lead card's Message choice between the template and the message writer: shown only when the team
// turned the writer on; the template stays the default, so a rep chooses the model draft deliberately.
import { INPUTS } from './actions';
import { dropdown } from './widgets';
import type { Widget } from './widgets';

export function messageChoice(writerOn: boolean): Widget[] {
  if (!writerOn) return [];
  return [
    dropdown(INPUTS.messageWriter, 'Written by', [
      { text: 'Template', value: 'template', selected: true },
      { text: 'AI first draft (falls back to the template)', value: 'writer', selected: false },
    ]),
  ];
}
