// What the add-on's homepage (Gmail and Calendar) shows: drafts waiting for review, new leads, setup state.
import type { SlotOption } from './lead-view';
import type { NewLeadsBanner } from './new-leads';

export interface DraftAwaitingReview {
  draftId: string;
  threadId: string;
  to: string;
  subject: string;
  preparedAt: number;
}

export interface NewLead {
  email: string;
  conversionId: string;
  submittedAt: number;
  stage: string;
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
  newLeads: NewLead[];
  lastPoll: { at: number; summary: string } | null;
  setup: SetupState;
  /** Calendar homepage only: the next free slots. */
  nextSlots: SlotOption[] | null;
  /** A one-line message from the action that led here (e.g. the poll result). */
  notice: string | null;
  /** New leads the sidebar's last check found for this rep, not yet answered (the banner on top). */
  arrivals?: { banner: NewLeadsBanner; now: number } | null;
}
