// What the preferences service needs from its surroundings: a conf-compatible store (conf headless, electron-store
// in the app: both write config.json) and, in the app, a box that encrypts the SMTP password with the OS.

/** The part of conf / electron-store's API the engine uses; dotted keys are paths in config.json. */
export interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly store: Record<string, unknown>;
  readonly path: string;
  onDidAnyChange?(callback: () => void): () => void;
}

/** Encrypts secrets for config.json (Electron's safeStorage in the app). */
export interface SecretBox {
  /** false where the OS offers no encryption (Linux without a keyring): the app must ask before storing in clear. */
  isAvailable(): boolean;
  /** Where isAvailable() is false: true once the user has agreed to keep the password readable in config.json. */
  plainTextAgreed(): boolean;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}
