// The three ways to mount the emulator: node:http (and connect-style fall-through), MSW, Vite.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createServer as createViteServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../support/loopback.js';
import {
  createHelpdeskyEmulator,
  helpdeskyEmulatorHandlers,
  helpdeskyEmulatorNodeMiddleware,
  helpdeskyEmulatorVitePlugin,
  HELPDESKY_EMULATOR_HELPDESK_ID,
  HELPDESKY_EMULATOR_SECRET,
  type HelpdeskyEmulator,
} from 'helpdesky-react/testing';

const identity = (email: string) => ({
  helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID,
  email,
  signature: createHmac('sha256', HELPDESKY_EMULATOR_SECRET).update(email).digest('hex'),
});

const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const contactMessage = (email: string) => ({
  helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID,
  email,
  message: `A message from ${email}`,
});

/** The sibling embeds' routes, through a mount at `origin`: both scripts, then one message. */
async function expectSiblingRoutes(emulator: HelpdeskyEmulator, origin: string, email: string) {
  for (const path of [emulator.contactFormScriptUrl, emulator.widgetScriptUrl]) {
    const script = await fetch(`${origin}${path}?v=2`);
    expect(script.status, path).toBe(200);
    expect(script.headers.get('content-type'), path).toMatch(/^text\/javascript/);
    expect(await script.text(), path).toContain('TEST DOUBLE');
  }
  const sent = await postJson(`${origin}${emulator.messagesUrl}`, contactMessage(email));
  expect(await sent.json()).toEqual({ ok: true });
  expect(emulator.messages.at(-1)).toEqual(contactMessage(email));
}

describe('helpdeskyEmulatorNodeMiddleware', () => {
  const emulator = createHelpdeskyEmulator({ basePath: '/__helpdesky' });
  let standalone: Server;
  let withFallThrough: Server;
  let standaloneUrl: string;
  let fallThroughUrl: string;

  beforeAll(async () => {
    standalone = createServer(helpdeskyEmulatorNodeMiddleware(emulator));
    const middleware = helpdeskyEmulatorNodeMiddleware(emulator);
    withFallThrough = createServer((req, res) => middleware(req, res, () => res.end('the app')));
    standaloneUrl = await listen(standalone);
    fallThroughUrl = await listen(withFallThrough);
  });

  afterAll(() => Promise.all([close(standalone), close(withFallThrough)]));

  it('serves the script and verifies a POSTed body as a plain node:http listener', async () => {
    const script = await fetch(`${standaloneUrl}/__helpdesky/ticket-center.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const verified = await postJson(`${standaloneUrl}/__helpdesky/api/verify`, identity('bob@example.com'));
    expect(await verified.json()).toMatchObject({ ok: true, email: 'bob@example.com' });
    expect((await fetch(`${standaloneUrl}/elsewhere`)).status).toBe(404);
  });

  it('hands other paths to next()', async () => {
    expect(await (await fetch(`${fallThroughUrl}/api/verify`)).text()).toBe('the app');
    expect((await fetch(`${fallThroughUrl}/__helpdesky/ticket-center.js`)).status).toBe(200);
  });

  it("serves the sibling embeds' scripts and the messages API, alone or with next()", async () => {
    await expectSiblingRoutes(emulator, standaloneUrl, 'standalone@example.com');
    await expectSiblingRoutes(emulator, fallThroughUrl, 'fall-through@example.com');
    for (const path of ['/contact-form.js', '/widget.js', '/api/messages']) {
      expect(await (await fetch(`${fallThroughUrl}${path}`)).text(), path).toBe('the app');
    }
  });
});

describe('helpdeskyEmulatorHandlers (MSW)', () => {
  const emulator = createHelpdeskyEmulator();
  const server = setupServer(...helpdeskyEmulatorHandlers(emulator, http));

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it("answers the production script URL's routes on any origin", async () => {
    const script = await fetch('https://helpdesky.io/ticket-center.js?v=2');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('TEST DOUBLE');
    const verified = await postJson('https://helpdesky.io/api/verify', identity('alice@example.com'));
    expect(await verified.json()).toMatchObject({ ok: true, name: 'Alice Martin' });
  });

  it('follows setOptions between requests', async () => {
    emulator.setOptions({ failScript: true });
    expect((await fetch('http://localhost/ticket-center.js')).status).toBe(404);
    emulator.reset();
    expect((await fetch('http://localhost/ticket-center.js')).status).toBe(200);
  });

  it("answers the sibling embeds' production URLs too, and leaves other paths unhandled", async () => {
    await expectSiblingRoutes(emulator, 'https://helpdesky.io', 'msw@example.com');
    emulator.setOptions({ failScript: true });
    expect((await fetch('https://helpdesky.io/widget.js')).status).toBe(404);
    emulator.reset();
    // onUnhandledRequest: 'error' makes any path the handlers do not claim reject.
    await expect(fetch('https://helpdesky.io/other.js')).rejects.toThrow();
  });
});

describe('helpdeskyEmulatorVitePlugin', () => {
  const emulator = createHelpdeskyEmulator({ basePath: '/__helpdesky' });
  let vite: Awaited<ReturnType<typeof createViteServer>>;
  let root: string;
  let origin: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'helpdesky-emulator-vite-'));
    vite = await createViteServer({
      configFile: false,
      root,
      logLevel: 'silent',
      appType: 'custom',
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { host: '127.0.0.1', port: 0, ws: false },
      plugins: [helpdeskyEmulatorVitePlugin(emulator)],
    });
    await vite.listen();
    origin = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
  }, 20_000);

  afterAll(async () => {
    await vite?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("serves the emulator's routes from Vite's dev server, and leaves the rest to Vite", async () => {
    expect((await fetch(`${origin}/__helpdesky/ticket-center.js`)).status).toBe(200);
    const verified = await postJson(`${origin}/__helpdesky/api/verify`, identity('alice@example.com'));
    expect(await verified.json()).toMatchObject({ ok: true });
    expect(await (await fetch(`${origin}/other`)).text()).not.toContain('helpdesky-react/testing');
  });

  it("serves the sibling embeds' scripts and the messages API from Vite's dev server", async () => {
    await expectSiblingRoutes(emulator, origin, 'vite@example.com');
  });
});
