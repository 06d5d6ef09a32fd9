import { http, HttpResponse } from 'msw';

export const ENDPOINT = '/api/helpdesky';
export const HELPDESK_ID = '6f1c2b9e-0d7a-4c1e-9a55-3b8f0e2d4a10';

/** An identity as the endpoint answers it; the signature only has to look right here. */
export const identityOf = (email: string) => ({
  email,
  signature: Array.from(email.padEnd(32, '.'), (c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 64),
  helpdeskId: HELPDESK_ID,
});

export const alice = identityOf('alice@example.com');
export const bob = identityOf('bob@example.com');

/** The default: Alice is signed in. Tests override with `server.use(...)`. */
export const handlers = [http.get(`*${ENDPOINT}`, () => HttpResponse.json(alice))];
