// The dev page in headless Chromium, clicked through as a new user would: a known contact, an unknown
// sender, the homepage with drafts and the audit sheet. Screenshots go to out/screenshots.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tools/preview/browser';
import type { Browser } from '../../tools/preview/browser';
import {
  chooseOnly,
  expectNoError,
  openDevPage,
  openMessage,
  pressCardButton,
  pressTopButton,
  resetWorld,
  showTab,
} from '../../tools/preview/page-driver';
import { captureCenter, captureWholePage, SCREENSHOTS } from '../../tools/preview/screens';
import { startDevServerProcess } from './dev-server-process';
import type { RunningDevServer } from './dev-server-process';

const SHOTS = join(__dirname, '..', '..', 'out', 'screenshots');

let server: RunningDevServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startDevServerProcess();
  browser = await launchChromium();
  page = await openDevPage(browser.context, server.url);
});

afterAll(async () => {
  await browser?.close();
  // SIGTERM: the server shuts the world down (worker threads) and exits 0.
  if (server) expect(await server.stop()).toBe(0);
});

beforeEach(() => resetWorld(page));

/** "Thu, Mar 12 · 11:30 AM – 12:00 PM · 3:30 – 4:00 PM London, their workday" -> "11:30 AM – 12:00 PM". */
function userRange(label: string): string {
  return label
    .split(' · ')[1]
    .replace(/\u00a0/g, ' ')
    .replace(/\u2060/g, '');
}

/** The prospect's range of a row, when it has one: "3:30 – 4:00 PM". */
function theirRange(label: string): string | null {
  const part = label.split(' · ')[2];
  return part
    ? part
        .replace(/\u00a0/g, ' ')
        .replace(/\u2060/g, '')
        .replace(/ [A-Z][A-Za-z ]*(,.*)?$/, '')
    : null;
}

/**
 * What the rep sees at 1440x900 without scrolling: whether an element lies inside both the window and the
 * card's scrolling body (the fixed footer lies outside the body, so only the window counts for it).
 */
function onFirstScreen(page: Page, selector: string, inBody: boolean): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const e = document.querySelector(${JSON.stringify(selector)});
    if (!e) return false;
    const r = e.getBoundingClientRect();
    const body = document.querySelector('#sidebar .card-body').getBoundingClientRect();
    const bottom = ${inBody} ? Math.min(window.innerHeight, body.bottom) : window.innerHeight;
    return r.height > 0 && r.top >= 0 && r.bottom <= bottom + 1;
  })()`);
}

/** The labels of the sidebar's buttons a rep can see right now (text, else alt text), repeated ones only. */
function repeatedVisibleButtons(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const seen = new Map();
    for (const b of document.querySelectorAll('#sidebar button')) {
      const r = b.getBoundingClientRect();
      if (!r.height || r.bottom < 0 || r.top > window.innerHeight || b.closest('details:not([open]) > :not(summary)')) continue;
      const label = (b.getAttribute('aria-label') || b.innerText || b.title).trim().toLowerCase();
      seen.set(label, (seen.get(label) || 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([l]) => l);
  })()`);
}

describe('the first screen at 1440x900 (Gmail side panel, 320 px)', () => {
  it("shows a known contact's times to offer and the primary action without scrolling, and no repeated button", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openMessage(page, 'msg-sarah-demo');
    await expectNoError(page);
    const width = await page.locator('#sidebar').evaluate((e) => Math.round(e.getBoundingClientRect().width));
    expect(width).toBeLessThanOrEqual(320);
    await expect(onFirstScreen(page, '#sidebar input[name="slots"]', true)).resolves.toBe(true);
    await expect(
      onFirstScreen(page, '#sidebar .card-footer button[data-text="Create reply draft"]', false),
    ).resolves.toBe(true);
    await expect(page.locator('#sidebar button[data-text="Create reply draft"]').count()).resolves.toBe(1);
    await expect(repeatedVisibleButtons(page)).resolves.toEqual([]);
  });

  it('shows no repeated button on the homepage with drafts either', async () => {
    await pressTopButton(page, 'Run poller now');
    await pressTopButton(page, 'Homepage');
    await expectNoError(page);
    await expect(repeatedVisibleButtons(page)).resolves.toEqual([]);
  });
});

describe('a known contact (Sarah Chen, London)', () => {
  it('shows contact, company and free times, and drafts a reply with the two chosen times in both zones', async () => {
    await openMessage(page, 'msg-sarah-demo');
    await expectNoError(page);
    const sidebar = page.locator('#sidebar');
    await expect(sidebar.locator('.card-title').innerText()).resolves.toBe('Sarah Chen');
    await expect(sidebar.locator('.card-subtitle').innerText()).resolves.toContain('Acme Logistics');
    await expect(sidebar.locator('.card-peek').innerText()).resolves.toContain('Sarah Chen');
    await expect(
      sidebar.locator('.section-header', { hasText: 'Times to offer · New York time' }).count(),
    ).resolves.toBe(1);
    await expect(sidebar.locator('input[name="slots"]').count()).resolves.toBeGreaterThanOrEqual(4);

    // Two times other than the ones ticked by default, so the draft can only hold them if the page sent them.
    const chosen = await chooseOnly(page, 'slots', [2, 3]);
    const skipped = await sidebar.locator('label.choice .choice-text').first().innerText();
    expect(chosen).toHaveLength(2);
    for (const label of chosen) expect(label).toMatch(/London, their workday$/);

    await pressCardButton(page, 'Create reply draft');
    await expectNoError(page);
    const compose = page.locator('.compose');
    await compose.waitFor();
    const draft = await compose.innerText();
    expect(draft).toContain('Re: Demo for our operations team');
    expect(draft).toContain('sarah.chen@acmelogistics.example');
    for (const label of chosen) {
      expect(draft).toContain(userRange(label));
      expect(draft).toContain(theirRange(label));
    }
    expect(draft).not.toContain(userRange(skipped));
    // The draft sits in the open thread, marked as a draft, and the add-on's card kept the user's choices.
    await expect(page.locator('#panel-mail .message-draft').count()).resolves.toBe(1);
    await expect(sidebar.locator('input[name="slots"]:checked').count()).resolves.toBe(2);
    await captureWholePage(page, join(SHOTS, SCREENSHOTS.knownContact));

    await showTab(page, 'drafts');
    await expect(page.locator('#panel-drafts .draft-item').count()).resolves.toBe(1);
    await showTab(page, 'audit');
    // The click's events wait in the team's queue until the sheet owner's trigger writes them.
    await expect(page.locator('#panel-audit .audit-queue-table').innerText()).resolves.toContain(
      'draft_created',
    );
  });
});

describe('an unknown sender (Jordan Lee)', () => {
  it('says "Not in HubSpot yet", offers Create contact, and drafts a reply with the chosen times', async () => {
    await openMessage(page, 'msg-jordan');
    await expectNoError(page);
    const sidebar = page.locator('#sidebar');
    await expect(sidebar.locator('.card-title').innerText()).resolves.toBe('Jordan Lee');
    await expect(sidebar.innerText()).resolves.toContain('Not in HubSpot yet');
    await expect(sidebar.locator('button[data-text="Create contact"]').count()).resolves.toBe(1);
    await captureWholePage(page, join(SHOTS, SCREENSHOTS.unknownSender));

    const chosen = await chooseOnly(page, 'slots', [0, 4]);
    await pressCardButton(page, 'Create reply draft');
    await expectNoError(page);
    const draft = await page.locator('.compose').innerText();
    expect(draft).toContain('jordan.lee@newco.example');
    for (const label of chosen) expect(draft).toContain(userRange(label));
  });

  it('creates the contact from the pushed form, with what the user typed', async () => {
    await openMessage(page, 'msg-jordan');
    await pressCardButton(page, 'Create contact');
    await expectNoError(page);
    await expect(page.locator('#sidebar .card-title').innerText()).resolves.toBe('Create HubSpot contact');
    await page.locator('#sidebar input[name="company"]').fill('Newco Labs');
    await pressCardButton(page, 'Create contact');
    await expectNoError(page);
    await showTab(page, 'hubspot');
    const row = page.locator('#panel-hubspot table[data-object="contacts"] tr', {
      hasText: 'jordan.lee@newco.example',
    });
    await expect(row.innerText()).resolves.toMatch(/new[\s\S]*Jordan Lee[\s\S]*Newco Labs/);
  });
});

describe('the homepage and the audit sheet', () => {
  it('lists the poller’s drafts awaiting review and shows every step in the audit sheet', async () => {
    await pressTopButton(page, 'Run poller now');
    await expectNoError(page);
    await pressTopButton(page, 'Homepage');
    await expectNoError(page);
    const sidebar = page.locator('#sidebar');
    await expect(
      sidebar.locator('.section-header', { hasText: 'Drafts to review (2)' }).count(),
    ).resolves.toBe(1);
    // Rows name the person, with company and form (recorded with the draft), not the address.
    await expect(sidebar.innerText()).resolves.toContain('Marcus Johnson');
    await expect(sidebar.innerText()).resolves.toContain('BrightPath Health · Book a demo');
    await showTab(page, 'drafts');
    await expect(page.locator('#panel-drafts .draft-item').count()).resolves.toBe(2);
    await captureWholePage(page, join(SHOTS, SCREENSHOTS.homepageDrafts));
    // Tapping the second draft's row opens that draft (a link: the add-on is not called).
    const rows = sidebar.locator('.w-decorated-text.clickable', {
      has: page.locator('button[title^="Discard draft to"]'),
    });
    const second = await rows.nth(1).locator('.dt-text').innerText();
    await rows.nth(1).locator('.dt-body').click();
    // The fixture's addresses are first.last@…: the opened draft is to the person the row names.
    await expect(page.locator('.compose .compose-row').first().innerText()).resolves.toContain(
      second.toLowerCase().replace(/\s+/g, '.'),
    );

    // The HubSpot tasks the poller wrote show up, marked new.
    await showTab(page, 'hubspot');
    await expect(page.locator('table[data-object="tasks"] .chip-new').count()).resolves.toBe(2);

    await showTab(page, 'audit');
    const audit = page.locator('#panel-audit .audit-table');
    await expect(audit.innerText()).resolves.toMatch(/poll_finished[\s\S]*poll_started/);
    await expect(audit.locator('th:visible').count()).resolves.toBe(5);
    await page.locator('[data-toggle="audit-all-columns"]').check();
    await expect(audit.locator('th:visible').count()).resolves.toBe(13);
    await page.locator('[data-toggle="audit-all-columns"]').uncheck();
    await expect(page.locator('#panel-audit .dashboard').count()).resolves.toBe(0);
    await pressTopButton(page, 'Daily maintenance');
    await expectNoError(page);
    const dashboard = page.locator('#panel-audit .dashboard');
    await expect(dashboard.locator('figure.chart').count()).resolves.toBe(4);
    await expect(dashboard.locator('figure[data-chart-type="COLUMN"] rect').count()).resolves.toBe(1);
    await expect(dashboard.locator('.dashboard-figures').innerText()).resolves.toMatch(
      /Waiting for review\s+2/,
    );
    await captureCenter(page, join(SHOTS, SCREENSHOTS.auditDashboard));
  });

  it('advances the simulated clock by an hour', async () => {
    const before = await page.locator('#clock').innerText();
    await pressTopButton(page, 'Advance 1 h');
    const after = await page.locator('#clock').innerText();
    expect(after).not.toBe(before);
    expect(after).toMatch(/11:30 AM/);
  });
});
