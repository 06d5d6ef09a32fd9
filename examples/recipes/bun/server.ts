/* global Bun */
import { createHelpdeskyHandler } from 'helpdesky-react/server';
import { getSessionUser } from './sessions.js';

const helpdesky = createHelpdeskyHandler({
  getUser: (request) => getSessionUser(request.headers.get('cookie')),
});

const server = Bun.serve({
  hostname: process.env.HOST,
  port: process.env.PORT ?? 3000,
  routes: { '/api/helpdesky': helpdesky },
});
console.log(`listening ${server.url}`);
