// What one scenario step did, as result.json records it, and how a press fills the card's form.

type Json = Record<string, unknown>;

export interface StepResult {
  index: number;
  label: string;
  kind: string;
  /** Who acted. */
  user: string;
  functionName: string | null;
  /** The card on screen after the step (card JSON), if any. */
  card: Json | null;
  notification: string | null;
  openedLink: string | null;
  /** The draft Gmail opened (compose action response). */
  openedDraft: { draftId: string; threadId: string } | null;
  insertedText: string | null;
  /** What the entry point returned (card or response JSON, or a value for timers). */
  returned: unknown;
  roundTrips: Array<{ service: string; method: string; latencyMs: number }>;
  modelledMs: number;
  error: string | null;
}

/** Form inputs for a press: picks of selection inputs, typed values, and switches/checkboxes to clear. */
export interface PressInputs {
  nth?: number;
  choose?: Record<string, number | string[]>;
  inputs?: Record<string, string | string[]>;
  clear?: string[];
}
