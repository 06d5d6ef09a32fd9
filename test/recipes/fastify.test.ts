import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { buildApp } from '../../examples/recipes/fastify/app.js';
import { ENV, SESSION_COOKIE, expectIdentityEndpoint, overHttp } from './contract.js';

const app = buildApp();
let base: string;

beforeAll(async () => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  vi.unstubAllEnvs();
});

describe('the Fastify recipe (examples/recipes/fastify)', () => {
  it('answers the identity endpoint through reply.hijack() and toNodeHandler', async () => {
    await expectIdentityEndpoint(overHttp(base), SESSION_COOKIE);
  });
});
