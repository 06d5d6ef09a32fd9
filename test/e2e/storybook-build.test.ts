// `npm run build-storybook`, as a designer's CI would run it: no prompt (stdin closed), no
// telemetry, a static site. Its docs page, opened in Debian's Chromium, shows the props table
// built from the component's JSDoc, with defaults and controls.
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { close, listen } from '../support/loopback.js';
import { createStaticServer } from '../../scripts/static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'storybook-static');
let build = { code: -1 as number | null, output: '' };
let server: Server | undefined;
let browser: Browser | undefined;
let origin = '';

function buildStorybook(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CI; // no CI flag to lean on: the script itself must not prompt
    const child = spawn('npm', ['run', 'build-storybook'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run build-storybook did not finish in 120 s (waiting on a prompt?):\n${output}`));
    }, 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  build = await buildStorybook();
  server = createStaticServer(OUT);
  origin = await listen(server);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await close(server);
});

describe('npm run build-storybook', () => {
  it('builds the static site without a prompt, with the MSW worker the stories need', async () => {
    expect(build.code, build.output).toBe(0);
    // Storybook's first-run notice: "Storybook now collects completely anonymous telemetry…".
    expect(build.output).not.toMatch(/collects completely anonymous|storybook.js.org\/telemetry/i);
    const index = JSON.parse(await readFile(join(OUT, 'index.json'), 'utf8')) as {
      entries: Record<string, { type: string; name: string }>;
    };
    const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
    expect(stories.map((story) => story.name)).toEqual(
      expect.arrayContaining(['Ready', 'Loading', 'Unauthenticated', 'Script Blocked', 'Embed Timeout', 'User Switch']),
    );
    expect((await stat(join(OUT, 'mockServiceWorker.js'))).isFile()).toBe(true);
  });

  it("has a docs page whose props table comes from the JSDoc, with each prop's default and a control", async () => {
    expect(build.code, build.output).toBe(0);
    const page = await browser!.newPage();
    try {
      await page.goto(`${origin}/iframe.html?id=helpdeskyticketcenter--docs&viewMode=docs`);
      const row = (prop: string) => page.locator('tr', { hasText: prop }).first();
      await row('readyTimeoutMs').getByText('How long to wait for the panel to render').waitFor({ timeout: 20_000 });
      expect(await row('readyTimeoutMs').innerText()).toMatch(/15000/);
      expect(await row('containerId').innerText()).toMatch(/hdh-ticket-center/);
      expect(await row('scriptSrc').innerText()).toMatch(/https:\/\/helpdesky\.io\/ticket-center\.js/);
      expect(await row('endpoint').innerText()).toMatch(/URL of the host's identity endpoint/);
      expect(
        await row('readyTimeoutMs')
          .getByRole('button', { name: /set number/i })
          .count(),
      ).toBe(1);
    } finally {
      await page.close();
    }
  });

  // Issue 15: leaving a top-level iframe.html made MSW's worker unregister itself (its last client
  // closed), so the Storybook UI's preview iframe loaded uncontrolled and the Ready story's
  // requests reached this server: 404s and data-state="error".
  it('shows the Ready story in the Storybook UI after its iframe.html was open in the same tab', async () => {
    expect(build.code, build.output).toBe(0);
    // Its own context: no service worker registration left over from another test.
    const context = await browser!.newContext();
    const unmocked: string[] = [];
    context.on('response', (response) => {
      const { pathname } = new URL(response.url());
      const mocked = !/^\/(api|helpdesky-emulator)\//.test(pathname) || response.fromServiceWorker();
      if (!mocked) unmocked.push(`${response.status()} ${pathname}`);
    });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/iframe.html?id=helpdeskyticketcenter--ready&viewMode=story`);
      await page.locator('[data-state="ready"]').waitFor({ timeout: 20_000 });

      await page.goto(`${origin}/?path=/story/helpdeskyticketcenter--ready`);
      const preview = page.frameLocator('#storybook-preview-iframe');
      // Ready or error, whichever comes first; otherwise what the preview shows instead (e.g. MSW's error).
      await preview
        .locator('[data-state="ready"], [data-state="error"]')
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(async (error: Error) => {
          throw new Error(`${error.message}\nThe preview shows: ${await preview.locator('body').innerText()}`);
        });
      expect(unmocked, 'requests that skipped MSW').toEqual([]);
      expect(await preview.locator('[data-state]').getAttribute('data-state')).toBe('ready');
      expect(await preview.getByRole('heading', { name: 'Invoice #1042 was charged twice' }).isVisible()).toBe(true);
      expect(await preview.getByText('Signed in as alice@example.com').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
