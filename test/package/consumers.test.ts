/**
 * The library as a stranger gets it: `npm pack`, installed into fresh temporary projects, built
 * with their own bundler and run in real Chromium, on React 18 and on React 19.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium.js';
import { packTarball, pinned, ROOT, run } from './pack.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/app', import.meta.url));

let tmp: string;
let tarball: string;
let browser: Browser;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'helpdesky-consumers-'));
  tarball = await packTarball(tmp);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it('packs only the built files, the agent skill, the README, the LICENSE and package.json', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.trim().split('\n');
  expect(files).toContain('package/dist/index.js');
  expect(files).toContain('package/dist/server.js');
  expect(files).toContain('package/README.md');
  expect(files).toContain('package/LICENSE');
  expect(files).toContain('package/skills/helpdesky-react/SKILL.md');
  expect(
    files.filter(
      (f) => !/^package\/(dist\/|skills\/helpdesky-react\/SKILL\.md$|README\.md$|package\.json$|LICENSE$)/.test(f),
    ),
  ).toEqual([]);
});

describe('the tarball', () => {
  let packageDir: string;
  beforeAll(async () => {
    await run('tar', ['-xzf', tarball, '-C', tmp]);
    packageDir = join(tmp, 'package');
  });

  it("starts the client entry with 'use client' (React Server Components), and only the client entry", async () => {
    const firstLine = async (file: string) => (await readFile(join(packageDir, 'dist', file), 'utf8')).split('\n')[0];
    expect(await firstLine('index.js')).toMatch(/^["']use client["'];?$/);
    // A development build would import react/jsx-dev-runtime, which production React lacks.
    expect(await readFile(join(packageDir, 'dist/index.js'), 'utf8')).not.toMatch(/jsx-dev-runtime|jsxDEV/);
    for (const file of ['server.js', 'server.web.js', 'testing.js'])
      expect(await firstLine(file)).not.toMatch(/use client/);
  });

  it('passes publint --strict', async () => {
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/publint'), ['--strict', packageDir]);
    expect(stdout).toContain('All good!');
  });

  it('passes @arethetypeswrong/cli for every JavaScript entry', async () => {
    // The package is ESM-only (engines: node >= 20.19, where require() loads ES modules, as the
    // CommonJS consumer test shows), so the esm-only profile ignores node10 and CJS resolution.
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/attw'), [
      tarball,
      '--profile',
      'esm-only',
      // The stylesheet is CSS for bundlers, not a module with types (its own test is below).
      '--exclude-entrypoints',
      './styles.css',
      '--format',
      'table-flipped',
    ]);
    expect(stdout).not.toMatch(/❌|🥴|💀 Resolution failed.*(bundler|node16 \(from ESM\))/);
  }, 60_000);
});

async function installApp(react: '18' | '19') {
  const dir = join(tmp, `react-${react}`);
  await cp(FIXTURE, dir, { recursive: true });
  const reactVersion = react === '18' ? '18.3.1' : pinned('react');
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({
      name: `stranger-app-react-${react}`,
      private: true,
      type: 'module',
      dependencies: {
        'helpdesky-react': `file:${tarball}`,
        react: reactVersion,
        'react-dom': reactVersion,
        '@tanstack/react-query': pinned('@tanstack/react-query'),
      },
      devDependencies: {
        vite: pinned('vite'),
        '@vitejs/plugin-react': pinned('@vitejs/plugin-react'),
        typescript: pinned('typescript'),
        '@types/react': react === '18' ? '18.3.23' : pinned('@types/react'),
        '@types/react-dom': react === '18' ? '18.3.7' : pinned('@types/react-dom'),
      },
    }),
  );
  // --prefer-offline: what npm ci already cached is not fetched again (faster, and fewer registry round trips).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  return dir;
}

/** Starts the app's own backend; resolves with its URL. */
function serve(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['serve.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    child.stdout!.once('data', (data: Buffer) => resolve({ url: data.toString().trim(), child }));
  });
}

describe.each(['18', '19'] as const)('a Vite app on React %s', (react) => {
  let dir: string;
  beforeAll(async () => {
    dir = await installApp(react);
    await run(join(dir, 'node_modules/.bin/vite'), ['build'], { cwd: dir });
  }, 240_000);

  it('builds a client bundle with no server code in it', async () => {
    const assets = join(dir, 'dist/assets');
    const bundle = (await Promise.all((await readdir(assets)).map((f) => readFile(join(assets, f), 'utf8')))).join('');
    expect(bundle).toContain('data-helpdesk-id');
    expect(bundle).not.toMatch(/node:crypto|createHmac|HELPDESKY_HMAC_SECRET|hdh_secret_emulator/);
  });

  it('keeps the optional stylesheet that the app imports (package.json lists it as a side effect)', async () => {
    const assets = join(dir, 'dist/assets');
    const css = (await readdir(assets)).filter((f) => f.endsWith('.css'));
    expect(css).toHaveLength(1);
    expect(await readFile(join(assets, css[0]!), 'utf8')).toMatch(/\[data-helpdesky-fallback\]/);
  });

  it("renders the signed-in user's conversations in StrictMode, without a provider", async () => {
    const { url, child } = await serve(dir);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByText(`Support (React ${react}.`).waitFor();
      await page.getByText('Invoice #1042 was charged twice').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-state]').first().getAttribute('data-state')).toBe('ready');
      // The stylesheet reached the page: the live region has its colours.
      expect(
        await page
          .locator('[data-helpdesky-status]')
          .evaluate((status) => getComputedStyle(status).getPropertyValue('--hd-accent')),
      ).not.toBe('');
      expect(await page.locator('script[src*="ticket-center"]').count()).toBe(1);
      expect(
        await page.evaluate(
          () => (window as { __helpdeskyEmulator?: { executions: number } }).__helpdeskyEmulator?.executions,
        ),
      ).toBe(1);
    } finally {
      await page.close();
      child.kill();
    }
  });

  it('runs the server entry from a Node ESM backend', async () => {
    const { stdout } = await run(process.execPath, ['backend.mjs'], { cwd: dir });
    const { status, body, expected } = JSON.parse(stdout);
    expect(status).toBe(200);
    expect(body).toEqual({
      email: 'bob@example.com',
      signature: expected,
      helpdeskId: '11111111-2222-3333-4444-555555555555',
    });
  });

  it('server-renders identity={…} with a preload hint for the script and its nonce, and no script', async () => {
    const { stdout: html } = await run(process.execPath, ['ssr.mjs'], { cwd: dir });
    // React 19 emits its preload() hint first; React 18 gets a <link> in the component's markup.
    const link = html.match(/<link [^>]*>/)?.[0];
    expect(link).toMatch(/rel="preload"/);
    expect(link).toMatch(/as="script"/);
    expect(link).toMatch(/href="https:\/\/helpdesky\.io\/ticket-center\.js"/);
    expect(link).toMatch(/nonce="n0nce"/);
    expect(html).toContain('data-state="loading"');
    expect(html).not.toMatch(/<script|hdh_secret_consumer|bob@example\.com/);
  });

  it('loads the server entry with CommonJS require()', async () => {
    const { stdout } = await run(process.execPath, ['require.cjs'], { cwd: dir });
    const { exports, signature } = JSON.parse(stdout);
    expect(exports).toEqual(expect.arrayContaining(['createHelpdeskyHandler', 'signEmail', 'toNodeHandler']));
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('type-checks a TypeScript project against the public types', async () => {
    for (const resolution of [
      ['--module', 'esnext', '--moduleResolution', 'bundler'],
      ['--module', 'nodenext', '--moduleResolution', 'nodenext'],
    ]) {
      const args = [
        '--noEmit',
        '--strict',
        '--jsx',
        'react-jsx',
        '--target',
        'es2022',
        '--lib',
        'es2022,dom',
        ...resolution,
        'types.ts',
      ];
      await expect(run(join(dir, 'node_modules/.bin/tsc'), args, { cwd: dir })).resolves.toBeDefined();
    }
  });
});
