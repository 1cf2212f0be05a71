// Finds Electron's binary (installed by the electron package's postinstall; absent with ELECTRON_SKIP_BINARY_DOWNLOAD)
// and launches the built desktop app with Playwright, in a throw-away user-data folder.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { tempDir } from '../../support/transports';

/** Either the binary's path, or why there is none. */
export type ElectronBinary = { binary?: string; missing?: string };

/** The same lookup node_modules/electron/index.js does, without loading it (it throws when the binary is absent). */
export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { missing: `Electron's binary was not downloaded (no ${pathFile}; npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline)` };
  const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { binary } : { missing: `Electron's binary ${binary} is missing` };
}

export const electronBinary = findElectronBinary();

export const notRunBanner = (reason = 'Electron was not found') =>
  `ELECTRON TESTS NOT RUN: ${reason}. Get the binary with "node node_modules/electron/install.js" on a machine with internet, then run "npx vitest run --project electron" (under xvfb-run on a Linux machine without a display).`;

export async function launchDesktopApp(): Promise<{ app: ElectronApplication; userData: string }> {
  if (!electronBinary.binary) throw new Error(notRunBanner(electronBinary.missing));
  const userData = tempDir('faxdesk-electron-');
  const args = [path.resolve('.'), `--faxdesk-user-data=${userData}`];
  // Chromium's setuid sandbox helper refuses to run as root (containers, CI); the page stays context-isolated.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const app = await _electron.launch({ executablePath: electronBinary.binary, args, env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' }, timeout: 60_000 });
  return { app, userData };
}
