import { useEffect, useRef } from 'react';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import { sharePageEmbed } from '../core/sharePageEmbed.js';
import { DEFAULT_READY_TIMEOUT_MS, WIDGET } from '../core/surfaces.js';
import { requireHelpdeskId } from './requireHelpdeskId.js';

/** Props of `HelpdeskyWidget`. */
export interface HelpdeskyWidgetProps {
  /**
   * The helpdesk's id from the Helpdesky dashboard. Public (it ships in every embed), so reading
   * it from a `VITE_` or `NEXT_PUBLIC_` variable is fine, unlike the HMAC secret. Required.
   */
  helpdeskId: string;
  /**
   * URL of the Widget script. Default: `https://helpdesky.io/widget.js`.
   * @default 'https://helpdesky.io/widget.js'
   */
  scriptSrc?: string | undefined;
  /**
   * Nonce set on the script element, for pages with a Content-Security-Policy. Default: none.
   * @default undefined
   */
  nonce?: string | undefined;
  /**
   * How long to wait for the launcher to appear before reporting a `timeout` error, in milliseconds. Default: `15000`.
   * @default 15000
   */
  readyTimeoutMs?: number | undefined;
  /**
   * Called once the launcher has appeared. Default: none.
   * @default undefined
   */
  onReady?: (() => void) | undefined;
  /**
   * Called with `script-load` or `timeout` (the launcher is the UI: nothing else shows). Default:
   * none (logged to the console in development).
   * @default undefined (logged in development)
   */
  onError?: ((error: HelpdeskyError) => void) | undefined;
}

/**
 * Helpdesky's site-wide Widget (a floating launcher): render it once, in the app's root layout.
 * It renders nothing itself. One script per page however many are mounted (a second does
 * nothing, and warns in development); re-renders and route changes that keep it mounted never
 * reload it. When the last one unmounts, the script and what it added to `<body>` go.
 */
export function HelpdeskyWidget(props: HelpdeskyWidgetProps) {
  const { helpdeskId, scriptSrc = WIDGET.scriptSrc, nonce, readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS } = props;
  requireHelpdeskId('HelpdeskyWidget', helpdeskId);
  // The callbacks are read when called: new ones need no new script.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const warned = useRef(false);
  useEffect(() => {
    const { release, first } = sharePageEmbed({
      scriptSrc,
      helpdeskId,
      nonce,
      readyTimeoutMs,
      onReady: () => latest.current.onReady?.(),
      onError: (error) => {
        const { onError } = latest.current;
        if (onError) onError(error);
        else if (process.env.NODE_ENV !== 'production') console.error(error);
      },
    });
    if (!first && !warned.current && process.env.NODE_ENV !== 'production') {
      warned.current = true;
      console.warn(
        '[helpdesky] A second HelpdeskyWidget does nothing: the Widget is one per page. Render it once, in the root layout.',
      );
    }
    return release;
  }, [scriptSrc, helpdeskId, nonce, readyTimeoutMs]);
  return null;
}
