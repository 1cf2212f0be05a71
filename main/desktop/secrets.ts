// The SMTP password's box in the app: Electron's safeStorage (Keychain, DPAPI, libsecret/KWallet), stored as base64.
// Where the OS offers no real encryption the box says so, and it never pretends: encrypt and decrypt refuse; the
// password may then be stored in clear only once the user agreed (passwordConsent.ts asks).
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/prefs/types';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Electron docs (safeStorage, Linux): "basic_text" encrypts with a hard-coded key, which protects nothing. */
export function osEncryptionAvailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

export class NoOsEncryptionError extends Error {
  constructor() {
    super('This computer offers no encryption for saved passwords (no keyring such as GNOME Keyring or KWallet is running).');
    this.name = 'NoOsEncryptionError';
  }
}

/** The app's box also records the user's consent to a password in clear, which the engine then honours. */
export interface DesktopSecretBox extends SecretBox {
  agreeToPlainText(): void;
}

export function createSecretBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): DesktopSecretBox {
  const available = () => osEncryptionAvailable(safeStorage, platform);
  // For this run of the app only: after a restart the user is asked again before the next password is stored.
  let agreed = false;
  return {
    isAvailable: available,
    plainTextAgreed: () => agreed,
    agreeToPlainText: () => {
      agreed = true;
    },
    encrypt(plain) {
      if (!available()) throw new NoOsEncryptionError();
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(stored) {
      if (!available()) throw new NoOsEncryptionError();
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    },
  };
}
