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

const isFinal = (error: HelpdeskyError) => /^(un|fo|in)/.test(error.code); // unauthenticated, forbidden, invalid-response

/**
 * TanStack Query options for the identity (`queryOptions` idiom): pass them to `useQuery`,
 * `prefetchQuery`, `invalidateQueries` or `getQueryData` instead of guessing the query key,
 * which is `['helpdesky', 'identity', endpoint]`. 401, 403 and invalid answers are final;
 * network errors and other statuses are retried twice with backoff.
 */
export function helpdeskyIdentityQueryOptions({ endpoint, fetchOptions }: HelpdeskyIdentityOptions) {
  return queryOptions<HelpdeskyIdentity, HelpdeskyError, HelpdeskyIdentity, readonly ['helpdesky', 'identity', string]>(
    {
      queryKey: ['helpdesky', 'identity', endpoint] as const,
      queryFn: ({ signal }) => fetchHelpdeskyIdentity(endpoint, fetchOptions, signal),
      staleTime: IDENTITY_FRESH_MS,
      retry: (failures, error) => !isFinal(error) && failures < 2,
      retryDelay: (attempt) => 400 * 2 ** attempt,
    },
  );
}
