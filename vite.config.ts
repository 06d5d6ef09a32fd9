/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import dts from 'vite-plugin-dts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// Tests import the package by its public name, aliased to the sources, so a broken export
// map or a missing barrel export fails the suite (zustand does the same).
const alias = [
  { find: /^helpdesky-react$/, replacement: src('index.ts') },
  { find: /^helpdesky-react\/server$/, replacement: src('server.ts') },
  { find: /^helpdesky-react\/testing$/, replacement: src('testing.ts') },
  // No `$`: a query such as `?inline` (the stylesheet stories) stays on the path.
  { find: /^helpdesky-react\/styles\.css/, replacement: src('styles.css') },
];

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    // Types only for the library build (not for tests, nor inside `storybook build`).
    command === 'build' && !process.env.STORYBOOK && dts({ tsconfigPath: './tsconfig.build.json', include: ['src'] }),
    // The optional stylesheet ships as written (helpdesky-react/styles.css); no JS imports it.
    command === 'build' &&
      !process.env.STORYBOOK && {
        name: 'helpdesky-styles',
        generateBundle() {
          this.emitFile({ type: 'asset', fileName: 'styles.css', source: readFileSync(src('styles.css'), 'utf8') });
        },
      },
  ],
  resolve: { alias },
  build: {
    lib: {
      entry: {
        // Client entry: browsers, SSR. Never reaches signer code.
        index: src('index.ts'),
        // Server entry, one build per runtime family, chosen by package.json export conditions.
        server: src('server.ts'),
        'server.web': src('server.web.ts'),
        'server.browser': src('server.browser.ts'),
        // The Helpdesky emulator, for users' own tests.
        testing: src('testing.ts'),
        cli: src('cli.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^node:/],
    },
    target: 'es2022',
    sourcemap: true,
    // Readable output; consumers minify. Vite 8 lib mode would otherwise mangle names.
    minify: false,
    copyPublicDir: false,
  },
  test: {
    projects: [
      {
        // The packed tarball in strangers' fresh projects; needs the registry and Chromium.
        extends: true,
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['test/client/**/*.test.{ts,tsx}'],
          setupFiles: ['./test/client/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/server/**/*.test.ts'],
        },
      },
      {
        // The README's framework recipes (examples/recipes), each run as its framework runs it.
        extends: true,
        test: {
          name: 'recipes',
          environment: 'node',
          include: ['test/recipes/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'testing',
          environment: 'node',
          // The emulator's own tests, and the example test users copy (so it cannot rot).
          include: ['test/testing/**/*.test.ts', 'examples/testing/**/*.test.ts'],
        },
      },
      {
        // init and doctor: plans on fixture files, the built CLI on fixture projects, and real
        // fixture apps (registry install, production build, Chromium) in test/cli/apps.
        extends: true,
        test: {
          name: 'cli',
          environment: 'node',
          include: ['test/cli/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        // The demo app in Debian's Chromium, as a user lives it (docs/e2e.md). One demo server
        // and one browser per file; files one after another, so two Vite servers never race.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // A shared machine can be slow: wait for a page as long as Playwright does (8 s).
          expect: { poll: { timeout: 8_000 } },
        },
      },
      {
        // Every story's play function, in Debian's Chromium (never a downloaded browser).
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: chromiumLaunchOptions,
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
}));
