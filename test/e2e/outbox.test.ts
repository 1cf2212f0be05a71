// The Outbox's buttons against the real engine and a real SMTP server: Retry now, Cancel and Release; and a bad
// preference value refused in the form, next to its field, before anything is saved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/transports';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { startServe, type Served } from './support/serve';
import { startSmtp, type TestSmtp } from './support/smtp';
import { closeWindow, go, openWindow, readConfig, screenshot, sendTestMessage, seriousViolations, setPrefs } from './support/window';

const row = (page: Page, to: string) => page.getByTestId('outbox-row').filter({ hasText: to });

describe.skipIf(skipE2e && !chromiumPath())('the Outbox and the Preferences form against the real engine', () => {
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

  it('Retry now, Cancel and Release', async () => {
    const { page, errors } = await openWindow(browser, served.url);
    await setPrefs(page, {
      Server: '127.0.0.1',
      Port: String(smtp.port),
      'First retry after (seconds)': '3600',
      'Longest wait between retries (seconds)': '7200',
      'Hold uncertain deliveries for review': true,
    });
    const attempts = (to: string) => row(page, to).locator('td').nth(3).textContent();

    // 451 to RCPT: a temporary refusal, so the message waits to retry (an hour away). "Retry now" makes the second
    // attempt at once; the server refuses again and it waits once more, with both attempts counted.
    await sendTestMessage(page, 'retry@example.com');
    await go(page, '#/outbox');
    await expect.poll(() => row(page, 'retry@example.com').textContent(), { timeout: 20_000 }).toContain('Waiting to retry');
    expect(await attempts('retry@example.com')).toBe('1');
    // The count goes up when the attempt starts (the row says Sending then), so wait for the attempt to end too.
    await row(page, 'retry@example.com').getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => attempts('retry@example.com'), { timeout: 20_000 }).toBe('2');
    await expect.poll(() => row(page, 'retry@example.com').textContent(), { timeout: 20_000 }).toContain('Waiting to retry: 451 4.3.0 try again later');

    // Silence after the final dot (RFC 1047's window) with "hold uncertain" on: held as a possible duplicate, beside
    // the message still waiting to retry.
    smtp.fault = 'drop-after-dot';
    await sendTestMessage(page, 'held@example.com');
    await go(page, '#/outbox');
    await expect.poll(() => row(page, 'held@example.com').textContent(), { timeout: 30_000 }).toContain('Held');
    expect(await row(page, 'held@example.com').textContent()).toContain('it may have arrived');
    expect(await row(page, 'held@example.com').getAttribute('class')).toContain('possible-duplicate');
    expect(await page.getByTestId('outbox-counts').textContent()).toContain('1 waiting to retry · 1 held');
    await screenshot(page, 'outbox-held-and-retrying-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'outbox-held-and-retrying-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    // Cancel: it leaves the outbox and the history says Cancelled.
    await row(page, 'retry@example.com').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row(page, 'retry@example.com').count()).toBe(0);

    // Release sends the held one again (the server behaves now): delivered, and it leaves the outbox.
    smtp.fault = 'pass';
    await row(page, 'held@example.com').getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => row(page, 'held@example.com').count(), { timeout: 20_000 }).toBe(0);
    expect(smtp.received.filter((mail) => mail.to.includes('held@example.com'))).toHaveLength(1);
    expect(smtp.received.some((mail) => mail.to.includes('retry@example.com'))).toBe(false);

    await go(page, '#/sent');
    await expect.poll(() => page.getByRole('option').filter({ hasText: 'retry@example.com' }).textContent()).toContain('Cancelled');
    await expect.poll(() => page.getByRole('option').filter({ hasText: 'held@example.com' }).textContent()).toContain('Delivered');
    expect(errors).toEqual([]);
    await closeWindow(page);
  });

  it('refuses a bad preference value in the form', async () => {
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
    // The port the first test saved, read back: a key missing from config.json fails here too.
    expect(config('smtp.port')).toBe(smtp.port);

    // A good value is saved and read back from config.json.
    await setPrefs(page, { 'Attempts before giving up': '7' });
    expect((await readConfig(page))('delivery.maxAttempts')).toBe(7);
    await closeWindow(page);
  });
});
