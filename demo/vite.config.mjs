// Vite config of the demo's single-page app: used by the demo server (middleware mode) and by
// the test that builds the client bundle and scans it for the secret.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Replaced, per request, by the demo server with a fresh CSP nonce (see server.mjs). */
export const NONCE_PLACEHOLDER = 'DEMO_CSP_NONCE';

export default defineConfig({
  root: here('.'),
  // The demo's own cache, so it never races the test runner's or Storybook's.
  cacheDir: here('../node_modules/.vite/demo'),
  plugins: [react()],
  resolve: {
    // The demo imports the library by its public name, as an app would; here it is the sources.
    alias: [
      { find: /^helpdesky-react$/, replacement: here('../src/index.ts') },
      { find: /^helpdesky-react\/styles\.css$/, replacement: here('../src/styles.css') },
    ],
  },
  // Vite puts this nonce on the scripts it injects (React Refresh's preamble); the server swaps
  // in a per-request value, so the page also works under a strict Content-Security-Policy.
  html: { cspNonce: NONCE_PLACEHOLDER },
  optimizeDeps: {
    // Everything the app needs, found up front: no re-optimization (and page reload) mid-test.
    entries: ['index.html', 'bench.html', 'bench-signed.html'],
    include: ['react', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', '@tanstack/react-query'],
  },
  server: { fs: { allow: [here('..')] } },
  build: {
    rolldownOptions: {
      input: { main: here('index.html'), bench: here('bench.html'), benchSigned: here('bench-signed.html') },
    },
  },
  logLevel: 'warn',
});
