// Every view in light and dark: a screenshot under test-results/ and axe-core with no serious or critical
// violation, first against the real engine (whatever it has), then with generated rows so the full lists, a fax's
// pages and a message's attempts are checked too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/transports';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { makePdf } from './support/faxFiles';
import { startServe, type Served } from './support/serve';
import { routeSynthetic } from './support/syntheticEngine';
import { canvasHasInk, closeWindow, go, newWindow, openWindow, screenshot, seriousViolations } from './support/window';

const schemes = ['light', 'dark'] as const;

describe.skipIf(skipE2e && !chromiumPath())('every view, its look and its accessibility', () => {
  let browser: Browser;
  let served: Served;

  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), startServe(tempDir())]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  async function check(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect(await seriousViolations(page), name).toEqual([]);
  }

  it.each(schemes)('against the real engine, a fresh data folder (%s)', async (scheme) => {
    const { page, errors } = await openWindow(browser, served.url, scheme);
    for (const section of ['received', 'sent', 'outbox', 'preferences']) {
      await go(page, `#/${section}`);
      // Loaded (a list, an empty state or a notice saying what is missing), never stuck on "Loading".
      await expect.poll(() => page.locator('.section-body').textContent()).not.toMatch(/^Loading/);
      await page.waitForTimeout(150);
      await check(page, `view-${section}-${scheme}`);
    }
    expect(errors).toEqual([]);
    await closeWindow(page);
  });

  it.each(schemes)('with 100,000 generated messages and 20,000 faxes (%s)', async (scheme) => {
    const { page, errors } = await newWindow(browser, scheme);
    const pdf = await makePdf(3);
    await routeSynthetic(page, {
      messages: 100_000,
      faxes: 20_000,
      faxFile: { fileName: 'fax.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64'), format: 'pdf', pages: 3 },
    });
    await page.goto(served.url);

    await expect.poll(() => page.getByTestId('fax-count').textContent()).toBe('20,000 faxes');
    await check(page, `full-received-${scheme}`);

    // Keyboard: into the list, down two rows, Enter opens, Esc comes back.
    await page.getByRole('listbox', { name: 'Received faxes' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/received/f2');
    await expect.poll(() => page.getByTestId('page-canvas').getAttribute('data-drawn')).toBe('page 1');
    expect(await canvasHasInk(page)).toBe(true);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('page-canvas').getAttribute('data-drawn')).toBe('page 2');
    await check(page, `full-fax-${scheme}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/received');

    await go(page, '#/sent');
    await expect.poll(() => page.getByTestId('message-count').textContent()).toBe('100,000 messages');
    await check(page, `full-sent-${scheme}`);
    await go(page, '#/sent/m3');
    await page.getByTestId('attempt').first().waitFor();
    await check(page, `full-message-${scheme}`);
    await go(page, '#/outbox');
    await page.getByTestId('outbox-row').first().waitFor();
    await check(page, `full-outbox-${scheme}`);
    await go(page, '#/preferences');
    await page.getByRole('form', { name: 'Preferences' }).waitFor();
    await check(page, `full-preferences-${scheme}`);
    expect(errors).toEqual([]);
    await closeWindow(page);
  });
});
