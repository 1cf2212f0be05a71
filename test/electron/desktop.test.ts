// The real desktop app in Electron, driven by Playwright: the locked-down window, the preload API and IPC.
// Runs wherever Electron's binary is installed; elsewhere the suite is skipped and its title says why.
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaxdeskApi } from '../../shared/api';
import { electronBinary, launchDesktopApp, notRunBanner } from './support/electronApp';

const title = electronBinary.binary ? 'the desktop app in Electron' : notRunBanner(electronBinary.missing);
const faxdesk = () => (window as unknown as { faxdesk: FaxdeskApi }).faxdesk;

describe.skipIf(!electronBinary.binary)(title, () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    ({ app, userData } = await launchDesktopApp());
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the window from faxdesk://app', async () => {
    expect(page.url()).toBe('faxdesk://app/index.html');
    await expect.poll(() => page.title()).toContain('faxdesk');
  });

  it('gives the page window.faxdesk and no Node', async () => {
    const globals = await page.evaluate(() => ({
      faxdesk: typeof (window as unknown as { faxdesk?: unknown }).faxdesk,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({ faxdesk: 'object', require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined' });
  });

  it('answers an IPC call from the window', async () => {
    const reply = await page.evaluate(() => faxdesk().app.info());
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.value).toMatchObject({ name: 'faxdesk', dataDir: userData, engine: { status: 'running' } });
  });

  it('refuses a payload that does not match the contract', async () => {
    const reply = await page.evaluate(() => (faxdesk().app.info as (params: unknown) => ReturnType<FaxdeskApi['app']['info']>)({ unexpected: 1 }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
  });

  it('blocks navigation away, window.open and inline code', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    const evalBlocked = await page.evaluate(() => {
      try {
        return (0, eval)('"ran"') !== 'ran';
      } catch {
        return true;
      }
    });
    expect(evalBlocked).toBe(true);
    // Any navigation would show within a second (the page is local); none may happen.
    const navigated = page.waitForEvent('framenavigated', { timeout: 1000 }).then(
      () => true,
      () => false,
    );
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await navigated).toBe(false);
    // A round trip after the attempt: the page still answers, so it was never replaced.
    expect((await page.evaluate(() => faxdesk().app.info())).ok).toBe(true);
    expect(page.url()).toBe('faxdesk://app/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  it('keeps the engine running when the window closes', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => app.windows().length).toBe(0);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  });
});
