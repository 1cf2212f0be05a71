// Every view in light and dark: a screenshot under test-results/ and axe-core with no serious or critical
// violation, first against the real engine on a fresh data folder, then on a store seeded with 100,000 messages and
// 20,000 faxes (test/e2e/support/seedStore.ts), so the full lists, a fax's pages and a message's attempts are checked too.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/transports';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { startServe, type Served } from './support/serve';
import { seedStore, type Seeded } from './support/seedStore';
import { canvasHasInk, closeWindow, go, openWindow, screenshot, seriousViolations } from './support/window';

const schemes = ['light', 'dark'] as const;

describe.skipIf(skipE2e && !chromiumPath())('every view, its look and its accessibility', () => {
  let browser: Browser;
  let served: Served;
  let full: Served;
  let seeded: Seeded;

  // Seeding 100,000 messages through the repositories takes most of a minute on a small machine.
  beforeAll(async () => {
    // Seeded first: it keeps this process busy, and a server's start-up timer must not run out meanwhile.
    const fullDir = tempDir();
    seeded = await seedStore(fullDir, { messages: 100_000, faxes: 20_000 });
    [browser, served, full] = await Promise.all([launchChromium(), startServe(tempDir()), startServe(fullDir)]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await full?.stop();
  });

  async function check(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect(await seriousViolations(page), name).toEqual([]);
  }

  it.each(schemes)('against the real engine, a fresh data folder (%s)', async (scheme) => {
    const { page, errors } = await openWindow(browser, served.url, scheme);
    // What each section shows once loaded on a fresh folder: its empty state (a list still loading, or one that failed
    // with a notice, never shows it), or the form.
    const loaded: Record<string, Locator> = {
      received: page.getByRole('heading', { name: 'No faxes received yet' }),
      sent: page.getByRole('heading', { name: 'Nothing sent yet' }),
      outbox: page.getByRole('heading', { name: 'The outbox is empty' }),
      preferences: page.getByRole('form', { name: 'Preferences' }),
    };
    for (const [section, shown] of Object.entries(loaded)) {
      await go(page, `#/${section}`);
      await shown.waitFor();
      await page.waitForTimeout(150);
      await check(page, `view-${section}-${scheme}`);
    }
    expect(errors).toEqual([]);
    await closeWindow(page);
  });

  it.each(schemes)('with 100,000 messages and 20,000 faxes in the real store (%s)', async (scheme) => {
    const { page, errors } = await openWindow(browser, full.url, scheme);

    await expect.poll(() => page.getByTestId('fax-count').textContent()).toBe('20,000 faxes');
    await check(page, `full-received-${scheme}`);

    // Keyboard: into the list, down two rows, Enter opens, Esc comes back.
    await page.getByRole('listbox', { name: 'Received faxes' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/received/${seeded.newestFaxes[2]}`);
    await expect.poll(() => page.getByTestId('page-canvas').getAttribute('data-drawn')).toBe('page 1');
    expect(await canvasHasInk(page)).toBe(true);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('page-canvas').getAttribute('data-drawn')).toBe('page 2');
    await check(page, `full-fax-${scheme}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/received');

    // The 20-page PDF at the top of the list.
    await go(page, `#/received/${seeded.pdf20}`);
    await expect.poll(() => page.getByTestId('page-of').textContent()).toBe('Page 1 of 20');
    await expect.poll(() => page.getByTestId('page-canvas').getAttribute('data-drawn')).toBe('page 1');
    expect(await canvasHasInk(page)).toBe(true);

    await go(page, '#/sent');
    await expect.poll(() => page.getByTestId('message-count').textContent()).toBe('100,000 messages');
    // The time column is the one the list is sorted by: newest first, down the screen.
    const created = await page.locator('.vlist-row:not(.placeholder) time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
    expect(created.length).toBeGreaterThan(10);
    expect(created).toEqual([...created].sort().reverse());
    await check(page, `full-sent-${scheme}`);
    await go(page, `#/sent/${seeded.quitDropped}`);
    await page.getByTestId('attempt').first().waitFor();
    expect(await page.getByTestId('attempt-explanation').first().textContent()).toMatch(/Counted as delivered because 'Treat dropped QUIT as delivered' is on/);
    await check(page, `full-message-${scheme}`);
    await go(page, '#/outbox');
    await page.getByTestId('outbox-row').first().waitFor();
    expect(await page.getByTestId('outbox-row').filter({ hasText: 'Held' }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('outbox-row').filter({ hasText: 'Waiting to retry' }).count()).toBeGreaterThan(0);
    // At 1100 px the table fits: no held message's last button past the right edge, no sideways scrolling.
    expect(await page.locator('.section-body').evaluate((body) => body.scrollWidth - body.clientWidth)).toBe(0);
    await check(page, `full-outbox-${scheme}`);
    await go(page, '#/preferences');
    await page.getByRole('form', { name: 'Preferences' }).waitFor();
    await check(page, `full-preferences-${scheme}`);
    expect(errors).toEqual([]);
    await closeWindow(page);
  });
});
