// The headless preferences store: conf writing config.json in the data folder (the desktop app passes electron-store).
import Conf from 'conf';
import type { ConfLike } from './types';

export function openConfBackend(dataDir: string, options: { watch?: boolean } = {}): ConfLike & { close(): void } {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'config',
    projectName: 'faxdesk',
    // Watching lets `faxdesk prefs set` from another terminal reach a running engine without a restart.
    watch: options.watch ?? false,
    // Owner only: it can hold the SMTP password (readable where no keyring encrypts it) and the mail routing.
    configFileMode: 0o600,
  });
  return Object.assign(conf as unknown as ConfLike, { close: () => conf._closeWatcher() });
}
