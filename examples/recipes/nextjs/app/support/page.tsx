import { headers } from 'next/headers';
import { HelpdeskyTicketCenter } from 'helpdesky-react';
import { createHelpdeskyIdentity } from 'helpdesky-react/server';
import { getSessionUser } from '../../lib/sessions';

// A Server Component on the Node runtime: it signs the signed-in user's email while rendering,
// so the panel needs no identity request. Reading the request's headers (as cookies() or your
// auth call does) makes the page dynamic: rendered per request, never prerendered nor cached.
export default async function SupportPage() {
  const user = await getSessionUser((await headers()).get('cookie'));
  const identity = user ? await createHelpdeskyIdentity(user.email) : null;
  return (
    <main>
      <h1>Support</h1>
      <HelpdeskyTicketCenter identity={identity} />
    </main>
  );
}
