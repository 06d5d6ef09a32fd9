import { useQuery, type QueryClient } from '@tanstack/react-query';
import { helpdeskyIdentityQueryOptions, type HelpdeskyIdentityOptions } from './helpdeskyIdentityQueryOptions.js';
import { useResolvedQueryClient } from './useResolvedQueryClient.js';

/** Options of {@link useHelpdeskyIdentity}. */
export interface UseHelpdeskyIdentityOptions extends HelpdeskyIdentityOptions {
  /**
   * The QueryClient to use. Default: the client of the nearest `QueryClientProvider`, or
   * without one, a private client shared by this library on the page.
   */
  queryClient?: QueryClient | undefined;
}

/** The signed-in user's Helpdesky identity, as a TanStack Query result. Works with and without a provider. */
export function useHelpdeskyIdentity({ queryClient, ...options }: UseHelpdeskyIdentityOptions) {
  return useQuery(helpdeskyIdentityQueryOptions(options), useResolvedQueryClient(queryClient));
}
