/* global Deno */
import { createHelpdeskyHandler } from 'helpdesky-react/server';

// A stand-in for your own auth: API tokens and their users.
const users = new Map([['demo-token', { email: 'Ada.Lovelace@Example.com' }]]);

const helpdesky = createHelpdeskyHandler({
  getUser: (request) => users.get(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '') ?? null,
});

Deno.serve(
  {
    hostname: Deno.env.get('HOST'),
    port: Number(Deno.env.get('PORT') ?? 8000),
    onListen: ({ hostname, port }) => console.log(`listening http://${hostname}:${port}`),
  },
  (request) =>
    new URL(request.url).pathname === '/api/helpdesky' ? helpdesky(request) : new Response(null, { status: 404 }),
);
