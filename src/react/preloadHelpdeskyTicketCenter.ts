import type { QueryClient } from '@tanstack/react-query';
import { TICKET_CENTER } from '../core/surfaces.js';
import { hintScript } from '../core/hintScript.js';
import { getDefaultQueryClient } from './getDefaultQueryClient.js';
import { helpdeskyIdentityQueryOptions, type HelpdeskyIdentityOptions } from './helpdeskyIdentityQueryOptions.js';

/** Options of {@link preloadHelpdeskyTicketCenter}. */
export interface PreloadHelpdeskyTicketCenterOptions extends HelpdeskyIdentityOptions {
  /** The QueryClient the component will use. Default: the library's private client (the one used without a provider). */
  queryClient?: QueryClient | undefined;
  /** The Ticket Center script's URL, as given to the component. Default: `https://helpdesky.io/ticket-center.js`. */
  scriptSrc?: string | undefined;
  /** CSP nonce for the preload hint. Default: none. */
  nonce?: string | undefined;
}

/**
 * Starts both downloads the Ticket Center needs, the identity and the vendor script, before it
 * mounts: call it on a "Support" link's hover or in a route loader. Resolves when the identity
 * is cached (never rejects: the component shows any error itself). Does nothing on the server.
 */
export async function preloadHelpdeskyTicketCenter({
  queryClient = getDefaultQueryClient(),
  scriptSrc = TICKET_CENTER.scriptSrc,
  nonce,
  ...options
}: PreloadHelpdeskyTicketCenterOptions): Promise<void> {
  if (typeof document === 'undefined') return;
  const release = hintScript(scriptSrc, nonce);
  try {
    await queryClient.prefetchQuery(helpdeskyIdentityQueryOptions(options));
  } finally {
    // The hint has done its work once the identity is in: the browser has started the download.
    setTimeout(release, 10_000);
  }
}
