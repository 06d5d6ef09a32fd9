// The client entry of the bench's server-signed page: hydrates what the server rendered, with
// the same props (read from the page).
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { HelpdeskyTicketCenter, type HelpdeskyIdentity } from 'helpdesky-react';

const props = JSON.parse(document.getElementById('bench-props')!.textContent!) as {
  identity: HelpdeskyIdentity;
  scriptSrc: string;
};
hydrateRoot(
  document.getElementById('root')!,
  <StrictMode>
    <HelpdeskyTicketCenter {...props} />
  </StrictMode>,
);
