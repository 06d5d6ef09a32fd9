import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../examples/recipes/express/app.js';
import viteConfig from '../../examples/recipes/express/vite.config.js';
import { ENV, SESSION_COOKIE, expectIdentityEndpoint, overHttp } from './contract.js';

let server: Server;
let base: string;
let appDir: string;
const cwd = process.cwd();
const INDEX_HTML = '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>';

beforeAll(async () => {
  // The app serves the SPA's build from ./dist, where the recipe is started: a stand-in build.
  appDir = await mkdtemp(join(tmpdir(), 'helpdesky-express-recipe-'));
  await mkdir(join(appDir, 'dist'));
  await writeFile(join(appDir, 'dist', 'index.html'), INDEX_HTML);
  process.chdir(appDir);
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  vi.unstubAllEnvs();
  process.chdir(cwd);
  await rm(appDir, { recursive: true, force: true });
});

describe('the Vite SPA + Express recipe (examples/recipes/express)', () => {
  it('answers the identity endpoint before the SPA fallback', async () => {
    await expectIdentityEndpoint(overHttp(base), SESSION_COOKIE);
  });

  it("answers the SPA's client-side routes with its index.html", async () => {
    const page = await fetch(`${base}/support`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toBe(INDEX_HTML);
  });

  it("proxies /api in Vite's dev server to the port server.ts listens on", async () => {
    const serverFile = await readFile(new URL('../../examples/recipes/express/server.ts', import.meta.url), 'utf8');
    const port = /process\.env\.PORT \?\? (\d+)/.exec(serverFile)?.[1];
    expect(viteConfig).toMatchObject({ server: { proxy: { '/api': `http://localhost:${port}` } } });
  });
});
