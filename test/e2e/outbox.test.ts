// The Outbox's buttons against the real engine and a real SMTP server: Retry now, Cancel and Release; and a bad
// preference value refused in the form, next to its field, before anything is saved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/transports';
import { missingEngine } from './support/engine';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { startServe, type Served } from './support/serve';
import { startSmtp, type TestSmtp } from './support/smtp';
import { closeWindow, go, openWindow, readConfig, screenshot, sendTestMessage, setPrefs } from './support/window';

const run = !(skipE2e && !chromiumPath());
// Skipped while main lacks the outbox (messages:*) or the preferences handlers (prefs:*): they land from branch `outbox`.
const missingOutbox = missingEngine('outbox', 'preferences');
// Skipped while main lacks the preferences handlers (prefs:*), from branch `outbox`.
const missingPrefs = missingEngine('preferences');

const row = (page: Page, to: string) => page.getByTestId('outbox-row').filter({ hasText: to });

describe.skipIf(!run)('the Outbox and the Preferences form against the real engine', () => {
  let browser: Browser;
  let served: Served;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp('refuse-rcpt');
    [browser, served] = await Promise.all([launchChromium(), startServe(tempDir())]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await smtp?.close();
  });

  it.skipIf(missingOutbox.length > 0)(`Retry now, Cancel and Release (needs: ${missingOutbox.join(', ') || 'all there'})`, async () => {
    const { page, errors } = await openWindow(browser, served.url);
    await setPrefs(page, {
      Server: '127.0.0.1',
      Port: String(smtp.port),
      'First retry after (seconds)': '3600',
      'Longest wait between retries (seconds)': '7200',
      'Hold uncertain deliveries for review': true,
    });

    // 451 to RCPT: the message waits to retry. "Retry now" makes a second attempt at once.
    await sendTestMessage(page, 'retry@example.com');
    await go(page, '#/outbox');
    await expect.poll(() => row(page, 'retry@example.com').textContent(), { timeout: 20_000 }).toContain('Waiting to retry');
    await row(page, 'retry@example.com').getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => row(page, 'retry@example.com').locator('td').nth(3).textContent(), { timeout: 20_000 }).toBe('2');
    await screenshot(page, 'outbox-retry');

    // Cancel: it leaves the outbox and the history says Cancelled.
    await row(page, 'retry@example.com').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row(page, 'retry@example.com').count()).toBe(0);
    await go(page, '#/sent');
    await expect.poll(() => page.getByRole('option').filter({ hasText: 'retry@example.com' }).textContent()).toContain('Cancelled');

    // Silence after the final dot with "hold uncertain" on: held; Release sends it (the server behaves now).
    smtp.fault = 'drop-after-dot';
    await sendTestMessage(page, 'held@example.com');
    await go(page, '#/outbox');
    await expect.poll(() => row(page, 'held@example.com').textContent(), { timeout: 30_000 }).toContain('Held');
    smtp.fault = 'pass';
    await row(page, 'held@example.com').getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => row(page, 'held@example.com').count(), { timeout: 20_000 }).toBe(0);
    expect(smtp.received.some((mail) => mail.to.includes('held@example.com'))).toBe(true);
    expect(errors).toEqual([]);
    await closeWindow(page);
  });

  it.skipIf(missingPrefs.length > 0)(`refuses a bad preference value in the form (needs: ${missingPrefs.join(', ') || 'all there'})`, async () => {
    const { page } = await openWindow(browser, served.url);
    await go(page, '#/preferences');
    const port = page.getByLabel('Port', { exact: true });
    await port.fill('70000');
    expect(await page.getByText('smtp.port must be a port number from 1 to 65535').isVisible()).toBe(true);
    expect(await port.getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Attempts before giving up').fill('many');
    expect(await page.getByText('delivery.maxAttempts must be a whole number from 1 to 100').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Nothing was saved: the form still says so, and config.json keeps the old port.
    expect(await page.getByTestId('prefs-status').textContent()).toBe('You have unsaved changes.');
    await screenshot(page, 'preferences-refused');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    const config = await readConfig(page);
    expect(config('smtp.port')).not.toBe(70000);

    // A good value is saved and read back from config.json.
    await setPrefs(page, { 'Attempts before giving up': '7' });
    expect((await readConfig(page))('delivery.maxAttempts')).toBe(7);
    await closeWindow(page);
  });
});
