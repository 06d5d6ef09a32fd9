import { createHelpdeskyHandler } from 'helpdesky-react/server';
import { getSessionUser } from './sessions.js';

// HELPDESKY_HMAC_SECRET: `wrangler secret put`; HELPDESKY_HELPDESK_ID: a var in the wrangler config.
type Env = { HELPDESKY_HMAC_SECRET: string; HELPDESKY_HELPDESK_ID: string };

const getUser = (request: Request) => getSessionUser(request.headers.get('cookie'));

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    if (new URL(request.url).pathname === '/api/helpdesky') {
      return createHelpdeskyHandler({ getUser, env })(request);
    }
    return new Response(null, { status: 404 });
  },
};
