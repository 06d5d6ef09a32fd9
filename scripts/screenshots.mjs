// Screenshots of the component's main states, made from the stories (docs/screenshots/<state>.png).
//
// Builds storybook-static (or reuses it; pass --rebuild to force a build), serves it on a
// loopback port, opens each story in Debian's Chromium, waits until its play function has
// finished and the component shows the expected data-state, then captures the story's root in a
// 720x480 viewport (the whole viewport for the Widget, whose launcher sits in its corner).
// A story whose play function fails, or that ends in another state, fails the script (exit 1).
// Then the demo (on the emulator), Alice's Support page in a light and a dark browser.
//
//   npm run screenshots [-- --rebuild]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from './chromium.mjs';
import { createStaticServer } from './static-server.mjs';
import { startDemo } from '../demo/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.join(root, 'storybook-static');
const outDir = path.join(root, 'docs', 'screenshots');

/** The states shown in the README and docs/storybook.md: file name, story id, the root's final data-state. */
const SHOTS = [
  { file: 'contact-form', story: 'helpdeskycontactform--ready', state: 'ready' },
  { file: 'signed-out-support-page', story: 'helpdeskycontactform--signed-out-support-page', state: 'error' },
  // The Widget's launcher is fixed to the viewport's corner: the viewport is the picture.
  { file: 'widget', story: 'helpdeskywidget--launcher', viewport: true },
  { file: 'ready', story: 'helpdeskyticketcenter--ready', state: 'ready' },
  { file: 'loading', story: 'helpdeskyticketcenter--loading', state: 'loading' },
  { file: 'unauthenticated', story: 'helpdeskyticketcenter--unauthenticated', state: 'error' },
  { file: 'server-error', story: 'helpdeskyticketcenter--server-error', state: 'error' },
  { file: 'invalid-response', story: 'helpdeskyticketcenter--invalid-response', state: 'error' },
  { file: 'script-blocked', story: 'helpdeskyticketcenter--script-blocked', state: 'error' },
  { file: 'embed-timeout', story: 'helpdeskyticketcenter--embed-timeout', state: 'error' },
  // With helpdesky-react/styles.css, on a light page and on a dark one.
  { file: 'styled-light', story: 'stylesheet--script-blocked-light', state: 'error' },
  { file: 'styled-dark', story: 'stylesheet--script-blocked-dark', state: 'error' },
];
/** The demo's Support page is shot once per colour scheme (docs/screenshots/demo-<scheme>.png). */
const DEMO_SCHEMES = /** @type {const} */ (['light', 'dark']);
const STORY_TIMEOUT_MS = 20_000;

if (process.argv.includes('--rebuild') || !existsSync(path.join(staticDir, 'index.json'))) {
  console.log('Building storybook-static…');
  const build = spawnSync('npm', ['run', 'build-storybook'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (build.status !== 0) throw new Error(`[screenshots] npm run build-storybook failed (exit ${build.status}).`);
} else {
  console.log('Reusing storybook-static (pass --rebuild to build it again).');
}

const server = createStaticServer(staticDir);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch(chromiumLaunchOptions);

let failed = 0;
try {
  await mkdir(outDir, { recursive: true });
  for (const shot of SHOTS) {
    const context = await browser.newContext({ viewport: { width: 720, height: 480 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const messages = [];
    // Worth a look in a real browser: failed requests (expected in error states) and warnings.
    page.on('response', (response) => {
      if (response.status() >= 400) messages.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('console', (message) => {
      const text = message.text();
      if (/^(warning|error)$/.test(message.type()) && !text.startsWith('Failed to load resource')) {
        messages.push(`console ${message.type()}: ${text}`);
      }
    });
    // Catch Storybook's channel as the preview creates it, to hear when the play function is done.
    await page.addInitScript(() => {
      let channel;
      Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
        configurable: true,
        get: () => channel,
        set(value) {
          channel = value;
          window.__storyResult = new Promise((resolve) => {
            value.on('storyFinished', (event) => resolve({ status: event.status }));
            for (const name of ['playFunctionThrewException', 'storyThrewException', 'storyErrored']) {
              value.on(name, (error) => resolve({ status: 'error', error: error?.message ?? String(error) }));
            }
          });
        },
      });
    });
    try {
      await page.goto(`${base}/iframe.html?id=${shot.story}&viewMode=story`);
      await page.waitForFunction(() => window.__storyResult, null, { timeout: STORY_TIMEOUT_MS });
      const result = await Promise.race([
        page.evaluate(() => window.__storyResult),
        new Promise((resolve) =>
          setTimeout(() => resolve({ status: 'error', error: 'play function did not finish' }), STORY_TIMEOUT_MS),
        ),
      ]);
      if (result.status !== 'success') throw new Error(result.error ?? 'the story failed');
      const state = shot.state && (await page.getAttribute('[data-state]', 'data-state'));
      if (state !== shot.state) throw new Error(`ended in data-state="${state}", expected "${shot.state}"`);
      const file = path.join(outDir, `${shot.file}.png`);
      // Cropped to the story's root, so the picture is the component, not a mostly blank frame.
      if (shot.viewport) await page.screenshot({ path: file, animations: 'disabled' });
      else await page.locator('#storybook-root').screenshot({ path: file, animations: 'disabled' });
      console.log(`ok    ${shot.file}: ${path.relative(root, file)}`);
    } catch (error) {
      failed++;
      console.log(`FAIL  ${shot.file} (${shot.story}): ${error.message}`);
    }
    for (const message of messages) console.log(`      ${message}`);
    await context.close();
  }
  // The demo itself (npm run demo, on the emulator): Alice's Support page, light and dark.
  const demo = await startDemo({ env: {} });
  try {
    for (const colorScheme of DEMO_SCHEMES) {
      const file = path.join(outDir, `demo-${colorScheme}.png`);
      const context = await browser.newContext({ viewport: { width: 960, height: 720 }, colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(`${demo.url}/`);
        await page.getByRole('region', { name: 'Account' }).getByRole('button', { name: 'Alice', exact: true }).click();
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Support', exact: true })
          .click();
        await page.waitForFunction(
          () => document.querySelector('main [data-state]')?.getAttribute('data-state') === 'ready',
        );
        await page.screenshot({ path: file, animations: 'disabled' });
        console.log(`ok    demo-${colorScheme}: ${path.relative(root, file)}`);
      } catch (error) {
        failed++;
        console.log(`FAIL  demo-${colorScheme}: ${error.message}`);
      }
      await context.close();
    }
  } finally {
    await demo.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${SHOTS.length + DEMO_SCHEMES.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
