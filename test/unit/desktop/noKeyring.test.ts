// The desktop app on a computer without a keyring, wired as in production: the SMTP password reaches config.json in
// clear only after the user agreed in the dialog, and then the engine stores and uses it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openConfBackend } from '../../../main/core/prefs/confBackend';
import { Preferences } from '../../../main/core/prefs/preferences';
import { electron, fakeLog } from './support/fakeElectron';
import { startDesktopApp } from './support/startApp';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);
vi.mock('electron-log/main', async () => ({ default: (await import('./support/fakeElectron')).fakeLog }));
vi.mock('electron-store', async () => import('./support/fakeElectronStore'));

type Reply = { ok: true; value: { passwordSet: boolean; passwordStorage: string } } | { ok: false; error: { code: string; message: string } };
const setPrefs = (values: Record<string, unknown>) =>
  electron.ipcMain.handlers.get('prefs:set')!({ senderFrame: { url: 'faxdesk://app/index.html#/preferences' } }, { values }) as Promise<Reply>;
const userData = () => electron.app.getPath('userData');
const configJson = () => JSON.parse(fs.readFileSync(path.join(userData(), 'config.json'), 'utf8')) as { smtp?: Record<string, unknown> };

beforeAll(async () => {
  // safeStorage that cannot encrypt (basic_text on Linux counts the same; secrets.test.ts covers that rule).
  electron.safeStorage.available = false;
  await startDesktopApp();
});

describe('storing the SMTP password without a keyring', () => {
  it('keeps it out of config.json when the user declines, and says why', async () => {
    electron.dialog.answers = [1];
    const reply = await setPrefs({ 'smtp.password': 'hunter2' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_INVALID_PREFERENCE' } });
    expect(!reply.ok && reply.error.message).toMatch(/^smtp\.password was not saved: this computer cannot encrypt it/);
    expect(fs.existsSync(path.join(userData(), 'config.json')) ? configJson().smtp?.password : undefined).toBeUndefined();
  });

  it('stores it readable in config.json once the user agrees, and the engine uses it', async () => {
    electron.dialog.answers = [0];
    const asked = electron.dialog.asked.length;
    const reply = await setPrefs({ 'smtp.password': 'hunter2', 'smtp.username': 'ann' });
    expect(reply).toEqual({ ok: true, value: expect.objectContaining({ passwordSet: true, passwordStorage: 'plain' }) });
    expect(electron.dialog.asked).toHaveLength(asked + 1);
    expect(configJson().smtp).toMatchObject({ username: 'ann', password: 'hunter2' });
    // The same config.json read by the engine as `faxdesk run` would.
    expect(new Preferences(openConfBackend(userData()), { env: {} }).password()).toBe('hunter2');
    expect(fakeLog.lines.some((line) => line.level === 'warn' && line.text.includes('stored readable in config.json'))).toBe(true);
    expect(fakeLog.lines.some((line) => line.text.includes('hunter2'))).toBe(false);
  });

  it('does not ask again for a new password in the same session', async () => {
    const asked = electron.dialog.asked.length;
    expect(await setPrefs({ 'smtp.password': 'correct horse' })).toMatchObject({ ok: true, value: { passwordStorage: 'plain' } });
    expect(electron.dialog.asked).toHaveLength(asked);
    expect(configJson().smtp?.password).toBe('correct horse');
  });
});
