import type { GetServerSideProps } from 'next';
import { HelpdeskyTicketCenter, type HelpdeskyIdentity } from 'helpdesky-react';
import { createHelpdeskyIdentity } from 'helpdesky-react/server';
import { getSessionUser } from '../lib/sessions';

interface Props {
  identity: HelpdeskyIdentity | null;
}

// The Pages Router: getServerSideProps runs per request on the server (where the secret is), and
// Next.js answers such pages with a private, non-storable Cache-Control.
export const getServerSideProps: GetServerSideProps<Props> = async ({ req }) => {
  const user = await getSessionUser(req.headers.cookie);
  return { props: { identity: user ? await createHelpdeskyIdentity(user.email) : null } };
};

export default function SupportPage({ identity }: Props) {
  return (
    <main>
      <h1>Support</h1>
      <HelpdeskyTicketCenter identity={identity} />
    </main>
  );
}
