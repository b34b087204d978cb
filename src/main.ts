// The only surface Apps Script sees. Every export becomes a global function in dist/Code.js (see
// tools/build.ts): the manifest's triggers and every card button's action name.
export {
  onGmailMessageOpen,
  onRefreshLead,
  onCreateReplyDraft,
  onHoldSlot,
  onShowTaskForm,
  onAddTask,
  onShowNoteForm,
  onLogNote,
  onCreateContact,
} from './app/sidebar';
export {
  onHomepage,
  onGoHome,
  onBack,
  onCalendarHomepage,
  onPollNowAction,
  onPollNow,
  onDiscardDraft,
  onVerifyAudit,
} from './app/home';
export {
  onSettingsAction,
  onOpenSettings,
  onSaveSettings,
  onTestConnection,
  onCreateAuditSheet,
  onSyncTemplates,
} from './app/settings';
export { onGmailCompose, onInsertFreeTimes } from './app/compose';
export { onCalendarEventOpen } from './app/calendar';
export { pollSubmissions } from './app/poll';
export { onPrepareDraftsNow } from './app/prepare-now';
export { dailyMaintenance } from './app/maintenance';
export { claimFirstAdmin } from './app/admins';
export { onRefreshAction, verifyAuditTrail } from './app/universal';
