import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import type { HelpdeskyMessages } from './helpdeskyMessages.js';

// Which message says what happened, by code (`http` and `network` say "unavailable").
const TEXT: Partial<Record<HelpdeskyError['code'], keyof HelpdeskyMessages>> = {
  'invalid-response': 'notSetUp',
  'script-load': 'blocked',
  timeout: 'timedOut',
  'duplicate-container': 'duplicate',
};

/**
 * The default `errorFallback`: an alert with a title, what happened, and the one action that can
 * help: "Sign in" (with `signInUrl`) when nobody is signed in, else "Try again" when `retry` is given.
 */
export function DefaultErrorFallback({
  error,
  signedOut,
  retry,
  signInUrl,
  messages,
}: {
  error: HelpdeskyError;
  signedOut: boolean;
  retry?: (() => void) | undefined;
  signInUrl?: string | undefined;
  messages: HelpdeskyMessages;
}) {
  return (
    <div role="alert" data-helpdesky-fallback="">
      <p>
        <strong>{signedOut ? messages.signInTitle : messages.errorTitle}</strong>
      </p>
      <p>{messages[signedOut ? 'signIn' : (TEXT[error.code] ?? 'unavailable')]}</p>
      {signedOut
        ? signInUrl && <a href={signInUrl}>{messages.signInLink}</a>
        : retry && (
            <button type="button" onClick={retry}>
              {messages.tryAgain}
            </button>
          )}
    </div>
  );
}
