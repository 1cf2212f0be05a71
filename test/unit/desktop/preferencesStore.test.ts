// The app's preferences live in config.json in userData, the same file and dotted keys the headless conf reads.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { expect, it, vi } from 'vitest';
import { createPreferencesStore } from '../../../main/desktop/preferencesStore';
import { tempDir } from '../../support/transports';

vi.mock('electron-store', async () => import('./support/fakeElectronStore'));

it('writes config.json in userData with nested dotted keys that headless conf reads back', async () => {
  const userData = tempDir();
  const prefs = await createPreferencesStore(userData);
  expect(prefs.path).toBe(path.join(userData, 'config.json'));
  prefs.set('smtp.host', 'mail.example.com');
  prefs.set('delivery.maxAttempts', 7);
  expect(JSON.parse(fs.readFileSync(prefs.path, 'utf8'))).toEqual({ smtp: { host: 'mail.example.com' }, delivery: { maxAttempts: 7 } });

  const headless = new Conf<Record<string, unknown>>({ cwd: userData, configName: 'config', projectName: 'faxdesk' });
  expect(headless.get('smtp.host')).toBe('mail.example.com');
  headless.set('smtp.port', 587);
  expect(prefs.get('smtp.port')).toBe(587);
  prefs.delete('delivery.maxAttempts');
  expect(prefs.store).toEqual({ smtp: { host: 'mail.example.com', port: 587 }, delivery: {} });
});

it('tells the engine about every change', async () => {
  const prefs = await createPreferencesStore(tempDir());
  const changed = vi.fn();
  const stop = prefs.onDidAnyChange!(changed);
  prefs.set('mail.from', 'fax@example.com');
  expect(changed).toHaveBeenCalledOnce();
  stop();
  prefs.set('mail.from', 'other@example.com');
  expect(changed).toHaveBeenCalledOnce();
});

it('leaves a config.json it cannot parse in place for the engine to report', async () => {
  const userData = tempDir();
  fs.writeFileSync(path.join(userData, 'config.json'), '{ "smtp": ');
  await expect(createPreferencesStore(userData)).rejects.toThrow();
  expect(fs.readFileSync(path.join(userData, 'config.json'), 'utf8')).toBe('{ "smtp": ');
});
