// The dev page's HTML shell, laid out like Gmail: inbox on the left, the open conversation (and the
// Drafts, Audit sheet and HubSpot tabs) in the middle, the add-on's side panel on the right. client.js
// fills it from GET /api/state and sends the user's clicks as steps.
import { escapeHtml } from './rich-text';

/** Buttons along the top: each sends one workbench step. */
const TOP_STEPS: Array<{ text: string; step: object; title: string }> = [
  { text: 'Homepage', step: { homepage: 'gmail' }, title: 'Open the add-on homepage (no message open)' },
  {
    text: 'Run poller now',
    step: { poll: true },
    title: 'Run the time-driven poll for new HubSpot form leads',
  },
  { text: 'Advance 1 h', step: { advance: '1h' }, title: 'Move the simulated clock forward by one hour' },
  {
    text: 'Daily maintenance',
    step: { trigger: 'dailyMaintenance' },
    title: 'Run the daily trigger: audit retention and the Dashboard tab',
  },
];

export function pageHtml(scenarioName: string): string {
  const steps = TOP_STEPS.map(
    (s) =>
      `<button type="button" class="top-button" data-step="${escapeHtml(JSON.stringify(s.step))}" title="${escapeHtml(s.title)}">${escapeHtml(s.text)}</button>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prospector — Gmail preview</title>
<link rel="stylesheet" href="/styles.css">
</head>
<body>
<header class="topbar">
  <div class="brand"><span class="brand-mark">M</span><span class="brand-name">Gmail</span><span class="brand-sub">preview · Prospector workbench</span></div>
  <div class="scenario" id="scenario" title="Scenario">${escapeHtml(scenarioName)}</div>
  <div class="top-actions">${steps}<button type="button" class="top-button" id="reset" title="Rebuild the bundle from src/ and restart the scenario's world">Reset</button></div>
  <div class="clock" id="clock" title="Simulated time"></div>
</header>
<main class="layout">
  <nav class="inbox" aria-label="Inbox">
    <div class="inbox-title">Inbox</div>
    <div id="threads"></div>
  </nav>
  <section class="center">
    <div class="tabs" role="tablist">
      <button type="button" role="tab" data-tab="mail" class="active">Mail</button>
      <button type="button" role="tab" data-tab="drafts">Drafts <span class="tab-count" id="count-drafts"></span></button>
      <button type="button" role="tab" data-tab="audit">Audit sheet <span class="tab-count" id="count-audit"></span></button>
      <button type="button" role="tab" data-tab="hubspot">HubSpot records</button>
    </div>
    <div class="tab-panel active" id="panel-mail"></div>
    <div class="tab-panel" id="panel-drafts"></div>
    <div class="tab-panel" id="panel-audit"></div>
    <div class="tab-panel" id="panel-hubspot"></div>
    <div id="compose-host"></div>
  </section>
  <aside class="addon" aria-label="Add-on side panel">
    <div class="addon-bar"><span class="addon-logo">P</span><span class="addon-name">Prospector</span></div>
    <div class="progress" id="progress" hidden></div>
    <form id="sidebar" class="sidebar" autocomplete="off"></form>
    <div id="toast" class="toast" role="status" hidden></div>
  </aside>
  <div class="app-strip" aria-hidden="true"><span class="strip-icon strip-calendar"></span><span class="strip-icon strip-keep"></span><span class="strip-icon strip-tasks"></span><span class="strip-icon strip-addon">P</span></div>
</main>
<div id="banner" class="banner" role="alert" hidden></div>
<footer class="statusbar" id="status"></footer>
<script src="/client.js"></script>
</body>
</html>
`;
}
