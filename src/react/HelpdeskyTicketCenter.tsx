import { useEffect, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { HelpdeskyError } from '../HelpdeskyError.js';
import { DEFAULT_CONTAINER_ID, DEFAULT_READY_TIMEOUT_MS, DEFAULT_SCRIPT_SRC } from '../core/defaults.js';
import type { HelpdeskyFetchOptions } from '../core/fetchHelpdeskyIdentity.js';
import type { HelpdeskyIdentity } from '../core/identityContract.js';
import { hintScript } from '../core/hintScript.js';
import { mountTicketCenter } from '../core/mountTicketCenter.js';
import { helpdeskyIdentityQueryOptions } from './helpdeskyIdentityQueryOptions.js';
import { useResolvedQueryClient } from './useResolvedQueryClient.js';

/** The root element's `data-state`: fetching the identity, waiting for the embed to render, rendered, or failed. */
export type HelpdeskyTicketCenterState = 'loading' | 'embedding' | 'ready' | 'error';

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

type Embed = { for: HelpdeskyIdentity; error?: HelpdeskyError };

const subscribeNothing = () => () => {};

// What the default error UI tells the user; the developer's details are in `error.message`.
const MESSAGES: Partial<Record<HelpdeskyError['code'], string>> = {
  unauthenticated: 'Please sign in to see your support conversations.',
  'invalid-response': 'Support is not set up on this site yet.',
  'script-load': 'Support could not load: an ad blocker may be blocking it.',
  timeout: 'Support did not respond in time.',
  'duplicate-container': 'Support is already open elsewhere on this page.',
};

/**
 * Helpdesky's Ticket Center for the signed-in user: fetches the signed identity from `endpoint`,
 * embeds the vendor script into a container it owns, and shows loading, sign-in and error states.
 * The root element carries `data-state`: `loading`, `embedding`, `ready` or `error`.
 */
export function HelpdeskyTicketCenter(props: HelpdeskyTicketCenterProps) {
  const {
    scriptSrc = DEFAULT_SCRIPT_SRC,
    containerId = DEFAULT_CONTAINER_ID,
    align,
    maxWidth,
    nonce,
    readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS,
    loadingFallback,
    errorFallback,
  } = props;
  const client = useResolvedQueryClient(props.queryClient);
  const identityQuery = helpdeskyIdentityQueryOptions(props);
  const { data, error: queryError, dataUpdatedAt, isStale } = useQuery(identityQuery, client);
  // Server render and hydration show the loading state, so the markup always matches.
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  // The endpoint is the source of truth: a cached identity is embedded only if it was fresh at
  // mount (fetched moments before, by a preload; not invalidated by a sign-in or sign-out since)
  // or was fetched after mount. An older one waits for the refetch, so no previous user shows.
  const [mount] = useState(() => ({ at: Date.now(), cached: isStale ? -1 : dataUpdatedAt }));
  const identity = hydrated && (dataUpdatedAt > mount.at || dataUpdatedAt === mount.cached) ? data : undefined;
  // A failed background refetch keeps the panel, unless the user is signed out.
  const signedOut = queryError?.code === 'unauthenticated' || queryError?.code === 'forbidden';
  const fetchError = queryError && (!identity || signedOut) ? queryError : undefined;

  const embedding = !fetchError && identity;
  const [embed, setEmbed] = useState<Embed>();
  const current = embedding && embed?.for === embedding ? embed : undefined;
  const error = fetchError ?? current?.error;
  const state: HelpdeskyTicketCenterState = error ? 'error' : !embedding ? 'loading' : current ? 'ready' : 'embedding';

  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const slot = useRef<HTMLDivElement>(null);
  // TanStack Query's structural sharing keeps `embedding` the same object while the identity is unchanged.
  useEffect(() => {
    if (!embedding) return;
    return mountTicketCenter(slot.current!, {
      identity: embedding,
      scriptSrc,
      containerId,
      align,
      maxWidth,
      nonce,
      readyTimeoutMs,
      onReady: () => setEmbed({ for: embedding }),
      onError: (embedError) => setEmbed({ for: embedding, error: embedError }),
    });
  }, [embedding, scriptSrc, containerId, align, maxWidth, nonce, readyTimeoutMs]);

  // Hint the script while the identity is in flight, so the two downloads overlap.
  const hinting = hydrated && state === 'loading';
  useEffect(() => (hinting ? hintScript(scriptSrc, nonce) : undefined), [hinting, scriptSrc, nonce]);

  // Report each outcome once (StrictMode runs effects twice; the ref remembers what was reported).
  const reported = useRef<unknown>(undefined);
  const outcome = error ?? (state === 'ready' && current);
  useEffect(() => {
    if (!outcome || reported.current === outcome) return;
    reported.current = outcome;
    const { onReady, onError } = latest.current;
    if (!(outcome instanceof Error)) onReady?.();
    else if (onError) onError(outcome);
    else if (process.env.NODE_ENV !== 'production') console.error(outcome);
  }, [outcome]);

  // Starting over: the reset drops the identity, which tears the embed down, then refetches it.
  const retry = () => void client.resetQueries({ queryKey: identityQuery.queryKey });

  return (
    <div className={props.className} style={props.style} data-state={state}>
      {error
        ? typeof errorFallback === 'function'
          ? errorFallback({ error, retry })
          : (errorFallback ?? (
              <div role="alert">
                <p>{MESSAGES[signedOut ? 'unauthenticated' : error.code] ?? 'Support is unavailable right now.'}</p>
                {/* Trying again cannot sign the user in, nor remove the other Ticket Center. */}
                {!signedOut && error.code !== 'duplicate-container' && (
                  <button type="button" onClick={retry}>
                    Try again
                  </button>
                )}
              </div>
            ))
        : state !== 'ready' && (loadingFallback ?? <p role="status">Loading support…</p>)}
      <div ref={slot} hidden={!!error} />
    </div>
  );
}
