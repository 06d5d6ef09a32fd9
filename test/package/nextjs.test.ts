/**
 * The packed tarball in a stranger's Next.js App Router app: a Server Component renders the
 * Ticket Center with no provider (the 'use client' directive must survive the build), route
 * handlers serve the identity on the Node and the Edge runtimes, and `next build` keeps the
 * signer out of every browser chunk. The README's server-signed recipes
 * (examples/recipes/nextjs: a Server Component page, and a Pages Router page with
 * getServerSideProps) are copied in as they are and driven in Chromium against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright';
import { HELPDESKY_EMULATOR_HELPDESK_ID, HELPDESKY_EMULATOR_SECRET } from 'helpdesky-react/testing';
import { launchChromium } from '../support/chromium.js';
import { emulatedContext } from '../support/emulatedContext.js';
import { packTarball, pinned, ROOT, run } from './pack.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/nextjs', import.meta.url));
const RECIPES = join(ROOT, 'examples/recipes/nextjs');
/** The server-signed recipe pages, and where they go in the app. */
const SIGNED_PAGES = { '/support': 'app/support/page.tsx', '/support-pages': 'pages/support-pages.tsx' };
const NEXT_VERSION = '16.4.6';
// No NODE_ENV here: npm install would skip devDependencies (typescript), and next sets it itself.
const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
const env = {
  ...inherited,
  NEXT_TELEMETRY_DISABLED: '1',
  // For the recipes, which read the server's environment as an app does.
  HELPDESKY_HMAC_SECRET: HELPDESKY_EMULATOR_SECRET,
  HELPDESKY_HELPDESK_ID: HELPDESKY_EMULATOR_HELPDESK_ID,
};

let tmp: string;
let app: string;
let server: ChildProcess | undefined;
let url: string;
let browser: Browser;
let buildOutput: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'helpdesky-nextjs-'));
  const tarball = await packTarball(tmp);
  app = join(tmp, 'app');
  await cp(FIXTURE, app, { recursive: true });
  for (const file of [...Object.values(SIGNED_PAGES), 'lib/sessions.ts']) {
    await cp(join(RECIPES, file), join(app, file), { recursive: true });
  }
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'stranger-next-app',
      private: true,
      dependencies: {
        next: NEXT_VERSION,
        react: pinned('react'),
        'react-dom': pinned('react-dom'),
        '@tanstack/react-query': pinned('@tanstack/react-query'),
        'helpdesky-react': `file:${tarball}`,
      },
      devDependencies: {
        typescript: pinned('typescript'),
        '@types/react': pinned('@types/react'),
        '@types/react-dom': pinned('@types/react-dom'),
        '@types/node': pinned('@types/node'),
      },
    }),
  );
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, env });
  buildOutput = (await run(join(app, 'node_modules/.bin/next'), ['build'], { cwd: app, env })).stdout;

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(join(app, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server!.once('exit', (code) => reject(new Error(`next start exited with ${code}`)));
    server!.stdout!.on('data', (data: Buffer) => /Ready|started/i.test(data.toString()) && resolve());
  });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const signed = (email: string) => createHmac('sha256', HELPDESKY_EMULATOR_SECRET).update(email).digest('hex');

describe('a Next.js App Router app', () => {
  it('renders the Ticket Center from a Server Component, without a provider', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Support (Next.js)' }).waitFor();
      await page.getByText('Invoice #1042 was charged twice').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-state]').first().getAttribute('data-state')).toBe('ready');
      expect(await page.locator('script[src*="ticket-center"]').count()).toBe(1);
      // The root layout's `import 'helpdesky-react/styles.css'` reached the page.
      expect(
        await page
          .locator('[data-helpdesky-status]')
          .evaluate((status) => getComputedStyle(status).getPropertyValue('--hd-accent')),
      ).not.toBe('');
    } finally {
      await page.close();
    }
  });

  it('answers the identity from a Node route handler', async () => {
    const response = await fetch(`${url}/api/helpdesky`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.json()).toEqual({
      email: 'alice@example.com',
      signature: signed('alice@example.com'),
      helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID,
    });
  });

  it('answers the identity from an Edge route handler, on the Web Crypto build', async () => {
    const response = await fetch(`${url}/api/helpdesky-edge`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: 'bob@example.com', signature: signed('bob@example.com') });
  });

  it('keeps the signer and the secret out of every browser chunk', async () => {
    const chunks = join(app, '.next/static/chunks');
    const files = (await readdir(chunks, { recursive: true })).filter((f) => f.endsWith('.js'));
    const client = (await Promise.all(files.map((f) => readFile(join(chunks, f), 'utf8')))).join('\n');
    expect(client).toContain('data-helpdesk-id');
    expect(client).not.toMatch(/createHmac|subtle\.sign|crypto-browserify/);
    expect(client).not.toContain(HELPDESKY_EMULATOR_SECRET.slice(0, 24));
  });
});

describe.each(Object.entries(SIGNED_PAGES))('the server-signed recipe %s (examples/recipes/nextjs/%s)', (path) => {
  it('is listed as dynamic (ƒ) by next build, and answered private and non-storable', async () => {
    expect(buildOutput).toMatch(new RegExp(`ƒ ${path}\\s`));
    const response = await fetch(`${url}${path}`, { headers: { cookie: 'session=demo-session' } });
    expect(response.status).toBe(200);
    const cacheControl = response.headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/\bprivate\b/);
    expect(cacheControl).toMatch(/\bno-store\b/);
    const html = await response.text();
    expect(html).toMatch(/<link rel="preload" href="https:\/\/helpdesky\.io\/ticket-center\.js" as="script"/);
    expect(html).not.toContain(HELPDESKY_EMULATOR_SECRET);
  });

  it("shows the signed-in user's panel with no identity request and no hydration error", async () => {
    const { context, page, errors } = await emulatedContext(browser, url, 'session=demo-session');
    const identityRequests: string[] = [];
    page.on('request', (request) => /\/api\/helpdesky/.test(request.url()) && identityRequests.push(request.url()));
    try {
      await page.goto(`${url}${path}`);
      // The emulator verified the signature and rendered Ada's (empty) panel.
      await page.getByText('Signed in as ada.lovelace@example.com').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-state]').first().getAttribute('data-state')).toBe('ready');
      expect(await page.locator('script[src*="ticket-center"]').getAttribute('data-email')).toBe(
        'ada.lovelace@example.com',
      );
      await page.waitForTimeout(300);
      expect(identityRequests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the sign-in state to a visitor without a session, with no script', async () => {
    const { context, page, errors } = await emulatedContext(browser, url);
    try {
      await page.goto(`${url}${path}`);
      await page
        .getByRole('alert')
        .filter({ hasText: /sign in/i })
        .waitFor({ timeout: 15_000 });
      expect(await page.locator('script[src*="ticket-center"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
