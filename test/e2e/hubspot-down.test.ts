// HubSpot down (fixtures/scenarios/hubspot-down.json: every HubSpot request fails): the sidebar still
// shows the Gmail and Calendar parts under a banner, and the reply draft still works.
import { join } from 'node:path';
import { launchChromium } from '../../tools/preview/browser';
import type { Browser } from '../../tools/preview/browser';
import {
  chooseOnly,
  expectNoError,
  openDevPage,
  openMessage,
  pressCardButton,
} from '../../tools/preview/page-driver';
import { captureWholePage, SCREENSHOTS } from '../../tools/preview/screens';
import { startDevServerProcess } from './dev-server-process';
import type { RunningDevServer } from './dev-server-process';

let server: RunningDevServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDevServerProcess('hubspot-down.json');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

it('shows the banner, earlier conversations and free times, and drafts the reply', async () => {
  const page = await openDevPage(browser.context, server.url);
  await expect(page.locator('#scenario').innerText()).resolves.toContain('HubSpot down');
  await openMessage(page, 'msg-sarah-demo');
  await expectNoError(page);
  const sidebar = page.locator('#sidebar');
  await expect(sidebar.innerText()).resolves.toContain('HubSpot isn’t responding');
  const headers = await sidebar.locator('.section-header').allInnerTexts();
  expect(headers).toEqual(
    expect.arrayContaining(['Earlier conversations', 'Times to offer · New York time']),
  );
  // Folded under "Earlier conversations": in the card, one tap away.
  await expect(sidebar.textContent()).resolves.toContain('Fleet analytics follow-up');
  await captureWholePage(page, join(__dirname, '..', '..', 'out', 'screenshots', SCREENSHOTS.hubspotDown));

  const chosen = await chooseOnly(page, 'slots', [1, 2]);
  await pressCardButton(page, 'Create reply draft');
  await expectNoError(page);
  const draft = await page.locator('.compose').innerText();
  expect(draft).toContain('Re: Demo for our operations team');
  for (const label of chosen)
    expect(draft).toContain(
      label
        .split(' · ')[1]
        .replace(/\u00a0/g, ' ')
        .replace(/\u2060/g, ''),
    );
});
