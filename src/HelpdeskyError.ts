/**
 * What went wrong, machine-readably:
 * - `unauthenticated`: the identity endpoint answered 401 (nobody is signed in).
 * - `forbidden`: the identity endpoint answered 403.
 * - `http`: the identity endpoint answered another non-2xx status.
 * - `network`: the identity endpoint could not be reached.
 * - `invalid-response`: the identity endpoint answered something that is not `{ email, signature, helpdeskId }`.
 * - `script-load`: the Ticket Center script failed to load (ad blocker, CSP, network).
 * - `timeout`: the script loaded but rendered nothing within `readyTimeoutMs`.
 * - `duplicate-container`: another element on the page already has the container's id.
 */
export type HelpdeskyErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'http'
  | 'network'
  | 'invalid-response'
  | 'script-load'
  | 'timeout'
  | 'duplicate-container';

/** The one error class of the client. Its message starts with `[helpdesky]` and says how to fix the problem. */
export class HelpdeskyError extends Error {
  override readonly name = 'HelpdeskyError';
  /** What went wrong; see {@link HelpdeskyErrorCode}. */
  readonly code: HelpdeskyErrorCode;
  /** The identity endpoint's HTTP status, when it answered at all. */
  readonly status?: number;

  constructor(
    code: HelpdeskyErrorCode,
    message: string,
    options: { status?: number | undefined; cause?: unknown } = {},
  ) {
    super(`[helpdesky] ${message}`, options);
    this.code = code;
    this.status = options.status;
  }
}
