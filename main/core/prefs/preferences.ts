// Preferences on the shared schema over a conf-compatible store: checked reads with defaults, all-or-nothing writes
// that name the refused key, change events (a new value takes effect without a restart), and the SMTP password,
// which is never logged, never in a transcript and never returned to the window.
import fs from 'node:fs';
import { checkPref, checkPrefsTogether, isPrefKey, prefDefaults, prefKeys, type PrefKey, type Prefs } from '../../../shared/prefs';
import type { PrefsView } from '../../../shared/contract';
import { Emitter } from '../event';
import { silentLogger, type Logger } from '../logger';
import type { ConfLike, SecretBox } from './types';

export type PasswordStorage = PrefsView['passwordStorage'];

/** A refused preference: the message names the key and what it allows. */
export class PreferenceError extends Error {
  override name = 'PreferenceError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PreferencesOptions {
  /** Encrypts the password in config.json (Electron's safeStorage in the app). */
  secretBox?: SecretBox;
  /** Headless password sources: FAXDESK_SMTP_PASSWORD here, or the file named by smtp.passwordFile. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export interface PrefsChange {
  keys: PrefKey[];
}

// Marks a password encrypted by the SecretBox, so a plain one written by hand is told apart.
const encryptedPrefix = 'os-encrypted:';

export class Preferences {
  private readonly changeEmitter = new Emitter<PrefsChange>();
  /** Fires with the keys whose value changed, from this process or (with a watching backend) another. */
  readonly onDidChange = this.changeEmitter.event;
  private cached: Prefs | undefined;
  private storedPassword: unknown;
  private readonly warned = new Set<string>();
  private readonly disposeBackend: (() => void) | undefined;
  private writing = false;

  constructor(
    private readonly backend: ConfLike,
    private readonly options: PreferencesOptions = {},
  ) {
    this.snapshot();
    this.disposeBackend = backend.onDidAnyChange?.(() => {
      if (!this.writing) this.refresh();
    });
  }

  get<K extends PrefKey>(key: K): Prefs[K] {
    return this.all()[key];
  }

  /** Every preference, stored values checked against the schema (a bad one hand-edited into config.json reads as its default). */
  all(): Prefs {
    return (this.cached ??= this.read());
  }

  get configPath(): string {
    return this.backend.path;
  }

  /** Sets several keys at once, all or nothing; throws PreferenceError naming the first refused key. */
  set(values: Record<string, unknown>): PrefKey[] {
    const next: Prefs = { ...this.all() };
    const checked: Array<[PrefKey, unknown]> = [];
    for (const [key, value] of Object.entries(values)) {
      if (!isPrefKey(key)) throw new PreferenceError(key, `${key} is not a faxdesk preference`);
      const result = checkPref(key, value);
      if (!result.ok) throw new PreferenceError(key, result.message);
      (next as Record<string, unknown>)[key] = result.value;
      checked.push([key, result.value]);
    }
    const together = checkPrefsTogether(next);
    if (together) throw new PreferenceError(together.split(' ')[0] ?? '', together);
    const writes = checked.map(([key, value]) => [key, key === 'smtp.password' ? this.sealPassword(value as string) : value] as const);
    const before = writes.map(([key]) => [key, this.backend.get(key)] as const);
    this.writing = true;
    try {
      for (const [key, value] of writes) {
        if (value === '' && key === 'smtp.password') this.backend.delete(key);
        else this.backend.set(key, value);
      }
    } catch (error) {
      // Put back what was written, so a failing disk leaves the old settings whole.
      for (const [key, value] of before) {
        try {
          if (value === undefined) this.backend.delete(key);
          else this.backend.set(key, value);
        } catch {
          // nothing more to do: the error below says the settings could not be saved
        }
      }
      throw new PreferenceError(writes[0]?.[0] ?? '', `The settings could not be saved: ${(error as Error).message}`);
    } finally {
      this.writing = false;
    }
    const password = writes.find(([key]) => key === 'smtp.password')?.[1];
    if (this.options.secretBox && typeof password === 'string' && password !== '' && !password.startsWith(encryptedPrefix)) {
      // Only sealPassword's agreed-to fallback gets here. Every such save gets a line (not warnOnce), never the password.
      (this.options.logger ?? silentLogger).log(
        'warn',
        { component: 'prefs', key: 'smtp.password', path: this.backend.path },
        'no keyring: the SMTP password is stored readable in config.json, as the user agreed',
      );
    }
    return this.refresh();
  }

  /** Re-reads the backend and fires onDidChange with the keys that changed; returns them. */
  refresh(): PrefKey[] {
    const before = this.cached ?? this.read();
    const passwordBefore = this.storedPassword;
    this.snapshot();
    const after = this.all();
    const keys = prefKeys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (passwordBefore !== this.storedPassword && !keys.includes('smtp.password')) keys.push('smtp.password');
    if (keys.length) this.changeEmitter.fire({ keys });
    return keys;
  }

  /** The SMTP password for AUTH, or '' when none is set. Never log it. */
  password(): string {
    const stored = this.storedPassword;
    if (this.options.secretBox && typeof stored === 'string' && stored.startsWith(encryptedPrefix)) {
      try {
        return this.options.secretBox.decrypt(stored.slice(encryptedPrefix.length));
      } catch {
        this.warnOnce('decrypt', 'the stored SMTP password could not be decrypted; set it again');
        return '';
      }
    }
    const env = this.options.env?.FAXDESK_SMTP_PASSWORD;
    if (env) return env;
    const file = this.get('smtp.passwordFile');
    if (file) {
      try {
        return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        this.warnOnce('file', `smtp.passwordFile cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        return '';
      }
    }
    return typeof stored === 'string' && !stored.startsWith(encryptedPrefix) ? stored : '';
  }

  passwordStorage(): PasswordStorage {
    const stored = this.storedPassword;
    if (this.options.secretBox && typeof stored === 'string' && stored.startsWith(encryptedPrefix)) return 'os-encrypted';
    if (this.options.env?.FAXDESK_SMTP_PASSWORD) return 'environment';
    if (this.get('smtp.passwordFile')) return 'file';
    if (typeof stored === 'string' && stored !== '' && !stored.startsWith(encryptedPrefix)) return 'plain';
    return 'none';
  }

  /** What the window sees: every key, the password replaced by '' and whether one is set. */
  view(): PrefsView {
    return {
      values: { ...this.all(), 'smtp.password': '' },
      passwordSet: this.password() !== '',
      passwordStorage: this.passwordStorage(),
      configPath: this.backend.path,
    };
  }

  dispose(): void {
    this.disposeBackend?.();
  }

  private snapshot(): void {
    this.cached = undefined;
    this.storedPassword = this.backend.get('smtp.password');
  }

  private read(): Prefs {
    const prefs = { ...prefDefaults };
    for (const key of prefKeys) {
      if (key === 'smtp.password') continue;
      const stored = this.backend.get(key);
      if (stored === undefined) continue;
      const result = checkPref(key, stored);
      if (result.ok) (prefs as Record<string, unknown>)[key] = result.value;
      else this.warnOnce(key, `${result.message}; using the default instead`);
    }
    return prefs;
  }

  private sealPassword(plain: string): string {
    if (plain === '') return '';
    const box = this.options.secretBox;
    if (!box) return plain;
    if (!box.isAvailable()) {
      if (!box.plainTextAgreed()) {
        throw new PreferenceError(
          'smtp.password',
          'smtp.password cannot be stored encrypted: this system offers no keyring, and storing it readable in config.json was not agreed to',
        );
      }
      return plain;
    }
    return encryptedPrefix + box.encrypt(plain);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    (this.options.logger ?? silentLogger).log('warn', { component: 'prefs', key }, message);
  }
}
