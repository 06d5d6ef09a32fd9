import { useContext, useState } from 'react';
import { QueryClientContext, type QueryClient } from '@tanstack/react-query';
import { getDefaultQueryClient } from './getDefaultQueryClient.js';

/** The `queryClient` option if given, else the provider's client if there is one, else a private client. */
export function useResolvedQueryClient(queryClient?: QueryClient): QueryClient {
  const fromProvider = useContext(QueryClientContext);
  // The private client is made only when needed, and kept for the component's life (on the
  // server, where each call makes a fresh one, that keeps re-renders on one cache).
  const [fallback] = useState(() => (queryClient || fromProvider ? undefined : getDefaultQueryClient()));
  return queryClient ?? fromProvider ?? fallback ?? getDefaultQueryClient();
}
