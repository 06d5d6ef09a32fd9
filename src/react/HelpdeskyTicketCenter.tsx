import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { decideEmbed, type EmbedMount, type HelpdeskyEmbedState } from '../core/decideEmbed.js';
import { embeddedIdentities } from '../core/embeddedIdentities.js';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import type { HelpdeskyFetchOptions } from '../core/fetchHelpdeskyIdentity.js';
import { hintScript } from '../core/hintScript.js';
import { mountEmbed } from '../core/mountEmbed.js';
import { DEFAULT_READY_TIMEOUT_MS, TICKET_CENTER } from '../core/surfaces.js';
import { DefaultErrorFallback } from './DefaultErrorFallback.js';
import { helpdeskyIdentityQueryOptions } from './helpdeskyIdentityQueryOptions.js';
import { useHydrated } from './useHydrated.js';
import { useReportOnce } from './useReportOnce.js';
import { useResolvedQueryClient } from './useResolvedQueryClient.js';
import { useRevalidateOnReturn } from './useRevalidateOnReturn.js';

/** The root element's `data-state`: fetching the identity, waiting for the embed to render, rendered, or failed. */
export type HelpdeskyTicketCenterState = HelpdeskyEmbedState;

/** What `errorFallback` receives when it is a function. */
export interface HelpdeskyErrorFallbackProps {
  /** What went wrong; `error.code` says what, `error.message` how to fix it. */
  error: HelpdeskyError;
  /** Starts over cleanly: refetches the identity and embeds anew. */
  retry: () => void;
}

/** Props of `HelpdeskyTicketCenter`. */
export interface HelpdeskyTicketCenterProps {
  /** URL of the host's identity endpoint, answering `{ email, signature, helpdeskId }` for the signed-in user. Required. */
  endpoint: string;
  /**
   * Request options for the identity endpoint: a `RequestInit`, or a function returning one
   * (sync or async), for apps that authenticate with a bearer token rather than a cookie.
   * Default: `{ credentials: 'same-origin' }`.
   * @default { credentials: 'same-origin' }
   */
  fetchOptions?: HelpdeskyFetchOptions | undefined;
  /**
   * How long one identity request may take, headers and body, before it fails as a `network`
   * error (retried twice, like any network error), in milliseconds. Default: `10000`.
   * @default 10000
   */
  identityTimeoutMs?: number | undefined;
  /**
   * URL of the Ticket Center script. Default: `https://helpdesky.io/ticket-center.js`.
   * @default 'https://helpdesky.io/ticket-center.js'
   */
  scriptSrc?: string | undefined;
  /**
   * Id of the container the script renders into, passed as `data-container`. Default: `hdh-ticket-center`.
   * @default 'hdh-ticket-center'
   */
  containerId?: string | undefined;
  /**
   * Horizontal alignment of the panel, passed as `data-align`. Default: not passed, so the vendor's (`center`).
   * @default undefined (the vendor's `center`)
   */
  align?: 'left' | 'center' | 'right' | undefined;
  /**
   * Maximum width of the panel as a CSS width, passed as `data-max-width`. Default: not passed, so the vendor's (`864px`).
   * @default undefined (the vendor's `864px`)
   */
  maxWidth?: string | undefined;
  /**
   * Nonce set on the script element (and its preload hint) for pages with a Content-Security-Policy. Default: none.
   * @default undefined
   */
  nonce?: string | undefined;
  /**
   * How long to wait for the panel to render before showing a `timeout` error, in milliseconds. Default: `15000`.
   * @default 15000
   */
  readyTimeoutMs?: number | undefined;
  /**
   * The QueryClient for the identity query. Default: the client of the nearest
   * `QueryClientProvider`, or without one, a private client shared by this library on the page.
   * @default the provider's client, else a private one
   */
  queryClient?: QueryClient | undefined;
  /**
   * Shown while the identity loads and the panel renders. Default: a "Loading support…" status line.
   * @default <p role="status">Loading support…</p>
   */
  loadingFallback?: ReactNode;
  /**
   * Shown when something fails: a node, or a function of `{ error, retry }`. Default: a short
   * alert saying what happened, asking the user to sign in on 401/403, with a "Try again" button
   * otherwise (except for `duplicate-container`, which trying again cannot fix).
   * @default an alert (role="alert") with a "Try again" button
   */
  errorFallback?: ReactNode | ((props: HelpdeskyErrorFallbackProps) => ReactNode);
  /**
   * Called once the panel has rendered. Default: none.
   * @default undefined
   */
  onReady?: (() => void) | undefined;
  /**
   * Called with each error shown. Default: none (errors are logged to the console in development).
   * @default undefined (logged in development)
   */
  onError?: ((error: HelpdeskyError) => void) | undefined;
  /**
   * Class name of the root element. Default: none.
   * @default undefined
   */
  className?: string | undefined;
  /**
   * Inline style of the root element. Default: none.
   * @default undefined
   */
  style?: CSSProperties | undefined;
}

/**
 * Helpdesky's Ticket Center for the signed-in user: fetches the signed identity from `endpoint`,
 * embeds the vendor script into a container it owns, and shows loading, sign-in and error states.
 * The root element carries `data-state`: `loading`, `embedding`, `ready` or `error`.
 */
export function HelpdeskyTicketCenter(props: HelpdeskyTicketCenterProps) {
  const {
    scriptSrc = TICKET_CENTER.scriptSrc,
    containerId = TICKET_CENTER.containerId,
    align,
    maxWidth,
    nonce,
    readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS,
    errorFallback,
  } = props;
  const client = useResolvedQueryClient(props.queryClient);
  const identityQuery = helpdeskyIdentityQueryOptions(props);
  const query = useQuery(identityQuery, client);
  // What the cache held at mount, as TanStack Query tells it: only a fresh identity that no
  // Ticket Center has embedded yet may be used as it is (see the query's staleTime).
  const [atMount] = useState(() => ({
    dataUpdatedAtMount: query.dataUpdatedAt,
    usableAtMount: query.isStale ? undefined : query.data,
  }));
  const [outcome, setOutcome] = useState<EmbedMount['outcome']>();
  const { state, identity, error, signedOut } = decideEmbed(query, { ...atMount, hydrated: useHydrated(), outcome });

  const slot = useRef<HTMLDivElement>(null);
  // TanStack Query's structural sharing keeps `identity` the same object while it is unchanged.
  useEffect(() => {
    if (!identity) return;
    return mountEmbed(slot.current!, {
      ...identity,
      scriptSrc,
      containerId,
      align,
      maxWidth,
      nonce,
      readyTimeoutMs,
      onReady: () => {
        // Shown now: from here on, a new mount asks the endpoint before embedding it again.
        // (Not at insertion: StrictMode's second mount must not refetch what the first showed.)
        embeddedIdentities.add(identity);
        setOutcome({ for: identity });
      },
      onError: (embedError) => setOutcome({ for: identity, error: embedError }),
    });
  }, [identity, scriptSrc, containerId, align, maxWidth, nonce, readyTimeoutMs]);

  // Hint the script while the identity is in flight, so the two downloads overlap.
  const hinting = state === 'loading';
  useEffect(() => (hinting ? hintScript(scriptSrc, nonce) : undefined), [hinting, scriptSrc, nonce]);

  // While a panel is up, a return to the tab asks the endpoint again: an unchanged answer keeps
  // the same object (nothing re-renders), another user or a 401 replaces the panel at once.
  useRevalidateOnReturn(!!identity, query.refetch);
  useReportOnce(error ?? (state === 'ready' && outcome), props);

  // Starting over: the reset drops the identity, which tears the embed down, then refetches it.
  const retry = () => void client.resetQueries({ queryKey: identityQuery.queryKey });

  return (
    <div className={props.className} style={props.style} data-state={state}>
      {error
        ? typeof errorFallback === 'function'
          ? errorFallback({ error, retry })
          : (errorFallback ?? <DefaultErrorFallback error={error} signedOut={signedOut} retry={retry} />)
        : state !== 'ready' && (props.loadingFallback ?? <p role="status">Loading support…</p>)}
      {/* Keyed on the identity: React removes the previous user's container in the same commit
          that renders the next state, before the browser paints; the effect's cleanup then
          removes the rest. */}
      <div key={identity?.signature} ref={slot} hidden={!!error} />
    </div>
  );
}
