import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// One build for the web apps; the server serves dist/ui with @fastify/static, so the register is
// at /pos-ui/, the back office at /backoffice-ui/ and (in head-office mode) head office's pages at
// /headoffice-ui/, each on the same origin as its /api.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    // Fonts stay files: the Content-Security-Policy takes fonts from the server only (font-src 'self'), never data: URLs.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
    rollupOptions: {
      // The Svelte compiler's time on a busy two-core machine is no fault of the code: a build prints only warnings about the code.
      checks: { bundlerTimings: false },
      input: {
        pos: resolve(import.meta.dirname, 'pos-ui/index.html'),
        display: resolve(import.meta.dirname, 'pos-ui/display.html'),
        backoffice: resolve(import.meta.dirname, 'backoffice-ui/index.html'),
        headoffice: resolve(import.meta.dirname, 'headoffice-ui/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
