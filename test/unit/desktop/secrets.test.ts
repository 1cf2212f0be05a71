// The SMTP password: encrypted by the OS and stored as base64, never in clear unless the user agreed.
import { describe, expect, it, vi } from 'vitest';
import { guardPlainTextPassword, plainTextConsentDialog } from '../../../main/desktop/passwordConsent';
import { createSecretBox, NoOsEncryptionError } from '../../../main/desktop/secrets';
import { createMemoryIpcPair } from '../../support/memoryIpc';
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
  const setup = (available: boolean, answers: boolean[]) => {
    const pair = createMemoryIpcPair('faxdesk://app/index.html');
    const ask = vi.fn(async () => answers.shift() ?? false);
    const engineSaw = vi.fn(async (_event: unknown, payload: unknown) => ({ ok: true, value: payload }));
    const guarded = guardPlainTextPassword(pair.ipcMain, createSecretBox(safeStorage(available, available ? 'kwallet6' : 'basic_text'), 'linux'), ask);
    guarded.handle('prefs:set', engineSaw);
    guarded.handle('app:info', async () => ({ ok: true, value: 'info' }));
    return { invoke: pair.ipcRenderer.invoke, ask, engineSaw };
  };
  const setPassword = { values: { 'smtp.password': 'hunter2' } };

  it('asks nothing where the OS encrypts', async () => {
    const { invoke, ask, engineSaw } = setup(true, []);
    expect(await invoke('prefs:set', setPassword)).toEqual({ ok: true, value: setPassword });
    expect(ask).not.toHaveBeenCalled();
    expect(engineSaw).toHaveBeenCalledOnce();
  });

  it('refuses to pass the password on when the user declines, naming the key', async () => {
    const { invoke, ask, engineSaw } = setup(false, [false]);
    const reply = (await invoke('prefs:set', setPassword)) as { ok: false; error: { code: string; message: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('E_INVALID_PREFERENCE');
    expect(reply.error.message).toMatch(/^smtp\.password was not saved/);
    expect(ask).toHaveBeenCalledOnce();
    expect(engineSaw).not.toHaveBeenCalled();
  });

  it('asks once, then lets the engine store it; other keys and channels pass without a question', async () => {
    const { invoke, ask, engineSaw } = setup(false, [true]);
    expect((await invoke('prefs:set', setPassword)) as { ok: boolean }).toMatchObject({ ok: true });
    expect((await invoke('prefs:set', { values: { 'smtp.password': 'new' } })) as { ok: boolean }).toMatchObject({ ok: true });
    expect((await invoke('prefs:set', { values: { 'smtp.host': 'mail.example.com' } })) as { ok: boolean }).toMatchObject({ ok: true });
    expect(await invoke('app:info', {})).toEqual({ ok: true, value: 'info' });
    expect(ask).toHaveBeenCalledOnce();
    expect(engineSaw).toHaveBeenCalledTimes(3);
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
