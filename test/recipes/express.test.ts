import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../examples/recipes/express/app.js';
import viteConfig from '../../examples/recipes/express/vite.config.js';
import { ENV, SESSION_COOKIE, expectIdentityEndpoint, overHttp } from './contract.js';

let server: Server;
let base: string;

beforeAll(async () => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  vi.unstubAllEnvs();
});

describe('the Vite SPA + Express recipe (examples/recipes/express)', () => {
  it('answers the identity endpoint before the SPA fallback', async () => {
    await expectIdentityEndpoint(overHttp(base), SESSION_COOKIE);
  });

  it("proxies /api in Vite's dev server to the port server.ts listens on", async () => {
    const serverFile = await readFile(new URL('../../examples/recipes/express/server.ts', import.meta.url), 'utf8');
    const port = /process\.env\.PORT \?\? (\d+)/.exec(serverFile)?.[1];
    expect(viteConfig).toMatchObject({ server: { proxy: { '/api': `http://localhost:${port}` } } });
  });
});
