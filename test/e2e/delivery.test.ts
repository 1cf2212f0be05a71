// The promise faxdesk exists for, seen in the window: with a server that drops the connection after its 250 and
// before 221, the history says what happened; turning "Treat dropped QUIT as delivered" off in Preferences is saved
// to config.json and the next message is retried, with the history saying copies may have arrived.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/transports';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { startServe, type Served } from './support/serve';
import { startSmtp, type TestSmtp } from './support/smtp';
import { closeWindow, openWindow, readConfig, screenshot, sendTestMessage, setPrefs } from './support/window';

/** Sends a test message from Preferences and opens it in Sent & deliveries once its first attempt has ended. */
async function sendTestAndOpen(page: Page, to: string): Promise<void> {
  await sendTestMessage(page, to);
  await page.getByRole('link', { name: 'follow it in Sent & deliveries' }).click();
  await page.getByTestId('attempt-explanation').first().waitFor({ timeout: 20_000 });
}

describe.skipIf(skipE2e && !chromiumPath())('a dropped QUIT, in the window', () => {
  let browser: Browser;
  let served: Served;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp('drop-quit');
    [browser, served] = await Promise.all([launchChromium(), startServe(tempDir())]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await smtp?.close();
  });

  it('shows the outcome and explanation, and after the preference is turned off the strict behaviour', async () => {
    const { page, errors } = await openWindow(browser, served.url);
    await setPrefs(page, { Server: '127.0.0.1', Port: String(smtp.port), Security: 'none' });

    await sendTestAndOpen(page, 'first@example.com');
    await expect.poll(() => page.getByTestId('message-state').textContent()).toContain('Delivered');
    expect(await page.getByTestId('attempt').first().textContent()).toContain('Accepted, QUIT not answered');
    expect(await page.getByTestId('attempt-explanation').first().textContent()).toMatch(/Counted as delivered because 'Treat dropped QUIT as delivered' is on/);
    expect(smtp.received.map((mail) => mail.to)).toEqual([['first@example.com']]);
    await screenshot(page, 'delivery-quit-dropped-delivered-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'delivery-quit-dropped-delivered-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await setPrefs(page, { 'Treat dropped QUIT as delivered': false, 'First retry after (seconds)': '3600' });
    const config = await readConfig(page);
    expect(config('delivery.treatDroppedQuitAsDelivered')).toBe(false);

    await sendTestAndOpen(page, 'second@example.com');
    await expect.poll(() => page.getByTestId('message-state').textContent()).toContain('Waiting to retry');
    expect(await page.getByTestId('attempt-explanation').first().textContent()).toMatch(/copies may have arrived/);
    expect(await page.getByText('trying again may deliver a second copy').isVisible()).toBe(true);
    await screenshot(page, 'delivery-quit-dropped-strict');
    expect(errors).toEqual([]);
    await closeWindow(page);
  });
});
