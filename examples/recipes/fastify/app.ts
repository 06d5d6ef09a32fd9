import Fastify, { type FastifyServerOptions } from 'fastify';
import { createHelpdeskyHandler, toNodeHandler } from 'helpdesky-react/server';
import { getSessionUser } from './sessions.js';

const helpdesky = toNodeHandler(
  createHelpdeskyHandler({
    getUser: (request) => getSessionUser(request.headers.get('cookie')),
  }),
);

export function buildApp(options?: FastifyServerOptions) {
  const app = Fastify(options);
  app.get('/api/helpdesky', async (request, reply) => {
    reply.hijack(); // the handler writes the response itself
    await helpdesky(request.raw, reply.raw);
  });
  return app;
}
