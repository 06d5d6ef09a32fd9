import { useContext, useState } from 'react';
import { QueryClientContext, type QueryClient } from '@tanstack/react-query';
import { getDefaultQueryClient } from './getDefaultQueryClient.js';

/** The `queryClient` option if given, else the provider's client if there is one, else a private client. */
export function useResolvedQueryClient(queryClient?: QueryClient): QueryClient {
  const fromProvider = useContext(QueryClientContext);
  const [fallback] = useState(getDefaultQueryClient);
  return queryClient ?? fromProvider ?? fallback;
}
