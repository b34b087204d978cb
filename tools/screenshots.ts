// `npm run screenshots [-- --out DIR]`: clicks through the dev page in headless Chromium, as a person would,
// and saves the docs' screenshots (default docs/images). Stops at the first error the page shows, so a
// screenshot never shows a broken state.
import { join, resolve } from 'node:path';
import { launchChromium } from './preview/browser';
import { startDevServer } from './preview/dev-server';
import {
  chooseOnly,
  expectNoError,
  openDevPage,
  openMessage,
  pressCardButton,
  pressTopButton,
  showTab,
} from './preview/page-driver';
import { captureCenter, captureWholePage, SCREENSHOTS } from './preview/screens';

const ROOT = join(__dirname, '..');

function outDir(argv: string[]): string {
  if (argv.length === 0) return join(ROOT, 'docs', 'images');
  if (argv[0] === '--out' && argv[1]) return resolve(argv[1]);
  throw new Error('Usage: npm run screenshots -- [--out DIR]');
}

async function main(): Promise<void> {
  const out = outDir(process.argv.slice(2));
  const server = await startDevServer({ port: 0 });
  const browser = await launchChromium();
  try {
    const page = await openDevPage(browser.context, server.url);
    const saved = (name: string) => console.log(`saved ${join(out, name)}`);

    await openMessage(page, 'msg-sarah-demo');
    await expectNoError(page);
    await chooseOnly(page, 'slots', [2, 3]);
    await pressCardButton(page, 'Create reply draft');
    await expectNoError(page);
    await page.locator('.compose').waitFor();
    await captureWholePage(page, join(out, SCREENSHOTS.knownContact));
    saved(SCREENSHOTS.knownContact);

    await openMessage(page, 'msg-jordan');
    await expectNoError(page);
    await captureWholePage(page, join(out, SCREENSHOTS.unknownSender));
    saved(SCREENSHOTS.unknownSender);

    await pressTopButton(page, 'Run poller now');
    await pressTopButton(page, 'Homepage');
    await expectNoError(page);
    await showTab(page, 'drafts');
    await captureWholePage(page, join(out, SCREENSHOTS.homepageDrafts));
    saved(SCREENSHOTS.homepageDrafts);

    await pressTopButton(page, 'Daily maintenance');
    await expectNoError(page);
    await showTab(page, 'audit');
    await captureCenter(page, join(out, SCREENSHOTS.auditDashboard));
    saved(SCREENSHOTS.auditDashboard);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error((error as Error).stack || error);
  process.exit(1);
});
