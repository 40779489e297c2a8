import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress';

/**
 * Two pages: taskpane.html (what Outlook loads, with Office.js from Microsoft's CDN) and
 * preview.html (the same pane against the fake mailbox, for any browser and the tests).
 * Relative asset URLs so the server can serve dist/ at any prefix. Asset names carry a content
 * hash (the server caches them for a year, immutable); every text file also gets a brotli and a
 * gzip copy (vite-precompress.ts), and .vite/manifest.json says which chunks each view needs
 * (the pane benchmark reads it).
 */
export default defineConfig({
  root: __dirname,
  base: './',
  resolve: { alias: { '@arkiv/shared': resolve(__dirname, '../shared/src/index.ts') } },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    manifest: true,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: { taskpane: resolve(__dirname, 'taskpane.html'), preview: resolve(__dirname, 'preview.html') },
      // Fluent UI marks its modules 'use client' (a React Server Components hint, meaningless here).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
