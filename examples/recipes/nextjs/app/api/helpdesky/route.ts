import { createHelpdeskyHandler } from 'helpdesky-react/server';
import { getSessionUser } from '../../../lib/sessions.js';

// Per user: never prerendered nor cached.
export const dynamic = 'force-dynamic';

export const GET = createHelpdeskyHandler({
  getUser: (request) => getSessionUser(request.headers.get('cookie')),
});
