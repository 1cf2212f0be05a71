// Before the Electron tests: without Electron's binary the run says so loudly (the tests are then reported as
// skipped, never passed); with it, the app is built once (renderer, main, preload) for every test.
import { execFileSync } from 'node:child_process';
import { electronBinary, notRunBanner } from './electronApp';

export default function setup(): void {
  if (!electronBinary.binary) {
    const banner = '*'.repeat(100);
    process.stderr.write(`\n${banner}\n* ${notRunBanner(electronBinary.missing)}\n${banner}\n\n`);
    return;
  }
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
