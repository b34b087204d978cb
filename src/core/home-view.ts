// What the add-on's homepage (Gmail and Calendar) shows: drafts waiting for review, leads that need
// attention, setup state.
import type { SlotOption } from './lead-view';
import type { NewLeadsBanner } from './new-leads';

export interface DraftAwaitingReview {
  draftId: string;
  threadId: string;
  to: string;
  subject: string;
  preparedAt: number;
  /** The person's name and company, when the poller or the sidebar knew them. */
  name?: string | null;
  company?: string | null;
  /** The HubSpot form the lead came from; null for a reply prepared from the sidebar. */
  sourceForm?: string | null;
}

export interface NewLead {
  email: string;
  conversionId: string;
  submittedAt: number;
  stage: string;
  /** The HubSpot form's name, when Settings knows it. */
  sourceForm?: string | null;
}

export interface SetupState {
  hasToken: boolean;
  hasAuditSheet: boolean;
  auditSheetUrl: string | null;
  formCount: number;
  pollerEnabled: boolean;
  isAdmin: boolean;
}

export interface HomeView {
  host: 'gmail' | 'calendar';
  userEmail: string;
  userTimeZone: string;
  drafts: DraftAwaitingReview[];
  /** Leads since the last visit that got no draft (rejected): listed under "Needs attention". */
  attention: NewLead[];
  lastPoll: { at: number; summary: string } | null;
  setup: SetupState;
  /** Calendar homepage only: the next free slots. */
  nextSlots: SlotOption[] | null;
  /** A one-line message from the action that led here (e.g. the poll result). */
  notice: string | null;
  /** New leads the sidebar's last check found for this rep, not yet answered (the banner on top). */
  arrivals?: { banner: NewLeadsBanner; now: number } | null;
}
