// Steps a user takes in the faxdesk window, shared by the end-to-end tests: open it, set preferences through the
// form, read config.json, and check that a page was really drawn.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

export const screenshots = path.resolve('test-results');

/** A page in its own context (axe-core needs one), collecting the page's errors; close it with closeWindow. */
export async function newWindow(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  return { page, errors };
}

export const closeWindow = (page: Page) => page.context().close();

export async function openWindow(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newWindow(browser, colorScheme);
  await page.goto(url);
  await page.getByTestId('app-version').waitFor();
  return { page, errors };
}

export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => (window.location.hash = target), hash);
}

/** Types values into Preferences fields (by their labels) and saves them; checkboxes take booleans, menus a value. */
export async function setPrefs(page: Page, values: Record<string, string | boolean>): Promise<void> {
  await go(page, '#/preferences');
  const form = page.getByRole('form', { name: 'Preferences' });
  await form.waitFor();
  for (const [label, value] of Object.entries(values)) {
    const field = form.getByLabel(label, { exact: true });
    if (typeof value === 'boolean') await field.setChecked(value);
    else if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => page.getByTestId('prefs-status').textContent()).toMatch(/^Saved at/);
}

/** Queues a test message from Preferences ("Send test message"), as a user checks their settings. */
export async function sendTestMessage(page: Page, to: string): Promise<void> {
  await go(page, '#/preferences');
  await page.getByLabel('Send a test message to').fill(to);
  await page.getByRole('button', { name: 'Send test message' }).click();
  await page.getByRole('link', { name: 'follow it in Sent & deliveries' }).waitFor();
}

/** config.json as the Preferences page names it; dotted keys may be stored flat or nested. */
export async function readConfig(page: Page): Promise<(key: string) => unknown> {
  await go(page, '#/preferences');
  const configPath = (await page.getByTestId('config-path').textContent())!;
  const json = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  return (key) => (key in json ? json[key] : key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], json));
}

/** True when the canvas holds dark pixels (a drawn fax page is never all white). */
export async function canvasHasInk(page: Page, testId = 'page-canvas'): Promise<boolean> {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0) return false;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
    return dark > 100;
  });
}

/** axe-core on the page as it is: only serious and critical violations count. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}
