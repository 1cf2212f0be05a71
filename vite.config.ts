// Builds the renderer (the faxdesk window) into out/renderer, with the shared CSP written into index.html.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/csp.ts';

const injectCsp = (): Plugin => ({
  name: 'faxdesk-csp',
  transformIndexHtml: (html) =>
    html.replace('<!-- CSP -->', `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`),
});

export default defineConfig({
  root: 'renderer',
  // Relative asset paths: the same build loads from file:// in Electron and from http://127.0.0.1 in the browser mode.
  base: './',
  plugins: [react(), injectCsp()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
  },
});
