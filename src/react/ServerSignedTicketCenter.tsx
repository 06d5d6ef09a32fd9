import * as ReactDOM from 'react-dom';
import { useMemo, useState } from 'react';
import { HelpdeskyError } from '../core/HelpdeskyError.js';
import { checkIdentity, type HelpdeskyIdentity } from '../core/identityContract.js';
import { TICKET_CENTER } from '../core/surfaces.js';
import type { HelpdeskyTicketCenterSignedProps } from './HelpdeskyTicketCenter.js';
import { EmbedShell } from './EmbedShell.js';
import { useHydrated } from './useHydrated.js';

// React 19's resource hint, absent from React 18's react-dom.
const { preload } = ReactDOM as { preload?: (href: string, options: { as: 'script'; nonce?: string }) => void };

/**
 * The Ticket Center whose identity was signed during the server render. The prop is the
 * source's current answer on every render: the same embed policy as the endpoint path, without
 * a request. The server's HTML already starts the script's download.
 */
export function ServerSignedTicketCenter(props: HelpdeskyTicketCenterSignedProps) {
  const { scriptSrc = TICKET_CENTER.scriptSrc, nonce } = props;
  const identity = useSameWhileEqual(props.identity);
  const source = useMemo(() => signedSource(identity), [identity]);
  const hydrated = useHydrated();
  // React 19 puts the hint in the document's head, once per URL, on the server as on the client
  // (calling it while rendering is its intended use). React 18 gets a <link> in the markup.
  if (source.data) preload?.(scriptSrc, { as: 'script', nonce });
  return (
    <EmbedShell
      {...props}
      surface={TICKET_CENTER}
      source={source}
      atMount={{ dataUpdatedAtMount: 0, usableAtMount: source.data }}
      // A wrong prop, or a signed-out user, stays so until the server renders again.
      retryable={(error, signedOut) =>
        !signedOut && error.code !== 'duplicate-container' && error.code !== 'invalid-response'
      }
    >
      {source.data && !preload && !hydrated && <link rel="preload" as="script" href={scriptSrc} nonce={nonce} />}
    </EmbedShell>
  );
}

/** The identity prop as the embed policy reads it: checked against the contract, as an endpoint's answer is. */
function signedSource(identity: HelpdeskyIdentity | null) {
  if (identity === null) {
    return {
      error: new HelpdeskyError('unauthenticated', 'The identity prop is null: nobody is signed in'),
      dataUpdatedAt: 0,
    };
  }
  const checked = checkIdentity(identity);
  if (checked.ok) return { data: checked.identity, dataUpdatedAt: 0 };
  const problem =
    identity instanceof Promise ? 'it is a Promise: await createHelpdeskyIdentity(email)' : checked.problem.message;
  return {
    error: new HelpdeskyError('invalid-response', `The identity prop is invalid: ${problem}`),
    dataUpdatedAt: 0,
  };
}

/** `value`, or the earlier value while its email, signature and helpdesk id are the same: a re-render with an equal identity keeps the panel. */
function useSameWhileEqual(value: HelpdeskyIdentity | null): HelpdeskyIdentity | null {
  const [kept, setKept] = useState(value);
  const equal =
    kept === value ||
    (!!kept &&
      !!value &&
      kept.email === value.email &&
      kept.signature === value.signature &&
      kept.helpdeskId === value.helpdeskId);
  // Storing what the last render saw, React's way: the re-render happens before any commit.
  if (!equal) setKept(value);
  return equal ? kept : value;
}
