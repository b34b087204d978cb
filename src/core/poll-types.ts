// The poll run's shapes: what it works with (ports, config), what it reports (the summary) and what one
// run carries through its stages. Its own module so the stages in poll-intake.ts and poll-run.ts can share
// them without importing each other.
import type { AuditTrail } from './audit-trail';
import type { Template } from './compose';
import type { HttpPort } from './http';
import type { WriterPorts } from './lead-writer';
import type { PollState } from './poll-state';
import type {
  AuditLog,
  CalendarPort,
  Clock,
  Crm,
  CrmOwner,
  KeyValueStore,
  Lock,
  Mailbox,
  PreparedDraft,
} from './ports';
import type { SharedSettings, UserSettings } from './settings';
import type { UnassignedTaker } from './unassigned';
import type { Sender } from './workflow';

export interface PollPorts {
  crm: Crm;
  calendar: CalendarPort;
  http: HttpPort;
  mailbox: Mailbox;
  /** The user's Properties: the poller's records live beside the user's settings. */
  store: KeyValueStore;
  lock: Lock;
  clock: Clock;
  auditLog: AuditLog;
  newId: () => string;
  /** The message writer's model, when the team turned it on and set its key (core/lead-writer.ts). */
  writer?: WriterPorts | null;
}

export interface PollConfig {
  shared: SharedSettings;
  personal: UserSettings;
  template: Template;
  user: Sender;
  /** The team's record of who takes unassigned leads (script properties): decides every unowned lead. */
  unassignedTakers: UnassignedTaker[];
  locale?: string;
  /** Stop taking new work after this instant (well before the 6 minute limit). */
  deadline: number;
  /**
   * What the caller saves when the run ends (its last poll, the zone the run learned), written in the run's
   * last write rather than one of its own.
   */
  lastWrite?: (summary: PollSummary, learnedZone: string | null) => Record<string, string>;
}

export type PollStatus =
  'finished' | 'partial' | 'skipped_locked' | 'stopped_auth' | 'stopped_rate_limit' | 'not_configured';

export interface PollSummary {
  runId: string;
  status: PollStatus;
  fetched: number;
  duplicates: number;
  drafted: number;
  recovered: number;
  rejected: number;
  skipped: number;
  crmWrites: number;
  /** Valid submissions left for the next run (time budget, CRM failures). */
  pending: number;
  /** Drafts people sent or deleted since the last check (approval, observed). */
  sentSinceLastRun: number;
  discardedSinceLastRun: number;
  message: string;
}

/** Everything one run works with: its ports and settings, what it has recorded and counted so far. */
export interface Run {
  ports: PollPorts;
  config: PollConfig;
  state: PollState;
  summary: PollSummary;
  audit: AuditTrail;
  /** When the run got the lock: the watermark never passes it. */
  startedAt: number;
  /** HubSpot's owners, read with the first batch. */
  owners: CrmOwner[] | null;
  /** Drafts made or found in this batch, labelled with its HubSpot writes (for people: recovery needs none). */
  prepared: PreparedDraft[];
  /** The user's calendar zone, read with the first batch's CRM reads. */
  zone: string | null;
}
