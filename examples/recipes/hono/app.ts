import { Hono } from 'hono';
import { createHelpdeskyHandler } from 'helpdesky-react/server';
import { getSessionUser } from './sessions.js';

const helpdesky = createHelpdeskyHandler({
  getUser: (request) => getSessionUser(request.headers.get('cookie')),
});

const app = new Hono();

app.get('/api/helpdesky', (c) => helpdesky(c.req.raw));

export default app;
