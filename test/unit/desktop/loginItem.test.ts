// "Start at login": the OS login items on macOS and Windows, an XDG autostart entry on Linux.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { autostartEntry, createLoginItem, desktopExecQuote, launchCommand, wasStartedAtLogin } from '../../../main/desktop/loginItem';
import { tempDir } from '../../support/transports';
import { electron } from './support/fakeElectron';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);

// The double stands in for Electron's App where the adapter's functions take one.
const app = electron.app as unknown as Parameters<typeof createLoginItem>[0];

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux', () => {
    const configHome = tempDir();
    const item = createLoginItem(app, { platform: 'linux', env: { XDG_CONFIG_HOME: configHome }, homeDir: '/nonexistent', command: ['/opt/faxdesk/faxdesk'] })!;
    const file = path.join(configHome, 'autostart', 'faxdesk.desktop');
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/opt/faxdesk/faxdesk" "--hidden"\n');
    item.setEnabled(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('uses ~/.config/autostart when XDG_CONFIG_HOME is unset', () => {
    const home = tempDir();
    createLoginItem(app, { platform: 'linux', env: {}, homeDir: home, command: ['faxdesk'] })!.setEnabled(true);
    expect(fs.existsSync(path.join(home, '.config', 'autostart', 'faxdesk.desktop'))).toBe(true);
  });

  it('quotes the command the way the Desktop Entry spec asks', () => {
    expect(desktopExecQuote('/home/ann/My Apps/faxdesk.AppImage')).toBe('"/home/ann/My Apps/faxdesk.AppImage"');
    expect(desktopExecQuote('a"b`c$d\\e%f')).toBe('"a\\"b\\`c\\$d\\\\e%%f"');
    expect(autostartEntry(['/x'])).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });

  it('uses the OS login items on macOS and Windows, starting hidden', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const item = createLoginItem(app, { platform, env: {}, homeDir: '/', command: [] })!;
      item.setEnabled(true);
      expect(electron.app.loginItemCalls.at(-1)).toEqual({ args: ['--hidden'], openAtLogin: true });
      expect(item.isEnabled()).toBe(true);
      item.setEnabled(false);
      expect(item.isEnabled()).toBe(false);
    }
  });

  it('knows a launch from the login session', () => {
    expect(wasStartedAtLogin(app, ['/opt/faxdesk/faxdesk', '--hidden'], 'linux')).toBe(true);
    expect(wasStartedAtLogin(app, ['/opt/faxdesk/faxdesk'], 'linux')).toBe(false);
    electron.app.loginItem.wasOpenedAtLogin = true;
    expect(wasStartedAtLogin(app, ['/Applications/faxdesk.app'], 'darwin')).toBe(true);
    electron.app.loginItem.wasOpenedAtLogin = false;
  });

  it('starts the AppImage file itself, not its temporary mount', () => {
    expect(launchCommand(app, { APPIMAGE: '/home/ann/faxdesk.AppImage' }, '/tmp/.mount_x/faxdesk')).toEqual(['/home/ann/faxdesk.AppImage']);
    expect(launchCommand(app, {}, '/usr/bin/electron')).toEqual(['/usr/bin/electron', electron.app.getAppPath()]);
  });
});
