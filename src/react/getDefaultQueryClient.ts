import { QueryClient } from '@tanstack/react-query';

let browserClient: QueryClient | undefined;

/**
 * The client used when the host passes none and has no `QueryClientProvider`: one per page in
 * the browser, so `preloadHelpdeskyTicketCenter` and the component share a cache; a fresh one
 * per call on the server, so one request's identity can never be served to another.
 */
export function getDefaultQueryClient(): QueryClient {
  if (typeof window === 'undefined') return new QueryClient();
  return (browserClient ??= new QueryClient());
}
