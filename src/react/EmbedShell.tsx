import { useEffect, useRef, useState, type ReactNode } from 'react';
import { decideEmbed, type EmbedMount, type IdentitySource } from '../core/decideEmbed.js';
import { embeddedIdentities } from '../core/embeddedIdentities.js';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import { hintScript } from '../core/hintScript.js';
import { mountEmbed } from '../core/mountEmbed.js';
import { DEFAULT_READY_TIMEOUT_MS } from '../core/surfaces.js';
import { DefaultErrorFallback } from './DefaultErrorFallback.js';
import { defaultHelpdeskyMessages } from './helpdeskyMessages.js';
import type { HelpdeskyTicketCenterOptions } from './HelpdeskyTicketCenter.js';
import { useHydrated } from './useHydrated.js';
import { useReportOnce } from './useReportOnce.js';
import { useRevalidateOnReturn } from './useRevalidateOnReturn.js';

/**
 * What gets embedded: the signed-in user's identity (the Ticket Center), or only the helpdesk
 * id (the anonymous Contact Form).
 */
export interface EmbedTarget {
  helpdeskId: string;
  email?: string | undefined;
  signature?: string | undefined;
}

/** What a component gives the shared view: where the target comes from, and the embed's options. */
export interface EmbedShellProps extends HelpdeskyTicketCenterOptions {
  /** The surface's script and container, when the props do not say. */
  surface: { scriptSrc: string; containerId: string };
  /** The target, or the error, as the source says it now (see `decideEmbed`). */
  source: IdentitySource<EmbedTarget>;
  /** What the source held when the component mounted (see `decideEmbed`). */
  atMount: Pick<EmbedMount<EmbedTarget>, 'dataUpdatedAtMount' | 'usableAtMount'>;
  /** Makes the source start over, on "Try again" (the endpoint path: forget the answer and fetch it anew). */
  restart?: (() => unknown) | undefined;
  /** Quietly revalidates the shown identity on a return to the tab (the endpoint path). */
  revalidate?: ((options: { cancelRefetch: boolean }) => unknown) | undefined;
  /** Whether "Try again" can help with this error (the default fallback hides it otherwise). */
  retryable: (error: HelpdeskyError, signedOut: boolean) => boolean;
  /** Hint the script while the identity is loading, so the two downloads overlap (the endpoint path). */
  hintWhileLoading?: boolean | undefined;
  /** Rendered first inside the root element (the server-signed path's preload hint). */
  children?: ReactNode;
  /** Shown instead of the default sign-in alert when nobody is signed in (the Ticket Center's `signedOutFallback`). */
  signedOutFallback?: ReactNode;
}

/**
 * The one React view over `decideEmbed` and `mountEmbed`, for the Ticket Center (whatever gives
 * the identity) and the Contact Form: the state, the fallbacks, one embed per target, and the
 * reports to `onReady` and `onError`.
 */
export function EmbedShell(props: EmbedShellProps) {
  const {
    scriptSrc = props.surface.scriptSrc,
    containerId = props.surface.containerId,
    align,
    maxWidth,
    nonce,
    readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS,
    errorFallback,
    restart,
    minHeight = '320px',
  } = props;
  const [outcome, setOutcome] = useState<EmbedMount<EmbedTarget>['outcome']>();
  const [attempt, setAttempt] = useState(0);
  const { state, identity, error, signedOut } = decideEmbed(props.source, {
    ...props.atMount,
    hydrated: useHydrated(),
    outcome,
  });

  const slot = useRef<HTMLDivElement>(null);
  // Both sources keep `identity` the same object while it is unchanged, so a re-render (or a
  // refetch with the same answer) does not re-embed.
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
  }, [identity, attempt, scriptSrc, containerId, align, maxWidth, nonce, readyTimeoutMs]);

  // Hint the script while the identity is in flight, so the two downloads overlap.
  const hinting = state === 'loading' && !!props.hintWhileLoading;
  useEffect(() => (hinting ? hintScript(scriptSrc, nonce) : undefined), [hinting, scriptSrc, nonce]);

  // While a panel is up, a return to the tab asks the source again: an unchanged answer keeps
  // the same object (nothing re-renders), another user or a 401 replaces the panel at once.
  useRevalidateOnReturn(!!identity, props.revalidate);
  useReportOnce(error ?? (state === 'ready' && outcome), props);

  // Starting over: the endpoint's reset drops the identity, which tears the embed down, then
  // refetches it; a server-signed identity is embedded anew. The button that was clicked goes:
  // focus moves to the root, which holds the next state, so a screen reader follows.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt) root.current?.focus({ preventScroll: true });
  }, [attempt]);
  const retry = () => {
    setOutcome(undefined);
    setAttempt(attempt + 1);
    restart?.();
  };

  const messages = { ...defaultHelpdeskyMessages, ...props.messages };
  const waiting = !error && state !== 'ready';
  return (
    <div
      ref={root}
      tabIndex={-1}
      className={props.className}
      // Space kept for the panel while it loads, so the page does not jump when it renders.
      style={{ minHeight: waiting ? minHeight : undefined, outline: 'none', ...props.style }}
      data-state={state}
    >
      {props.children}
      {error
        ? signedOut && props.signedOutFallback !== undefined
          ? props.signedOutFallback
          : typeof errorFallback === 'function'
            ? errorFallback({ error, retry })
            : (errorFallback ?? (
                <DefaultErrorFallback
                  error={error}
                  signedOut={signedOut}
                  retry={props.retryable(error, signedOut) ? retry : undefined}
                  signInUrl={props.signInUrl}
                  messages={messages}
                />
              ))
        : waiting && props.loadingFallback}
      {/* The default loading line's live region is there from the first render, empty once the
          panel shows: screen readers announce a change of its text, not a region inserted with it.
          `data-helpdesky-status` and the alert's `data-helpdesky-fallback` are what styles.css styles. */}
      {props.loadingFallback === undefined && (
        <div role="status" data-helpdesky-status="">
          {waiting && <p>{messages.loading}</p>}
        </div>
      )}
      {/* Keyed on the identity: React removes the previous user's container in the same commit
          that renders the next state, before the browser paints; the effect's cleanup then
          removes the rest. */}
      <div key={identity?.signature} ref={slot} hidden={!!error} />
    </div>
  );
}
