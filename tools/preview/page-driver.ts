// What a person does on the dev page, as playwright calls: open a conversation, tick times, press a card
// button, switch tabs. Each step waits until the page shows the server's answer.
import type { BrowserContext, Page } from 'playwright-core';

export async function openDevPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#threads .thread').first().waitFor();
  return page;
}

/** Runs a click that sends a step and waits for the page to render the answer. */
async function stepBy(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => /\/api\/(step|reset)$/.test(r.url())), click()]);
  await page.locator('#progress').waitFor({ state: 'hidden' });
}

export function openMessage(page: Page, messageId: string): Promise<void> {
  return stepBy(page, () => page.locator(`.thread[data-message-id="${messageId}"]`).click());
}

/** Presses a card button by its text (the first one, as the add-on's section button precedes the footer). */
export function pressCardButton(page: Page, text: string): Promise<void> {
  return stepBy(page, () => page.locator(`#sidebar button[data-text="${text}"]`).first().click());
}

export function pressTopButton(page: Page, text: string): Promise<void> {
  return stepBy(page, () => page.locator('.top-actions button', { hasText: text }).click());
}

export function resetWorld(page: Page): Promise<void> {
  return stepBy(page, () => page.locator('#reset').click());
}

/** Ticks exactly the choices at `indexes` of a card's checkbox input and returns their labels. */
export async function chooseOnly(page: Page, name: string, indexes: number[]): Promise<string[]> {
  const choices = page.locator(`#sidebar label.choice:has(input[type="checkbox"][name="${name}"])`);
  const labels: string[] = [];
  for (let i = 0; i < (await choices.count()); i++) {
    await choices.nth(i).locator('input').setChecked(indexes.includes(i));
    if (indexes.includes(i)) labels.push(await choices.nth(i).locator('.choice-text').innerText());
  }
  return labels;
}

/** Fails when the page shows an error banner (a step failed or the server refused it). */
export async function expectNoError(page: Page): Promise<void> {
  const banner = page.locator('#banner.banner-error');
  if (await banner.isVisible()) throw new Error(`The page shows an error: ${await banner.innerText()}`);
}

export async function showTab(page: Page, tab: 'mail' | 'drafts' | 'audit' | 'hubspot'): Promise<void> {
  await page.locator(`.tabs [data-tab="${tab}"]`).click();
  await page.locator(`#panel-${tab}.active`).waitFor();
}
