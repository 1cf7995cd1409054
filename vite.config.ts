// Builds the renderer into dist/renderer with relative URLs, so it loads from app://helpdesk/ in
// Electron and from the browser host's per-run path alike. No inline scripts (the CSP forbids them).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'chrome130',
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
