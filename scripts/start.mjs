// `npm start`: opens the desktop app, or says plainly what is missing and how to use the browser window instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (node_modules/electron)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { missing: "Electron's binary was not downloaded (node_modules/electron/dist is missing)" };
  }
  const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { binary } : { missing: `Electron's binary ${binary} is missing` };
}

const found = electronBinary();
if (!found.binary) {
  console.error(`faxdesk cannot start the desktop app: ${found.missing}.
This happens when npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without internet access.
  - To get the desktop app: on a machine with internet, run  node node_modules/electron/install.js
    (or npm install without ELECTRON_SKIP_BINARY_DOWNLOAD), then npm start again.
  - To use faxdesk now, without Electron: npm run faxdesk -- serve
    and open the address it prints in a browser.`);
  process.exit(1);
}

const build = spawn(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
build.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const child = spawn(found.binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (exitCode) => process.exit(exitCode ?? 0));
});
