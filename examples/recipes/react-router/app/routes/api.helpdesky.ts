import { createHelpdeskyHandler } from 'helpdesky-react/server';
import { getSessionUser } from '../sessions.server.js';

const helpdesky = createHelpdeskyHandler({
  getUser: (request) => getSessionUser(request.headers.get('cookie')),
});

// A resource route: a loader and no component, so its Response goes out as is.
export function loader({ request }: { request: Request }) {
  return helpdesky(request);
}
