import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import app from '../../examples/recipes/hono/app.js';
import { ENV, SESSION_COOKIE, expectIdentityEndpoint, overHttp } from './contract.js';

let server: ServerType;
let base: string;

beforeAll(async () => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
  base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  vi.unstubAllEnvs();
});

describe('the Hono recipe (examples/recipes/hono), on @hono/node-server', () => {
  it('answers the identity endpoint', async () => {
    await expectIdentityEndpoint(overHttp(base), SESSION_COOKIE);
  });

  it('answers HEAD through the GET route, without a body', async () => {
    const response = await fetch(`${base}/api/helpdesky`, { method: 'HEAD', headers: SESSION_COOKIE });
    expect([response.status, await response.text()]).toEqual([200, '']);
  });
});
