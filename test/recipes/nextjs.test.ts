import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as route from '../../examples/recipes/nextjs/app/api/helpdesky/route.js';
import { ENV, SESSION_COOKIE, expectIdentityEndpoint } from './contract.js';

beforeAll(() => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
});
afterAll(() => vi.unstubAllEnvs());

describe('the Next.js App Router recipe (examples/recipes/nextjs/app/api/helpdesky/route.ts)', () => {
  it('answers the identity endpoint from its GET export, as Next.js calls it', async () => {
    await expectIdentityEndpoint(
      (headers) => route.GET(new Request('http://localhost:3000/api/helpdesky', { headers })),
      SESSION_COOKIE,
    );
  });

  it('opts out of prerendering and caching', () => {
    expect(route.dynamic).toBe('force-dynamic');
  });
});
