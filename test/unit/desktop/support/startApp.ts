// Starts the real desktop entry (main/desktop/index.ts) against the electron test double and waits until it has
// wired everything, so tests see the actual window options, handlers and IPC registrations.
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { tempDir } from '../../../support/transports';
import { electron, FakeTray, fakeLog } from './fakeElectron';

/** An app folder with a built window (out/renderer) so the faxdesk:// protocol has files to serve. */
export function fakeAppFolder(): string {
  const appPath = tempDir('faxdesk-app-');
  fs.mkdirSync(path.join(appPath, 'out', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>faxdesk</title>');
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'assets', 'app.js'), 'console.log("faxdesk")');
  fs.writeFileSync(path.join(appPath, 'secret.txt'), 'outside the window folder');
  return appPath;
}

export async function startDesktopApp(): Promise<void> {
  electron.app.appPath = fakeAppFolder();
  electron.app.setPath('userData', tempDir('faxdesk-userdata-'));
  await import('../../../../main/desktop/index');
  await vi.waitFor(() => {
    if (!fakeLog.lines.some((line) => line.text.includes('desktop app started')) || FakeTray.instances.length === 0) {
      throw new Error(`the desktop app has not started yet: ${JSON.stringify(fakeLog.lines.slice(-3))}`);
    }
  });
}
