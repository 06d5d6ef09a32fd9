import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { resetHelpdeskyIdentity } from 'helpdesky-react';

/** The signed-in user, as the demo server's session knows them. */
export interface SessionUser {
  id: string;
  label: string;
  /** As stored by the app, before any normalization. */
  email: string;
}

async function call(method: 'GET' | 'POST' | 'DELETE', body?: unknown): Promise<SessionUser | null> {
  const response = await fetch('/session', {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : null,
  });
  if (!response.ok) throw new Error(`/session answered ${response.status}`);
  return ((await response.json()) as { user: SessionUser | null }).user;
}

export const sessionQuery = queryOptions({ queryKey: ['demo', 'session'], queryFn: () => call('GET') });

/**
 * Signs in (or out, with `null`), then tells the Ticket Center: the session lives in an httpOnly
 * cookie the page cannot read, so the identity must be fetched again for the new user.
 */
export async function switchUser(queryClient: QueryClient, id: string | null): Promise<void> {
  const user = id ? await call('POST', { user: id }) : await call('DELETE');
  queryClient.setQueryData(sessionQuery.queryKey, user);
  // The previous user's identity is dropped at once, so an open Support page tears their panel
  // down now (without this, it would at the next return to the tab).
  await resetHelpdeskyIdentity(queryClient);
}
