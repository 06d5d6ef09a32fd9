import { queryOptions } from '@tanstack/react-query';
import { embeddedIdentities } from '../core/embeddedIdentities.js';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import { fetchHelpdeskyIdentity, type HelpdeskyFetchOptions } from '../core/fetchHelpdeskyIdentity.js';
import type { HelpdeskyIdentity } from '../core/identityContract.js';

/** Where and how to fetch the signed-in user's identity. */
export interface HelpdeskyIdentityOptions {
  /** URL of the host's identity endpoint, answering `{ email, signature, helpdeskId }`. Required. */
  endpoint: string;
  /**
   * Request options for the identity endpoint: a `RequestInit`, or a function returning one
   * (sync or async), e.g. to add a bearer token. The method is always GET and `Accept` defaults
   * to `application/json`. Default: `{ credentials: 'same-origin' }`.
   */
  fetchOptions?: HelpdeskyFetchOptions | undefined;
  /**
   * How long one identity request may take, headers and body, before it fails as a `network`
   * error (and is retried like one), in milliseconds. Default: `10000`.
   */
  identityTimeoutMs?: number | undefined;
}

/**
 * A preloaded identity this recent may be embedded as it is, once (fetched on a link's hover,
 * say); an older one, or one a Ticket Center has embedded already, is fetched again first,
 * because another user may have signed in meanwhile.
 */
const IDENTITY_FRESH_MS = 5_000;

// Worth another try: the network, or the server (5xx). Any other answer would come back the same.
const isTransient = (error: HelpdeskyError) => error.code === 'network' || error.status! >= 500;

/**
 * TanStack Query options for the identity (`queryOptions` idiom): pass them to `useQuery`,
 * `prefetchQuery`, `invalidateQueries` or `getQueryData` instead of guessing the query key,
 * which is `['helpdesky', 'identity', endpoint]`. Network errors (a timeout included) and 5xx
 * answers are retried twice with backoff (400 ms, then 800 ms); any other failure (401, 403,
 * 404, an invalid answer) is final.
 */
export function helpdeskyIdentityQueryOptions({ endpoint, fetchOptions, identityTimeoutMs }: HelpdeskyIdentityOptions) {
  return queryOptions<HelpdeskyIdentity, HelpdeskyError, HelpdeskyIdentity, readonly ['helpdesky', 'identity', string]>(
    {
      queryKey: ['helpdesky', 'identity', endpoint] as const,
      queryFn: ({ signal }) => fetchHelpdeskyIdentity(endpoint, fetchOptions, signal, identityTimeoutMs),
      staleTime: ({ state }) => (embeddedIdentities.has(state.data!) ? 0 : IDENTITY_FRESH_MS),
      // Set here whatever the host's QueryClient defaults say: a stale identity must be
      // refetched on mount, and an unchanged identity must stay the same object (the component
      // keys the embed on it, so a refetch does not re-embed).
      refetchOnMount: true,
      structuralSharing: true,
      retry: (failures, error) => isTransient(error) && failures < 2,
      retryDelay: (attempt) => 400 * 2 ** attempt,
    },
  );
}
