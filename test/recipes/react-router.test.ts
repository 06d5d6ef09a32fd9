import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { loader } from '../../examples/recipes/react-router/app/routes/api.helpdesky.js';
import { ENV, SESSION_COOKIE, expectIdentityEndpoint } from './contract.js';

beforeAll(() => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
});
afterAll(() => vi.unstubAllEnvs());

describe('the React Router / Remix recipe (examples/recipes/react-router/app/routes/api.helpdesky.ts)', () => {
  it('answers the identity endpoint from its loader, as the framework calls it', async () => {
    await expectIdentityEndpoint(
      (headers) => loader({ request: new Request('http://localhost:5173/api/helpdesky', { headers }) }),
      SESSION_COOKIE,
    );
  });
});
