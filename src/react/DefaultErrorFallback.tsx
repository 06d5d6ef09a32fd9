import type { HelpdeskyError } from '../core/HelpdeskyError.js';

// What the default error UI tells the user; the developer's details are in `error.message`.
const MESSAGES: Partial<Record<HelpdeskyError['code'], string>> = {
  unauthenticated: 'Please sign in to see your support conversations.',
  'invalid-response': 'Support is not set up on this site yet.',
  'script-load': 'Support could not load: an ad blocker may be blocking it.',
  timeout: 'Support did not respond in time.',
  'duplicate-container': 'Support is already open elsewhere on this page.',
};

/** The default `errorFallback`: an alert saying what happened, with "Try again" when `retry` is given. */
export function DefaultErrorFallback({
  error,
  signedOut,
  retry,
}: {
  error: HelpdeskyError;
  signedOut: boolean;
  retry?: (() => void) | undefined;
}) {
  return (
    <div role="alert">
      <p>{MESSAGES[signedOut ? 'unauthenticated' : error.code] ?? 'Support is unavailable right now.'}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
