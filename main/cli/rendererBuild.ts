// Makes sure the browser mode has a built window: builds it with Vite on first use or when its sources changed,
// so `faxdesk serve` works right after `npm install` with no build step to remember.
import fs from 'node:fs';
import path from 'node:path';
import { CommandError } from './command';

type ViteModule = typeof import('vite'); // eslint-disable-line @typescript-eslint/consistent-type-imports -- loaded lazily: only the browser mode needs Vite

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function rendererOutDir(root: string): string {
  return path.join(root, 'out', 'renderer');
}

export async function ensureRendererBuilt(root: string, note: (line: string) => void): Promise<string> {
  const outDir = rendererOutDir(root);
  const index = path.join(outDir, 'index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared')));
  if (builtAt > 0 && (sourcesAt === 0 || builtAt >= sourcesAt)) return outDir;
  let vite: ViteModule;
  try {
    vite = await import('vite');
  } catch {
    throw new CommandError(`The window is not built (${index} is missing) and Vite is not installed: run "npm install" then "npm run build".`);
  }
  note(builtAt > 0 ? 'Rebuilding the window (its sources changed)…' : 'Building the window (first run, about 10 seconds)…');
  // Always React's production build: under a test runner NODE_ENV is "test", which would give the development build,
  // several times slower to draw, and `faxdesk serve` reuses whatever was built.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
