import { useEffect, useRef } from 'react';
import { isSignedOut } from '../core/decideEmbed.js';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';

/** The callbacks an outcome is reported to, read when it is reported. */
export interface ReportTo {
  onReady?: (() => void) | undefined;
  onError?: ((error: HelpdeskyError) => void) | undefined;
}

/**
 * Reports each outcome once: an error to `onError` (logged in development without one, unless
 * it only says that nobody is signed in), any
 * other truthy value as ready to `onReady`. StrictMode runs effects twice; the ref remembers
 * what was reported. The callbacks are read when reporting, so new ones need no re-render.
 */
export function useReportOnce(outcome: unknown, props: ReportTo): void {
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const reported = useRef<unknown>(undefined);
  useEffect(() => {
    if (!outcome || reported.current === outcome) return;
    reported.current = outcome;
    const { onReady, onError } = latest.current;
    if (!(outcome instanceof Error)) onReady?.();
    else if (onError) onError(outcome as HelpdeskyError);
    // Nobody signed in is a state, not a bug: nothing to log.
    else if (process.env.NODE_ENV !== 'production' && !isSignedOut(outcome as HelpdeskyError)) console.error(outcome);
  }, [outcome]);
}
