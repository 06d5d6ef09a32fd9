import { queryOptions } from '@tanstack/react-query';
import type { HelpdeskyError } from '../HelpdeskyError.js';
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
}

/**
 * An identity fetched this recently may be embedded as it is (prefetched on a link's hover, say);
 * an older one is refetched first, because another user may have signed in meanwhile.
 */
const IDENTITY_FRESH_MS = 5_000;

// Worth another try: the network, or the server (5xx). Any other answer would come back the same.
const isTransient = (error: HelpdeskyError) => error.code === 'network' || error.status! >= 500;

/**
 * TanStack Query options for the identity (`queryOptions` idiom): pass them to `useQuery`,
 * `prefetchQuery`, `invalidateQueries` or `getQueryData` instead of guessing the query key,
 * which is `['helpdesky', 'identity', endpoint]`. Network errors and 5xx answers are retried
 * twice with backoff (400 ms, then 800 ms); any other failure (401, 403, 404, an invalid
 * answer) is final.
 */
export function helpdeskyIdentityQueryOptions({ endpoint, fetchOptions }: HelpdeskyIdentityOptions) {
  return queryOptions<HelpdeskyIdentity, HelpdeskyError, HelpdeskyIdentity, readonly ['helpdesky', 'identity', string]>(
    {
      queryKey: ['helpdesky', 'identity', endpoint] as const,
      queryFn: ({ signal }) => fetchHelpdeskyIdentity(endpoint, fetchOptions, signal),
      staleTime: IDENTITY_FRESH_MS,
      // Set here whatever the host's QueryClient defaults say: an identity older than
      // IDENTITY_FRESH_MS must be refetched on mount, and an unchanged identity must stay the
      // same object (the component keys the embed on it, so a refetch does not re-embed).
      refetchOnMount: true,
      structuralSharing: true,
      retry: (failures, error) => isTransient(error) && failures < 2,
      retryDelay: (attempt) => 400 * 2 ** attempt,
    },
  );
}
