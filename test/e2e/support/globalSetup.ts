// Before the end-to-end tests: a Chromium must exist (or the run says loudly that it skips them), and the window
// is built once for every test.
import { projectRoot } from '../../../main/cli/command';
import { ensureRendererBuilt } from '../../../main/cli/rendererBuild';
import { chromiumPath, skipE2e } from './chromium';

export default async function setup(): Promise<void> {
  if (!chromiumPath()) {
    const banner = '*'.repeat(78);
    if (skipE2e) {
      process.stderr.write(`\n${banner}\n* END-TO-END TESTS NOT RUN: no Chromium found and FAXDESK_SKIP_E2E=1 is set.\n${banner}\n\n`);
      return;
    }
    throw new Error(
      `\n${banner}\n* No Chromium for the end-to-end tests (looked at $CHROMIUM_PATH and /usr/bin/chromium).\n` +
        '* Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH),\n' +
        `* or run with FAXDESK_SKIP_E2E=1 to skip them knowingly.\n${banner}`,
    );
  }
  await ensureRendererBuilt(projectRoot, (line) => process.stderr.write(line + '\n'));
}
