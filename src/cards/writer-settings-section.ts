// The Settings card's "Message writer" section: on/off, the Gemini API key (never shown, never
// prefilled: the saved key stays in script properties), the model, tone and length. Admins edit it;
// everyone else reads it. docs/ai-writer.md says what is sent and which Gemini tier to use.
import type { WriterSettings } from '../core/writer-settings';
import { WRITER_TONES } from '../core/writer-settings';
import { INPUTS } from './actions';
import { dropdown, hint, keyValue, switchLine, textInput } from './widgets';
import type { InputName, Widget } from './widgets';

type Field = (name: InputName, widget: Widget) => Widget[];

export function writerWidgets(
  writer: WriterSettings,
  keySet: boolean,
  isAdmin: boolean,
  field: Field,
): Widget[] {
  const terms = 'Use a paid Gemini API tier or Vertex AI: on the free tier Google may use prospect data.';
  if (!isAdmin) {
    return [
      keyValue('AI first drafts', writer.enabled ? `on (${writer.model})` : 'off'),
      keyValue('API key', keySet ? 'set' : 'not set'),
    ];
  }
  return [
    switchLine(INPUTS.writerEnabled, 'Offer AI first drafts', writer.enabled, terms),
    keyValue('Gemini API key', keySet ? 'set (hidden)' : 'not set'),
    ...field(
      INPUTS.writerKey,
      textInput(INPUTS.writerKey, 'New Gemini API key', {
        hint: keySet ? 'Leave empty to keep the saved key' : 'From Google AI Studio, on a paid project',
      }),
    ),
    ...field(INPUTS.writerModel, textInput(INPUTS.writerModel, 'Model', { value: writer.model })),
    ...field(
      INPUTS.writerTone,
      dropdown(
        INPUTS.writerTone,
        'Tone',
        WRITER_TONES.map((t) => ({ text: t, value: t, selected: t === writer.tone })),
      ),
    ),
    ...field(
      INPUTS.writerMaxWords,
      textInput(INPUTS.writerMaxWords, 'Length (words at most)', { value: String(writer.maxWords) }),
    ),
    hint('Recipients, subject, thread and proposed times always come from Prospector, never from the model.'),
  ];
}

/** The section's inputs as a writer settings object; absent inputs keep the current values. */
export function writerFromForm(
  value: (name: InputName) => string | null,
  switchedOn: boolean,
  current: WriterSettings,
): Record<string, unknown> {
  const shown = value(INPUTS.writerModel) !== null;
  return {
    ...current,
    enabled: shown ? switchedOn : current.enabled,
    model: value(INPUTS.writerModel) ?? current.model,
    tone: value(INPUTS.writerTone) ?? current.tone,
    maxWords: value(INPUTS.writerMaxWords) ?? current.maxWords,
  };
}
