import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../main/core/logger';
import { openConfBackend } from '../../../main/core/prefs/confBackend';
import { Preferences } from '../../../main/core/prefs/preferences';
import type { SecretBox } from '../../../main/core/prefs/types';
import { prefDefaults } from '../../../shared/prefs';
import { MemoryConf } from '../../support/memoryConf';
import { tempDir } from '../../support/transports';

const reversingBox: SecretBox = { isAvailable: () => true, plainTextAgreed: () => false, encrypt: (s) => [...s].reverse().join(''), decrypt: (s) => [...s].reverse().join('') };

describe('preferences', () => {
  it('reads defaults, and a hand-edited bad value as its default', () => {
    const prefs = new Preferences(new MemoryConf({ 'smtp.port': 'twenty-five' }));
    expect(prefs.all()).toEqual(prefDefaults);
  });

  it('sets several keys all or nothing, naming the refused key', () => {
    const conf = new MemoryConf();
    const prefs = new Preferences(conf);
    expect(() => prefs.set({ 'smtp.host': 'mail.example.com', 'smtp.port': 70000 })).toThrow('smtp.port must be a port number from 1 to 65535');
    expect(prefs.get('smtp.host')).toBe('local');
    expect(() => prefs.set({ 'smtp.hots': 'x' })).toThrow('smtp.hots is not a faxdesk preference');
    expect(() => prefs.set({ 'delivery.retryMinSeconds': 7200 })).toThrow(/retryMinSeconds must not be larger/);
    expect(prefs.set({ 'smtp.host': 'mail.example.com', 'smtp.port': 587 })).toEqual(['smtp.host', 'smtp.port']);
    expect(conf.store).toEqual({ smtp: { host: 'mail.example.com', port: 587 } });
  });

  it('puts the old values back when the store fails half-way', () => {
    const conf = new MemoryConf();
    const prefs = new Preferences(conf);
    prefs.set({ 'smtp.host': 'old.example.com' });
    let calls = 0;
    const set = conf.set.bind(conf);
    conf.set = (key, value) => {
      if (++calls === 2) throw new Error('ENOSPC');
      set(key, value);
    };
    expect(() => prefs.set({ 'smtp.host': 'new.example.com', 'smtp.port': 2525 })).toThrow(/could not be saved: ENOSPC/);
    expect(prefs.get('smtp.host')).toBe('old.example.com');
  });

  it('fires a change event with the keys that changed, so a new value takes effect without restart', () => {
    const conf = new MemoryConf();
    const prefs = new Preferences(conf);
    const seen: string[][] = [];
    prefs.onDidChange(({ keys }) => seen.push(keys));
    prefs.set({ 'delivery.connections': 4, 'smtp.port': 25 });
    conf.set('smtp.host', 'edited.example.com');
    expect(seen).toEqual([['delivery.connections'], ['smtp.host']]);
    expect(prefs.get('smtp.host')).toBe('edited.example.com');
  });

  it('never shows the password to the window, and keeps it encrypted with a SecretBox', () => {
    const conf = new MemoryConf();
    const prefs = new Preferences(conf, { secretBox: reversingBox });
    prefs.set({ 'smtp.password': 's3cret' });
    expect(conf.get('smtp.password')).toBe('os-encrypted:terc3s');
    expect(prefs.password()).toBe('s3cret');
    expect(prefs.view()).toMatchObject({ values: { 'smtp.password': '' }, passwordSet: true, passwordStorage: 'os-encrypted' });
    expect(JSON.stringify(prefs.view())).not.toContain('s3cret');
  });

  it('refuses to store the password in clear when the OS offers no encryption and the user did not agree', () => {
    const conf = new MemoryConf({ 'smtp.host': 'mail.example.com' });
    const prefs = new Preferences(conf, { secretBox: { ...reversingBox, isAvailable: () => false } });
    expect(() => prefs.set({ 'smtp.password': 'x' })).toThrow(
      'smtp.password cannot be stored encrypted: this system offers no keyring, and storing it readable in config.json was not agreed to',
    );
    expect(conf.store).toEqual({ smtp: { host: 'mail.example.com' } });
  });

  it('stores the password readable in config.json once the user agreed where the OS offers no encryption, and says so', () => {
    const conf = new MemoryConf();
    const logger = createMemoryLogger();
    const prefs = new Preferences(conf, { secretBox: { ...reversingBox, isAvailable: () => false, plainTextAgreed: () => true }, env: {}, logger });
    prefs.set({ 'smtp.password': 's3cret' });
    expect(conf.store).toEqual({ smtp: { password: 's3cret' } });
    expect(prefs.password()).toBe('s3cret');
    expect(prefs.view()).toMatchObject({ values: { 'smtp.password': '' }, passwordSet: true, passwordStorage: 'plain' });
    expect(logger.entries).toEqual([
      expect.objectContaining({ level: 'warn', component: 'prefs', key: 'smtp.password', message: expect.stringMatching(/stored readable in config\.json/) }),
    ]);
    expect(JSON.stringify(logger.entries)).not.toContain('s3cret');
  });

  it('takes the password headless from FAXDESK_SMTP_PASSWORD or smtp.passwordFile', () => {
    const dir = tempDir('faxdesk-prefs-');
    const file = path.join(dir, 'password');
    fs.writeFileSync(file, 'from-file\n');
    expect(new Preferences(new MemoryConf(), { env: { FAXDESK_SMTP_PASSWORD: 'from-env' } }).view()).toMatchObject({ passwordSet: true, passwordStorage: 'environment' });
    const fromFile = new Preferences(new MemoryConf({ 'smtp.passwordFile': file }), { env: {} });
    expect(fromFile.password()).toBe('from-file');
    expect(fromFile.passwordStorage()).toBe('file');
    expect(new Preferences(new MemoryConf()).view()).toMatchObject({ passwordSet: false, passwordStorage: 'none' });
  });

  it('writes config.json in the data folder headless (conf)', () => {
    const dir = tempDir('faxdesk-prefs-');
    const backend = openConfBackend(dir);
    new Preferences(backend).set({ 'smtp.port': 2525, 'delivery.treatDroppedQuitAsDelivered': false });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      smtp: { port: 2525 },
      delivery: { treatDroppedQuitAsDelivered: false },
    });
    expect(new Preferences(openConfBackend(dir)).get('smtp.port')).toBe(2525);
    // It may hold the SMTP password: readable by its owner only.
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });
});
