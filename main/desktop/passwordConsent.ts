// Where the OS cannot encrypt the SMTP password, the app says so and asks before it is stored in clear: a guard on
// the prefs:set channel, in front of the engine, so no path from the window skips the question. The answer goes to
// the secret box, and the engine stores a password in clear only when the box says the user agreed.
import type { BrowserWindow, Dialog } from 'electron';
import { err } from '../../shared/result';
import type { IpcMainLike } from '../ipc/electronBridge';
import type { DesktopSecretBox } from './secrets';

export type AskPlainTextConsent = () => Promise<boolean>;

function setsPassword(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const values = (payload as { values?: unknown }).values;
  if (typeof values !== 'object' || values === null) return false;
  const password = (values as Record<string, unknown>)['smtp.password'];
  return typeof password === 'string' && password !== '';
}

/**
 * Returns an ipcMain whose prefs:set handler first asks for consent when the password would be stored in clear. The
 * answer is recorded in the secret box the engine was given: the engine refuses a password in clear without it.
 */
export function guardPlainTextPassword(ipcMain: IpcMainLike, secretBox: DesktopSecretBox, ask: AskPlainTextConsent): IpcMainLike {
  return {
    removeHandler: (channel) => ipcMain.removeHandler(channel),
    handle(channel, listener) {
      if (channel !== 'prefs:set') return ipcMain.handle(channel, listener);
      ipcMain.handle(channel, async (event, payload) => {
        if (setsPassword(payload) && !secretBox.isAvailable() && !secretBox.plainTextAgreed()) {
          if (!(await ask())) {
            return err(
              'E_INVALID_PREFERENCE',
              'smtp.password was not saved: this computer cannot encrypt it and storing it readable was declined. ' +
                'Start a keyring (GNOME Keyring, KWallet) and try again, or use the faxdesk command with FAXDESK_SMTP_PASSWORD or smtp.passwordFile.',
            );
          }
          secretBox.agreeToPlainText();
        }
        return listener(event, payload);
      });
    },
  };
}

/** The question itself, as a native dialog over the window. */
export function plainTextConsentDialog(dialog: Dialog, window: () => BrowserWindow | null, configPath: string): AskPlainTextConsent {
  return async () => {
    const options = {
      type: 'warning' as const,
      title: 'Store the password unencrypted?',
      message: 'faxdesk cannot encrypt the SMTP password on this computer.',
      detail:
        `No keyring (such as GNOME Keyring or KWallet) is available, so the password would be saved readable in ${configPath}. ` +
        'Anyone who can read your files could read it.',
      buttons: ['Store unencrypted', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    const parent = window();
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 0;
  };
}
