import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HelpdeskyTicketCenterEndpointProps } from './HelpdeskyTicketCenter.js';
import { TICKET_CENTER } from '../core/surfaces.js';
import { helpdeskyIdentityQueryOptions } from './helpdeskyIdentityQueryOptions.js';
import { EmbedShell } from './EmbedShell.js';
import { useResolvedQueryClient } from './useResolvedQueryClient.js';

/** The Ticket Center whose identity comes from the host's endpoint, through TanStack Query. */
export function EndpointTicketCenter(props: HelpdeskyTicketCenterEndpointProps) {
  const client = useResolvedQueryClient(props.queryClient);
  const identityQuery = helpdeskyIdentityQueryOptions(props);
  const query = useQuery(identityQuery, client);
  // What the cache held at mount, as TanStack Query tells it: only a fresh identity that no
  // Ticket Center has embedded yet may be used as it is (see the query's staleTime).
  const [atMount] = useState(() => ({
    dataUpdatedAtMount: query.dataUpdatedAt,
    usableAtMount: query.isStale ? undefined : query.data,
  }));
  return (
    <EmbedShell
      {...props}
      surface={TICKET_CENTER}
      source={query}
      atMount={atMount}
      hintWhileLoading
      revalidate={query.refetch}
      // The reset drops the identity, which tears the embed down, then refetches it.
      restart={() => client.resetQueries({ queryKey: identityQuery.queryKey })}
      // Trying again cannot sign the user in, nor remove the other embed.
      retryable={(error, signedOut) => !signedOut && error.code !== 'duplicate-container'}
    />
  );
}
