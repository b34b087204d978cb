// The parts of the add-on event object the handlers read.
// https://developers.google.com/workspace/add-ons/concepts/event-objects
export interface AddOnEvent {
  commonEventObject?: {
    hostApp?: string;
    timeZone?: { id?: string; offset?: number };
    userLocale?: string;
    parameters?: Record<string, string>;
    formInputs?: Record<
      string,
      {
        stringInputs?: { value?: string[] };
        /** A TimePicker's value (https://developers.google.com/workspace/add-ons/concepts/event-objects#time-input). */
        timeInput?: { hours?: number; minutes?: number };
        /** A DatePicker's value, midnight UTC of the chosen day. */
        dateInput?: { msSinceEpoch?: number | string };
      }
    >;
  };
  gmail?: { messageId?: string; threadId?: string; accessToken?: string };
  calendar?: {
    calendarId?: string;
    id?: string;
    attendees?: Array<{ email?: string; self?: boolean; organizer?: boolean }>;
    organizer?: { email?: string };
  };
  draftMetadata?: { toRecipients?: string[]; subject?: string };
}

export function parameter(e: AddOnEvent, name: string): string | null {
  const params = e.commonEventObject && e.commonEventObject.parameters;
  return params && typeof params[name] === 'string' ? params[name] : null;
}

/** All values of a form input (a checkbox group gives several). */
export function inputValues(e: AddOnEvent, name: string): string[] {
  const inputs = e.commonEventObject && e.commonEventObject.formInputs;
  const input = inputs && inputs[name];
  return (input && input.stringInputs && input.stringInputs.value) || [];
}

export function input(e: AddOnEvent, name: string): string | null {
  const values = inputValues(e, name);
  return values.length ? values[0] : null;
}

export function userTimeZone(e: AddOnEvent, fallback: string): string {
  const zone = e.commonEventObject && e.commonEventObject.timeZone && e.commonEventObject.timeZone.id;
  return zone || fallback;
}

export function userLocale(e: AddOnEvent): string | undefined {
  const locale = e.commonEventObject && e.commonEventObject.userLocale;
  return locale ? locale.replace('_', '-') : undefined;
}

/** A time picker's value as "HH:MM" (a text input's value as given), or null when the form has none. */
export function timeValue(e: AddOnEvent, name: string): string | null {
  const inputs = e.commonEventObject && e.commonEventObject.formInputs;
  const time = inputs && inputs[name] && inputs[name].timeInput;
  if (time && typeof time.hours === 'number') {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(time.hours)}:${pad(time.minutes || 0)}`;
  }
  return input(e, name);
}

/** A date picker's value in milliseconds since the epoch, or null when the form has none. */
export function dateValue(e: AddOnEvent, name: string): number | null {
  const inputs = e.commonEventObject && e.commonEventObject.formInputs;
  const date = inputs && inputs[name] && inputs[name].dateInput;
  const ms = date ? Number(date.msSinceEpoch) : NaN;
  if (Number.isFinite(ms)) return ms;
  const text = input(e, name);
  const parsed = text ? Date.parse(text) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}
