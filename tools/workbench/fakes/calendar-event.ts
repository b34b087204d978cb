// One event of the Calendar fake's state: shared by the fake and the .ics loader.

export type MyResponse = 'accepted' | 'declined' | 'tentative' | 'needsAction' | 'owner';

export interface CalendarEventState {
  /** iCalUID, what CalendarEvent.getId() returns; occurrences of one series share it. */
  id: string;
  title: string;
  /** Epoch ms. An all-day event runs from midnight to midnight (exclusive) in the calendar's zone. */
  start: number;
  end: number;
  allDay?: boolean;
  /**
   * "Show me as: Available". Default as in Google Calendar: all-day events are free, timed events busy
   * (https://developers.google.com/apps-script/reference/calendar/event-transparency).
   */
  transparent?: boolean;
  /** The user's answer to the invitation; default 'owner' (their own event). */
  myResponse?: MyResponse;
  guests?: string[];
  /** Calendar API style lines: 'RRULE:FREQ=WEEKLY;BYDAY=MO', 'EXDATE;TZID=...:...'. */
  recurrence?: string[];
  /** Wall-clock zone the recurrence repeats in; default the calendar's. */
  timeZone?: string;
  description?: string;
  location?: string;
  tags?: Record<string, string>;
  createdAt?: number;
}
