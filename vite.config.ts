// Builds the renderer (the faxdesk window) into out/renderer, with the shared CSP written into index.html.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/csp.ts';

const injectCsp = (): Plugin => ({
  name: 'faxdesk-csp',
  transformIndexHtml: (html) =>
    html.replace('<!-- CSP -->', `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`),
});

/** The window's script (draw.tsx) is imported by the entry, after it has opened the connection; a modulepreload link
 *  has the browser fetch and compile it alongside the entry instead of after it. */
const preloadWindowScript = (): Plugin => ({
  name: 'faxdesk-preload-window',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, context) => {
      const chunk = Object.values(context.bundle ?? {}).find((item) => item.type === 'chunk' && item.facadeModuleId?.endsWith('/renderer/draw.tsx'));
      return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }] : [];
    },
  },
});

export default defineConfig({
  root: 'renderer',
  // Relative asset paths: the same build loads from file:// in Electron and from http://127.0.0.1 in the browser mode.
  base: './',
  plugins: [react(), injectCsp(), preloadWindowScript()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
  },
});
