// The SMTP password: encrypted by the OS and stored as base64, never in clear unless the user agreed.
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { openConfBackend } from '../../../main/core/prefs/confBackend';
import { Preferences } from '../../../main/core/prefs/preferences';
import { guardPlainTextPassword, plainTextConsentDialog } from '../../../main/desktop/passwordConsent';
import { createSecretBox, NoOsEncryptionError } from '../../../main/desktop/secrets';
import { err, ok } from '../../../shared/result';
import { createMemoryIpcPair } from '../../support/memoryIpc';
import { tempDir } from '../../support/transports';
import { electron } from './support/fakeElectron';

vi.mock('electron', async () => (await import('./support/fakeElectron')).electron);

const safeStorage = (available: boolean, backend: typeof electron.safeStorage.backend = 'gnome_libsecret') => ({ ...electron.safeStorage, available, backend });

describe('the secret box', () => {
  it('encrypts with the OS and stores base64 that is not the password', () => {
    const box = createSecretBox(safeStorage(true), 'linux');
    const stored = box.encrypt('hunter2');
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(stored, 'base64').toString()).not.toContain('hunter2');
    expect(box.decrypt(stored)).toBe('hunter2');
    expect(box.isAvailable()).toBe(true);
  });

  it('counts Linux basic_text (a hard-coded key) as no encryption, and refuses rather than pretend', () => {
    const box = createSecretBox(safeStorage(true, 'basic_text'), 'linux');
    expect(box.isAvailable()).toBe(false);
    expect(() => box.encrypt('hunter2')).toThrow(NoOsEncryptionError);
    expect(() => box.decrypt('aGk=')).toThrow(NoOsEncryptionError);
    expect(createSecretBox(safeStorage(false), 'win32').isAvailable()).toBe(false);
    expect(createSecretBox(safeStorage(true, 'basic_text'), 'darwin').isAvailable()).toBe(true);
  });
});

describe('consent before a password is stored in clear', () => {
  // The engine behind the guard is the real Preferences on a real config.json, given the same box as the guard.
  const setup = (available: boolean, answers: boolean[]) => {
    const pair = createMemoryIpcPair('faxdesk://app/index.html');
    const ask = vi.fn(async () => answers.shift() ?? false);
    const box = createSecretBox(safeStorage(available, available ? 'kwallet6' : 'basic_text'), 'linux');
    const prefs = new Preferences(openConfBackend(tempDir('faxdesk-consent-')), { secretBox: box, env: {} });
    const engineSaw = vi.fn();
    const guarded = guardPlainTextPassword(pair.ipcMain, box, ask);
    guarded.handle('prefs:set', async (_event, payload) => {
      engineSaw(payload);
      try {
        prefs.set((payload as { values: Record<string, unknown> }).values);
        return ok(prefs.view());
      } catch (error) {
        return err('E_INVALID_PREFERENCE', (error as Error).message);
      }
    });
    guarded.handle('app:info', async () => ({ ok: true, value: 'info' }));
    const configJson = () => (fs.existsSync(prefs.configPath) ? (JSON.parse(fs.readFileSync(prefs.configPath, 'utf8')) as { smtp?: Record<string, unknown> }) : {});
    return { invoke: pair.ipcRenderer.invoke, ask, engineSaw, prefs, configJson };
  };
  const setPassword = { values: { 'smtp.password': 'hunter2' } };

  it('asks nothing where the OS encrypts, and config.json holds only the encrypted password', async () => {
    const { invoke, ask, configJson, prefs } = setup(true, []);
    expect(await invoke('prefs:set', setPassword)).toMatchObject({ ok: true, value: { passwordSet: true, passwordStorage: 'os-encrypted' } });
    expect(ask).not.toHaveBeenCalled();
    expect(configJson().smtp?.password).toMatch(/^os-encrypted:/);
    expect(JSON.stringify(configJson())).not.toContain('hunter2');
    expect(prefs.password()).toBe('hunter2');
  });

  it('refuses to pass the password on when the user declines, naming the key', async () => {
    const { invoke, ask, engineSaw, configJson } = setup(false, [false]);
    const reply = (await invoke('prefs:set', setPassword)) as { ok: false; error: { code: string; message: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('E_INVALID_PREFERENCE');
    expect(reply.error.message).toMatch(/^smtp\.password was not saved/);
    expect(ask).toHaveBeenCalledOnce();
    expect(engineSaw).not.toHaveBeenCalled();
    expect(configJson().smtp?.password).toBeUndefined();
  });

  it('asks once, then the engine stores it in clear; other keys and channels pass without a question', async () => {
    const { invoke, ask, configJson, prefs } = setup(false, [true]);
    expect(await invoke('prefs:set', setPassword)).toMatchObject({ ok: true, value: { passwordSet: true, passwordStorage: 'plain' } });
    expect(configJson().smtp?.password).toBe('hunter2');
    expect(await invoke('prefs:set', { values: { 'smtp.password': 'new' } })).toMatchObject({ ok: true });
    expect(await invoke('prefs:set', { values: { 'smtp.host': 'mail.example.com' } })).toMatchObject({ ok: true });
    expect(await invoke('app:info', {})).toEqual({ ok: true, value: 'info' });
    expect(ask).toHaveBeenCalledOnce();
    expect(configJson().smtp).toEqual({ password: 'new', host: 'mail.example.com' });
    expect(prefs.password()).toBe('new');
  });

  it('asks with a native dialog that defaults to Cancel and says where the file is', async () => {
    electron.dialog.answers = [0];
    const ask = plainTextConsentDialog(electron.dialog as never, () => null, '/home/ann/.config/faxdesk/config.json');
    expect(await ask()).toBe(true);
    const asked = electron.dialog.asked.at(-1)!;
    expect(asked).toMatchObject({ type: 'warning', defaultId: 1, cancelId: 1, buttons: ['Store unencrypted', 'Cancel'] });
    expect(asked.detail).toContain('/home/ann/.config/faxdesk/config.json');
    expect(await ask()).toBe(false);
  });
});
