// Preferences in the app: electron-store on config.json in userData, the same file and dotted keys the headless
// `conf` store uses, so the CLI and the app read one another's settings. The engine validates every value.
import type { ConfLike } from '../core/prefs/types';

export async function createPreferencesStore(userDataDir: string): Promise<ConfLike> {
  // electron-store is ESM only. A static import bundles to require() whose default is the module namespace, not the
  // class; import() stays an import() in the CommonJS bundle and gives the class.
  const { default: Store } = await import('electron-store');
  const store = new Store<Record<string, unknown>>({
    name: 'config',
    cwd: userDataDir,
    // A hand edit or `faxdesk prefs set` while the app runs reaches the engine at once (onDidAnyChange).
    watch: true,
    // A config.json that does not parse is reported by the engine, never silently replaced with defaults.
    clearInvalidConfig: false,
    // Owner only: it can hold the SMTP password (readable where no keyring encrypts it) and the mail routing.
    configFileMode: 0o600,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    get store() {
      return store.store;
    },
    path: store.path,
    onDidAnyChange: (callback) => store.onDidAnyChange(() => callback()),
  };
}
