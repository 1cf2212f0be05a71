// First run in the window: with no server set, Preferences says mail goes to the built-in local mailbox, a test message
// sent from there lands in it, and the Local mailbox list opens that message with its subject and text on screen.
import fs from 'node:fs';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/transports';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { startServe, type Served } from './support/serve';
import { closeWindow, openWindow, screenshot, sendTestMessage, seriousViolations } from './support/window';

describe.skipIf(skipE2e && !chromiumPath())('the local mailbox, in the window', () => {
  let browser: Browser;
  let served: Served;
  const dataDir = tempDir();

  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), startServe(dataDir)]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('opens a test message delivered to the built-in mailbox, in light and dark, and closes it with Close or Escape', async () => {
    const { page, errors } = await openWindow(browser, served.url);
    await sendTestMessage(page, 'ann@example.com');
    expect(await page.getByRole('note').filter({ hasText: 'Mail goes to the built-in local mailbox' }).textContent()).toMatch(/write your mail server's name under Server/);

    // The list refreshes when the message is delivered.
    const open = page.getByTestId('local-mailbox').getByRole('button', { name: 'Open faxdesk test message' });
    await open.click({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: 'faxdesk test message' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('mailbox-message-text').textContent()).toContain('This is a test message from faxdesk.');
    const headers = await dialog.getByTestId('mailbox-message-headers').innerText();
    expect(headers).toMatch(/To\s+ann@example\.com/);
    expect(headers).toMatch(/Subject\s+faxdesk test message/);
    expect(await dialog.getByText('No attachments').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await screenshot(page, 'mailbox-message-light');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await open.evaluate((button) => button === document.activeElement)).toBe(true);

    // Opened again from the keyboard, in the dark theme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('Enter');
    await dialog.getByTestId('mailbox-message-text').waitFor();
    await screenshot(page, 'mailbox-message-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'mailbox-list-dark');
    expect(await seriousViolations(page)).toEqual([]);

    // A fax mail as another program might leave it in the folder: an HTML body and a PDF, listed with its size.
    const eml = await new MailComposer({
      from: 'Fax line <fax@example.com>',
      to: 'ann@example.com',
      subject: 'Fax received from +49 30 1234567',
      html: '<p>A fax with 3 pages arrived from <b>+49 30 1234567</b>.</p><p>It is attached as a PDF.</p>',
      attachments: [{ filename: 'fax-0001.pdf', content: Buffer.alloc(30_000, 0x41), contentType: 'application/pdf' }],
    })
      .compile()
      .build();
    fs.writeFileSync(path.join(dataDir, 'mailbox', '20260101T100000Z-FAX000000001.eml'), eml);
    await page.getByTestId('local-mailbox').getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Open Fax received from +49 30 1234567' }).click();
    const fax = page.getByRole('dialog', { name: 'Fax received from +49 30 1234567' });
    await expect.poll(() => fax.getByTestId('mailbox-message-text').textContent()).toBe('A fax with 3 pages arrived from +49 30 1234567.\n\nIt is attached as a PDF.');
    expect(await fax.getByRole('row').filter({ hasText: 'fax-0001.pdf' }).innerText()).toMatch(/fax-0001\.pdf\s+application\/pdf\s+29 KB/);
    await screenshot(page, 'mailbox-fax-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'mailbox-fax-light');
    await page.keyboard.press('Escape');
    await fax.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await closeWindow(page);
  });
});
