import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// One build for both web apps; the outlet server serves dist/ui with @fastify/static, so the
// register is at /pos-ui/ and the back office at /backoffice-ui/ on the same origin as /api.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        pos: resolve(import.meta.dirname, 'pos-ui/index.html'),
        display: resolve(import.meta.dirname, 'pos-ui/display.html'),
        backoffice: resolve(import.meta.dirname, 'backoffice-ui/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
