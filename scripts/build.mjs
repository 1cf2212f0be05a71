// Builds what the desktop app runs: the renderer (Vite), the main process and the preload (esbuild, CommonJS).
import { build as viteBuild } from 'vite';
import { build } from 'esbuild';

const started = Date.now();
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  // Dependencies stay in node_modules (better-sqlite3 is native; electron-builder packs and rebuilds them).
  build({ ...common, entryPoints: ['main/desktop/index.ts'], outfile: 'out/main/index.cjs', format: 'cjs', packages: 'external' }),
  // A sandboxed preload must be one CommonJS file that requires nothing but electron.
  build({ ...common, entryPoints: ['main/preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'], minify: true }),
]);
console.error(`Built out/renderer, out/main/index.cjs and out/preload/index.cjs in ${Date.now() - started} ms.`);
