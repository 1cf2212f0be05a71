// "Start at login": the OS is the one record of it (no preference to fall out of step). macOS and Windows use
// app.setLoginItemSettings; Linux has no such API in Electron, so faxdesk writes an XDG autostart entry.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';

export interface LoginItem {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** Given to the app when the session starts it: faxdesk then starts in the tray, without opening its window. */
export const startHiddenArg = '--hidden';

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** What the session should run: the AppImage, the installed executable, or electron plus the app folder. */
  command: string[];
}

export function createLoginItem(app: App, options: LoginItemOptions): LoginItem | null {
  if (options.platform === 'darwin' || options.platform === 'win32') {
    // Windows compares the registered args, so they are passed when reading too; macOS ignores them.
    const settings = { args: [startHiddenArg] };
    return {
      isEnabled: () => app.getLoginItemSettings(settings).openAtLogin,
      setEnabled: (enabled) => app.setLoginItemSettings({ ...settings, openAtLogin: enabled }),
    };
  }
  if (options.platform === 'linux') return xdgAutostart(options);
  return null;
}

/** Whether this launch came from the login session (then the window stays closed). */
export function wasStartedAtLogin(app: App, argv: readonly string[], platform: NodeJS.Platform): boolean {
  return argv.includes(startHiddenArg) || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
}

/** XDG Desktop Entry spec, "The Exec key": quote every argument, escape " ` $ \ inside quotes, and % as %%. */
export function desktopExecQuote(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=faxdesk',
    'Comment=Delivers received faxes and fax reports by e-mail',
    `Exec=${[...command, startHiddenArg].map(desktopExecQuote).join(' ')}`,
    'Icon=faxdesk',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function xdgAutostart(options: LoginItemOptions): LoginItem {
  // XDG Autostart spec: $XDG_CONFIG_HOME/autostart, ~/.config/autostart when unset.
  const configHome = options.env.XDG_CONFIG_HOME || path.join(options.homeDir, '.config');
  const file = path.join(configHome, 'autostart', 'faxdesk.desktop');
  return {
    isEnabled: () => fs.existsSync(file),
    setEnabled(enabled) {
      if (!enabled) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, autostartEntry(options.command), { mode: 0o644 });
    },
  };
}

/** The command a login session runs to start this faxdesk. */
export function launchCommand(app: App, env: NodeJS.ProcessEnv, execPath: string): string[] {
  // An AppImage runs from a temporary mount: the session must start the .AppImage file itself.
  if (env.APPIMAGE) return [env.APPIMAGE];
  return app.isPackaged ? [execPath] : [execPath, app.getAppPath()];
}
