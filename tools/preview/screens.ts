// The screenshots the docs show, taken the same way by the browser tests (into out/screenshots) and by
// `npm run screenshots` (into docs/images).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = {
  knownContact: 'sidebar-known-contact.png',
  unknownSender: 'sidebar-unknown-sender.png',
  homepageDrafts: 'homepage-drafts.png',
  auditDashboard: 'audit-dashboard.png',
  hubspotDown: 'sidebar-hubspot-down.png',
  noToken: 'sidebar-no-token.png',
  settingsAdmin: 'settings-admin.png',
  settingsRep: 'settings-rep.png',
  compose: 'compose-times.png',
  calendarEvent: 'calendar-event.png',
} as const;

/**
 * Sends a workbench step the page has no button for (a universal action, the compose trigger, a Calendar
 * event, another user) and reloads the page, which draws the state the step left.
 */
export async function sendStep(page: Page, step: object): Promise<void> {
  const error = await page.evaluate<string | null>(
    `fetch('/api/step', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(step))} }).then((r) => r.json()).then((v) => (v && v.error) || null)`,
  );
  if (error) throw new Error(`Step ${JSON.stringify(step)} failed: ${error}`);
  await page.reload();
  await page.locator('#threads .thread').first().waitFor();
}

/** How much of an element is scrolled out of view (the script runs in the page; tools/ has no DOM types). */
function hiddenHeight(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(
    `(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e ? e.scrollHeight - e.clientHeight : 0; })()`,
  );
}

/** The whole page, made tall enough that the add-on's card shows without scrolling. */
export async function captureWholePage(page: Page, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  const hidden = await hiddenHeight(page, '.card-body');
  if (hidden > 0)
    await page.setViewportSize({ width: size.width, height: Math.min(size.height + hidden, 2400) });
  // No hover highlight where the last click left the mouse.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
}

/** The middle column only (the Drafts, Audit sheet or HubSpot tab) on a wide page, as tall as its content. */
export async function captureCenter(page: Page, file: string, width = 1920): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.setViewportSize({ width, height: size.height });
  // The panel's top and content, less most of its bottom padding (room for a compose window), plus the
  // status line below.
  const needed = await page.evaluate<number>(
    `(() => { const p = document.querySelector('.tab-panel.active'); return p.getBoundingClientRect().top + p.scrollHeight - 60; })()`,
  );
  await page.setViewportSize({ width, height: Math.min(Math.max(needed, 400), 2400) });
  await page.mouse.move(0, 0);
  await page.locator('.center').screenshot({ path: file });
  await page.setViewportSize(size);
}
