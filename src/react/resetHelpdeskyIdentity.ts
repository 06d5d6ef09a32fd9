import type { QueryClient } from '@tanstack/react-query';
import { getDefaultQueryClient } from './getDefaultQueryClient.js';

/**
 * Forgets every cached Helpdesky identity and refetches the ones on screen: call it in sign-in
 * and sign-out handlers. Optional: a Ticket Center never embeds a cached identity without the
 * endpoint's current answer (a preload of moments ago aside), and revalidates when the user
 * returns to the tab; this drops the previous user's identity at once. Pass the QueryClient the
 * component uses; default: the library's private client (the one used without a provider).
 */
export function resetHelpdeskyIdentity(queryClient: QueryClient = getDefaultQueryClient()): Promise<void> {
  return queryClient.resetQueries({ queryKey: ['helpdesky', 'identity'] });
}
