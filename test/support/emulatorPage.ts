import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Browser, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createHelpdeskyEmulator, helpdeskyEmulatorNodeMiddleware } from 'helpdesky-react/testing';
import { launchChromium } from './chromium.js';
import { close, listen } from './loopback.js';

export interface EmulatorPageOptions {
  /** The page's HTML for a request; `emulatorOrigin` is where the emulator listens. */
  html: (request: IncomingMessage, emulatorOrigin: string) => string;
  /** Default: Playwright's (1280x720). */
  viewport?: { width: number; height: number };
}

/**
 * What the emulated scripts' Chromium tests share: the emulator and a page server on two ports of
 * 127.0.0.1 (so the script and its API calls are cross-origin, as with helpdesky.io), one
 * Debian Chromium per file and a fresh page per test, opened at `pageUrl`, with the emulator
 * reset. Everything it started stops after the file. A browser that cannot start fails the file.
 * Read `page` and `pageErrors` inside tests and hooks: they are new for each test.
 */
export function withEmulatorPage({ html, viewport }: EmulatorPageOptions) {
  const emulator = createHelpdeskyEmulator();
  const ctx = {
    emulator,
    emulatorOrigin: '',
    pageUrl: '',
    page: undefined as unknown as Page,
    /** Uncaught errors on the current page. */
    pageErrors: [] as string[],
  };
  let emulatorServer: Server | undefined;
  let pageServer: Server | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    emulatorServer = createServer(helpdeskyEmulatorNodeMiddleware(emulator));
    ctx.emulatorOrigin = await listen(emulatorServer);
    pageServer = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(html(request, ctx.emulatorOrigin));
    });
    ctx.pageUrl = `${await listen(pageServer)}/`;
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([close(emulatorServer), close(pageServer)]);
  });

  beforeEach(async () => {
    emulator.reset();
    const page = (ctx.page = await browser!.newPage(viewport ? { viewport } : {}));
    page.setDefaultTimeout(5_000);
    const errors: string[] = (ctx.pageErrors = []);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(ctx.pageUrl);
  });

  afterEach(async () => {
    await ctx.page?.close();
  });

  return ctx;
}
