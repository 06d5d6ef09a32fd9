/**
 * What every recipe must do, checked the same way for each: the demo user signed in through the
 * recipe's own auth stand-in gets `200 { email, signature, helpdeskId }`, nobody else gets 401.
 * The signature is computed here with node:crypto, independently of the library.
 */
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { HELPDESK_ID, SECRET } from '../server/helpers.js';

export { HELPDESK_ID, SECRET };

/** The configuration the recipes read from their environment. */
export const ENV = { HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: HELPDESK_ID };

/** Headers of a signed-in request, per kind of auth stand-in in the recipes. */
export const SESSION_COOKIE = { cookie: 'session=demo-session' };
export const BEARER_TOKEN = { authorization: 'Bearer demo-token' };

/** The demo user is stored as `Ada.Lovelace@Example.com`: signed and sent normalized. */
const EMAIL = 'ada.lovelace@example.com';

export const EXPECTED_IDENTITY = {
  email: EMAIL,
  signature: createHmac('sha256', SECRET).update(EMAIL, 'utf8').digest('hex'),
  helpdeskId: HELPDESK_ID,
};

/** Sends a GET to the recipe's identity endpoint with these headers. */
export type Send = (headers: Record<string, string>) => Promise<Response>;

export async function expectIdentityEndpoint(send: Send, signedIn: Record<string, string>): Promise<void> {
  const ok = await send(signedIn);
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
  expect(ok.headers.get('cache-control')).toBe('private, no-store');
  expect(await ok.json()).toEqual(EXPECTED_IDENTITY);

  const signedOut: Array<Record<string, string>> = [
    {},
    { cookie: 'session=expired' },
    { authorization: 'Bearer wrong' },
  ];
  for (const headers of signedOut) {
    const denied = await send(headers);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: 'unauthenticated' });
  }
}

/** How the Deno recipe runs (as the README tells users to run it): the least permissions. */
export const DENO_RUN = [
  'run',
  '--allow-net',
  '--allow-env=HELPDESKY_HMAC_SECRET,HELPDESKY_HELPDESK_ID,HOST,PORT',
  'server.ts',
];

/** The same, over real HTTP: GET <base>/api/helpdesky. */
export function overHttp(base: string): Send {
  return (headers) => fetch(`${base}/api/helpdesky`, { headers, signal: AbortSignal.timeout(5_000) });
}
