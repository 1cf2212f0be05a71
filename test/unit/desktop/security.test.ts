// Electron's security checklist (docs/tutorial/security.md, 20 items), item by item, asserted on the real window
// options and handlers of the desktop entry, with electron replaced by a test double.
//
//  1 Only load secure content .............. applies: the window loads only faxdesk://app/ (a secure scheme serving the
//                                             built files); the CSP allows no remote origin. Tested below.
//  2 No Node integration for remote content  applies to our own page too: nodeIntegration, -InWorker, -InSubFrames off. Tested.
//  3 Context isolation ...................... contextIsolation: true. Tested.
//  4 Process sandbox ........................ sandbox: true; the preload is one bundled CommonJS file (scripts/build.mjs). Tested.
//  5 Permission requests .................... every request, check and device permission refused in the default session. Tested.
//  6 webSecurity not disabled ............... webSecurity: true. Tested.
//  7 Content-Security-Policy ................ shared/csp.ts sent as a header on every faxdesk:// response (and as a meta tag
//                                             by the Vite build). Tested here on the protocol handler's responses.
//  8 allowRunningInsecureContent off ........ Tested.
//  9 experimentalFeatures off ............... Tested.
// 10 enableBlinkFeatures not used ........... Tested (absent from webPreferences).
// 11 <webview> allowpopups .................. no <webview> at all: webviewTag: false and will-attach-webview refused. Tested.
// 12 Verify <webview> options ............... same: every attach is refused, whatever its options. Tested.
// 13 Limit navigation ....................... will-navigate, will-redirect and sub-frame navigation refused; hash routes are
//                                             in-page and unaffected. Tested.
// 14 Limit new windows ...................... setWindowOpenHandler denies every window.open. Tested.
// 15 shell.openExternal ..................... only https URLs on an exact-host allow-list (security.ts). Tested with lookalikes.
// 16 Current Electron ....................... applies to the build: electron ~41.7 pinned; tested that the installed one matches.
// 17 Validate IPC senders ................... only the frame showing faxdesk://app/index.html may call (dispatcher + isAppPageUrl). Tested.
// 18 Avoid file:// .......................... the window is served from the faxdesk:// custom protocol. Tested.
// 19 Fuses .................................. electron-builder.yml electronFuses (runAsNode, NODE_OPTIONS, --inspect off, asar only
//                                             with integrity, no file:// privileges): tested in packaging.test.ts.
// 20 No Electron APIs for untrusted content . the preload exposes window.faxdesk (contract functions) and nothing else:
//                                             tested in preload.test.ts; test/electron checks require/process are absent.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import pkg from '../../../package.json';
import { contentSecurityPolicy } from '../../../shared/csp';
import { methodNames } from '../../../shared/contract';
import { electron, FakeBrowserWindow, FakeEvent, FakeWebContents } from './support/fakeElectron';
import { startDesktopApp } from './support/startApp';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);
vi.mock('electron-log/main', async () => ({ default: (await import('./support/fakeElectron')).fakeLog }));
vi.mock('electron-store', async () => import('./support/fakeElectronStore'));

let window: FakeBrowserWindow;
const session = electron.session.defaultSession;
const serve = (url: string) => electron.protocol.state.handlers.get('faxdesk')!(new Request(url));
const call = (channel: string, payload: unknown, frameUrl: string | null = 'faxdesk://app/index.html#/received') =>
  electron.ipcMain.handlers.get(channel)!({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, payload) as Promise<{ ok: boolean; error?: { code: string } }>;

beforeAll(async () => {
  await startDesktopApp();
  window = FakeBrowserWindow.instances[0]!;
});

describe('the window options (checklist 2-4, 6, 8-11)', () => {
  it('isolates and sandboxes the page, with no Node anywhere', () => {
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.preload).toBe(`${electron.app.getAppPath()}/out/preload/index.cjs`);
  });

  it('opens DevTools only in development', () => {
    expect((window.options.webPreferences as Record<string, unknown>).devTools).toBe(!electron.app.isPackaged);
  });
});

describe('what the window loads (checklist 1, 7, 18)', () => {
  it('loads the app from the secure faxdesk:// scheme, not file://', () => {
    expect(window.loaded).toEqual(['faxdesk://app/index.html']);
    expect(electron.protocol.state.privileged).toEqual([{ scheme: 'faxdesk', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('sends the strict CSP with every file it serves', async () => {
    for (const url of ['faxdesk://app/index.html', 'faxdesk://app/assets/app.js']) {
      const response = await serve(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });

  it('serves nothing outside the built window, nor for another host', async () => {
    for (const url of ['faxdesk://app/../secret.txt', 'faxdesk://app/..%2fsecret.txt', 'faxdesk://app/%2e%2e/secret.txt', 'faxdesk://other/index.html', 'faxdesk://app/missing.js']) {
      expect((await serve(url)).status, url).toBe(404);
    }
  });
});

describe('permissions (checklist 5)', () => {
  it('refuses every permission request, check and device', () => {
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.permissionRequestHandler!(window.webContents, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!(window.webContents, permission, 'faxdesk://app', {})).toBe(false);
    }
    expect(session.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('navigation, new windows and webviews (checklist 11-15)', () => {
  it('refuses every navigation away from the window', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'faxdesk://app/index.html', 'javascript:alert(1)', 'https://www.rfc-editor.org/rfc/rfc5321']) {
      expect(window.webContents.navigate('will-navigate', url), url).toBe(true);
    }
    expect(window.webContents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(window.webContents.navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
  });

  it('denies window.open and opens only allow-listed https links in the browser', () => {
    electron.shell.opened = [];
    const refused = [
      'https://evil.example/',
      'http://www.rfc-editor.org/rfc/rfc5321', // not https
      'https://www.rfc-editor.org.evil.example/', // lookalike host
      'https://user:pw@www.rfc-editor.org/', // credentials in the URL
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'not a url',
    ];
    for (const url of [...refused, 'https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.4']) {
      expect(window.webContents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.opened).toEqual(['https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.4']);
  });

  it('sends an allow-listed link the page tries to navigate to the browser instead', () => {
    electron.shell.opened = [];
    window.webContents.navigate('will-navigate', 'https://datatracker.ietf.org/doc/html/rfc1047');
    window.webContents.navigate('will-navigate', 'https://evil.example/');
    expect(electron.shell.opened).toEqual(['https://datatracker.ietf.org/doc/html/rfc1047']);
  });

  it('refuses every <webview>, and hardens any webContents created later', () => {
    const event = new FakeEvent();
    window.webContents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example' });
    expect(event.defaultPrevented).toBe(true);
    const later = new FakeWebContents();
    electron.app.emit('web-contents-created', new FakeEvent(), later);
    expect(later.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC (checklist 17)', () => {
  it('registers exactly the contract methods', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('answers the window and refuses every other sender', async () => {
    expect((await call('app:info', {})).ok).toBe(true);
    for (const url of ['https://evil.example/index.html', `file://${electron.app.getAppPath()}/out/renderer/index.html`, 'faxdesk://evil/index.html', 'faxdesk://app/other.html', '', null]) {
      expect((await call('app:info', {}, url)).error?.code, String(url)).toBe('E_FORBIDDEN_SENDER');
    }
  });

  it('refuses a payload that does not match its schema', async () => {
    expect((await call('app:info', { unexpected: true })).error?.code).toBe('E_INVALID_PAYLOAD');
  });
});

describe('Electron itself (checklist 16)', () => {
  it('is the pinned, current major release', () => {
    const installed = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as { version: string };
    const pinned = pkg.devDependencies.electron.replace(/^[~^]/, '').split('.');
    expect(installed.version.split('.').slice(0, 2)).toEqual(pinned.slice(0, 2));
    expect(Number(pinned[0])).toBeGreaterThanOrEqual(41);
  });
});
