import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { tempDir } from '../support/transports';
import { chromiumPath, launchChromium, skipE2e } from './support/chromium';
import { startServe, type Served } from './support/serve';
import { closeWindow, newWindow } from './support/window';

const screenshots = path.resolve('test-results');

describe.skipIf(skipE2e && !chromiumPath())('the faxdesk window in Chromium (faxdesk serve)', () => {
  let browser: Browser;
  let served: Served;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    [browser, served] = await Promise.all([launchChromium(), startServe(dataDir)]);
    fs.mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('shows the shell with the version that main reports', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(served.url);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(`faxdesk ${pkg.version}`);
    expect(await page.getByTestId('engine-state').textContent()).toBe('Running: Ready');
    for (const name of ['Received faxes', 'Sent & deliveries', 'Outbox', 'Preferences']) {
      expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).isVisible()).toBe(true);
    }
    // The token leaves the address bar once the page has it.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: path.join(screenshots, 'shell-received.png') });

    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sent & deliveries');
    expect(await page.title()).toBe('Sent & deliveries – faxdesk');
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Outbox');
    await page.getByRole('heading', { name: 'The outbox is empty' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(screenshots, 'shell-outbox-dark.png') });

    // First run: the status bar says where mail goes and leads to where a server is set and the local mailbox opened.
    await page.getByRole('link', { name: 'Mail goes to the built-in local mailbox' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Preferences');
    await page.getByTestId('local-mailbox').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the section for an address it cannot read (#/sent/%), not a blank window', async () => {
    const { page, errors } = await newWindow(browser);
    // Opened at the bad address, then sent to another one while the window runs.
    await page.goto(`${served.url}#/sent/%`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sent & deliveries');
    await page.getByRole('heading', { name: 'Nothing sent yet' }).waitFor();
    await page.evaluate(() => (window.location.hash = '#/received/%E0%A4%A'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Received faxes');
    await page.getByRole('heading', { name: 'No faxes received yet' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'shell-bad-address.png') });
    expect(errors).toEqual([]);
    await closeWindow(page);
  });

  it('marks a date filter it cannot use (a five-digit year) as invalid and goes on listing', async () => {
    const { page, errors } = await newWindow(browser);
    await page.goto(`${served.url}#/received`);
    const from = page.getByLabel('From date');
    await from.fill('20245-01-01');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    // Ignored: the list is the unfiltered one, with its plain empty state.
    await page.getByRole('heading', { name: 'No faxes received yet' }).waitFor();
    expect(await page.getByTestId('fax-count').textContent()).toBe('0 faxes');
    await from.fill('2024-01-01');
    expect(await from.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('heading', { name: 'No fax matches' }).waitFor();
    expect(errors).toEqual([]);
    await closeWindow(page);
  });

  it('refuses a wrong token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(served.url.replace(/token=.*/, 'token=not-the-token'));
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('This faxdesk link is not valid');
    await page.close();
  });
});
