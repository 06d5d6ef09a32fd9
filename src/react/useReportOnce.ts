import { useEffect, useRef } from 'react';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';

/** The callbacks an outcome is reported to, read when it is reported. */
export interface ReportTo {
  onReady?: (() => void) | undefined;
  onError?: ((error: HelpdeskyError) => void) | undefined;
}

/**
 * Reports each outcome once: an error to `onError` (logged in development without one), any
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
    else if (process.env.NODE_ENV !== 'production') console.error(outcome);
  }, [outcome]);
}
