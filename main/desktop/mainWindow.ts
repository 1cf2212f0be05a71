// The one faxdesk window: created on demand, focused when it exists, and closed without stopping the engine.
import { BrowserWindow } from 'electron';
import { appPageUrl, mainWindowOptions, type WindowPaths } from './windowOptions';

export class MainWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly paths: WindowPaths) {}

  /** Shows the window (creating it if needed), optionally at a renderer route such as "/received/42". */
  show(route?: string): void {
    const existing = this.current();
    if (!existing) {
      this.create(route);
      return;
    }
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    // Only the hash differs from the loaded page, so Chromium navigates within the page: no reload.
    if (route) void existing.loadURL(appPageUrl(route));
  }

  current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Where engine events go: the window's page, if it is open. */
  webContentsList(): Electron.WebContents[] {
    const window = this.current();
    return window ? [window.webContents] : [];
  }

  private create(route?: string): void {
    const window = new BrowserWindow(mainWindowOptions(this.paths));
    this.window = window;
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    void window.loadURL(appPageUrl(route));
  }
}
