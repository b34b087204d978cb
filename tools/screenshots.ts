// `npm run screenshots [-- --out DIR]`: clicks through the dev page in headless Chromium at 1440x900 (the
// side panel at its real 320 px), as a person would, and saves the docs' screenshots (default docs/images):
// the lead card (known contact, unknown sender, HubSpot down, no token), the homepage with drafts, Settings
// as an admin and as a rep, the compose card and a Calendar event. Stops at the first error the page shows,
// so a screenshot never shows a broken state.
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './preview/browser';
import type { Browser } from './preview/browser';
import { startDevServer } from './preview/dev-server';
import { expectNoError, openDevPage, openMessage, pressTopButton, showTab } from './preview/page-driver';
import { captureCenter, captureWholePage, SCREENSHOTS, sendStep } from './preview/screens';

const ROOT = join(__dirname, '..');
const SCENARIOS = join(ROOT, 'fixtures', 'scenarios');

function outDir(argv: string[]): string {
  if (argv.length === 0) return join(ROOT, 'docs', 'images');
  if (argv[0] === '--out' && argv[1]) return resolve(argv[1]);
  throw new Error('Usage: npm run screenshots -- [--out DIR]');
}

/** Runs `shoot` on a dev page over one scenario's world. */
async function withScenario(
  browser: Browser,
  scenarioFile: string,
  shoot: (page: Page) => Promise<void>,
): Promise<void> {
  const server = await startDevServer({ port: 0, scenarioFile });
  try {
    const page = await openDevPage(browser.context, server.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shoot(page);
    await page.close();
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const out = outDir(process.argv.slice(2));
  const browser = await launchChromium();
  const save = async (page: Page, name: string) => {
    await expectNoError(page);
    await captureWholePage(page, join(out, name));
    console.log(`saved ${join(out, name)}`);
  };
  try {
    await withScenario(browser, join(SCENARIOS, 'default.json'), async (page) => {
      await openMessage(page, 'msg-sarah-demo');
      await save(page, SCREENSHOTS.knownContact);
      await openMessage(page, 'msg-jordan');
      await save(page, SCREENSHOTS.unknownSender);
      await pressTopButton(page, 'Run poller now');
      await pressTopButton(page, 'Homepage');
      await showTab(page, 'drafts');
      await save(page, SCREENSHOTS.homepageDrafts);
      await sendStep(page, { universal: 'Settings' });
      await save(page, SCREENSHOTS.settingsAdmin);
      await pressTopButton(page, 'Daily maintenance');
      await expectNoError(page);
      await showTab(page, 'audit');
      await captureCenter(page, join(out, SCREENSHOTS.auditDashboard));
      console.log(`saved ${join(out, SCREENSHOTS.auditDashboard)}`);
    });
    await withScenario(browser, join(SCENARIOS, 'team', 'three-people.json'), async (page) => {
      await sendStep(page, { universal: 'Settings', as: 'sam.okafor@northwind.example' });
      await save(page, SCREENSHOTS.settingsRep);
    });
    await withScenario(browser, join(SCENARIOS, 'hubspot-down.json'), async (page) => {
      await openMessage(page, 'msg-sarah-demo');
      await save(page, SCREENSHOTS.hubspotDown);
    });
    await withScenario(browser, join(SCENARIOS, 'token-missing.json'), async (page) => {
      await openMessage(page, 'msg-sarah-demo');
      await save(page, SCREENSHOTS.noToken);
    });
    await withScenario(browser, join(SCENARIOS, 'sidebar-states.json'), async (page) => {
      await sendStep(page, { compose: { to: ['sarah.chen@acmelogistics.example'] } });
      await save(page, SCREENSHOTS.compose);
      await sendStep(page, { calendarEvent: 'ev-acme' });
      await save(page, SCREENSHOTS.calendarEvent);
    });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error((error as Error).stack || error);
  process.exit(1);
});
