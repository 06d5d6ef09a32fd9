import type { CSSProperties, ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { HelpdeskyEmbedState } from '../core/decideEmbed.js';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import type { HelpdeskyFetchOptions } from '../core/fetchHelpdeskyIdentity.js';
import type { HelpdeskyIdentity } from '../core/identityContract.js';
import type { HelpdeskyMessages } from './helpdeskyMessages.js';
import { EndpointTicketCenter } from './EndpointTicketCenter.js';
import { ServerSignedTicketCenter } from './ServerSignedTicketCenter.js';

/** The root element's `data-state`: fetching the identity, waiting for the embed to render, rendered, or failed. */
export type HelpdeskyTicketCenterState = HelpdeskyEmbedState;

/** What `errorFallback` receives when it is a function. */
export interface HelpdeskyErrorFallbackProps {
  /** What went wrong; `error.code` says what, `error.message` how to fix it. */
  error: HelpdeskyError;
  /** Starts over cleanly: refetches the identity (from `endpoint`) and embeds anew. */
  retry: () => void;
}

/** The options that `HelpdeskyTicketCenter` takes whatever gives the identity. */
export interface HelpdeskyTicketCenterOptions {
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
   * Shown while the identity loads and the panel renders. Default: a "Loading support…" status line.
   * @default a "Loading support…" line in a live region (role="status") present from the first render
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
   * Where the default signed-out state's "Sign in" link goes (401, 403, `identity={null}`).
   * Default: no link, only the text.
   * @default undefined (no link)
   */
  signInUrl?: string | undefined;
  /**
   * The words of the default states, any of them replaced (to translate them, say); see
   * `HelpdeskyMessages`. Default: English.
   * @default the English defaults
   */
  messages?: Partial<HelpdeskyMessages> | undefined;
  /**
   * The height kept for the panel while it loads (a CSS length), so the page does not jump when
   * it renders; none once it shows or fails. Default: `320px`.
   * @default '320px'
   */
  minHeight?: string | undefined;
  /**
   * Shown instead of the default sign-in alert when nobody is signed in (a 401 or 403 from the
   * endpoint, or `identity={null}`), e.g. `<HelpdeskyContactForm helpdeskId={…} />` so that a
   * signed-out visitor can still write in. `onError` is still called. Default: the sign-in alert.
   * @default undefined (the sign-in alert)
   */
  signedOutFallback?: ReactNode;
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

/** `HelpdeskyTicketCenter` fetching the identity from the host's endpoint: for single-page apps and any backend. */
export interface HelpdeskyTicketCenterEndpointProps extends HelpdeskyTicketCenterOptions {
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
   * The QueryClient for the identity query. Default: the client of the nearest
   * `QueryClientProvider`, or without one, a private client shared by this library on the page.
   * @default the provider's client, else a private one
   */
  queryClient?: QueryClient | undefined;
  /** Not with `endpoint`: give exactly one of the two. */
  identity?: never;
}

/**
 * `HelpdeskyTicketCenter` with an identity signed during the server render (a server component,
 * a loader, `getServerSideProps`): no identity request is made.
 */
export interface HelpdeskyTicketCenterSignedProps extends HelpdeskyTicketCenterOptions {
  /**
   * The signed-in user's identity, as `createHelpdeskyIdentity(email)` from
   * `helpdesky-react/server` returns it, or `null` when nobody is signed in (the sign-in state).
   * A new value (another user, after `router.refresh()` or a loader's revalidation) tears the
   * previous embed down before the next; the same value rendered again keeps the panel.
   */
  identity: HelpdeskyIdentity | null;
  /** Not with `identity`: give exactly one of the two. */
  endpoint?: never;
  /** Only with `endpoint`. */
  fetchOptions?: never;
  /** Only with `endpoint`. */
  identityTimeoutMs?: never;
  /** Only with `endpoint`. */
  queryClient?: never;
}

/** Props of `HelpdeskyTicketCenter`: exactly one of `endpoint` and `identity`, and the options. */
export type HelpdeskyTicketCenterProps = HelpdeskyTicketCenterEndpointProps | HelpdeskyTicketCenterSignedProps;

/**
 * Helpdesky's Ticket Center for the signed-in user: takes the signed identity from `endpoint`
 * (fetched after mount) or from `identity` (signed during the server render), embeds the vendor
 * script into a container it owns, and shows loading, sign-in and error states. The root
 * element carries `data-state`: `loading`, `embedding`, `ready` or `error`.
 */
export function HelpdeskyTicketCenter(props: HelpdeskyTicketCenterProps) {
  const hasIdentity = props.identity !== undefined;
  if (hasIdentity === (props.endpoint !== undefined)) {
    const got = hasIdentity ? 'both' : 'neither';
    throw new TypeError(
      process.env.NODE_ENV !== 'production'
        ? `[helpdesky] HelpdeskyTicketCenter takes exactly one of endpoint and identity, got ${got}. Pass endpoint="/api/helpdesky" to fetch the identity, or identity={await createHelpdeskyIdentity(email)} (null when nobody is signed in) from the server.`
        : `[helpdesky] endpoint or identity: got ${got}`,
    );
  }
  return hasIdentity ? (
    <ServerSignedTicketCenter {...(props as HelpdeskyTicketCenterSignedProps)} />
  ) : (
    <EndpointTicketCenter {...(props as HelpdeskyTicketCenterEndpointProps)} />
  );
}
