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

/**
 * The one error class of the client. Its message starts with `[helpdesky]`. In development it
 * says what went wrong and how to fix it; production builds (`process.env.NODE_ENV` set to
 * `"production"`) carry the short form, `[helpdesky] <code>: <the facts>`, and a link to the
 * README's Troubleshooting, which keeps those sentences out of every user's download.
 */
export class HelpdeskyError extends Error {
  override readonly name = 'HelpdeskyError';
  /** What went wrong; see {@link HelpdeskyErrorCode}. */
  readonly code: HelpdeskyErrorCode;
  /** The identity endpoint's HTTP status, when it answered at all. */
  readonly status?: number;

  /** `message`: in development, what went wrong and how to fix it; in production, the bare facts. */
  constructor(
    code: HelpdeskyErrorCode,
    message: string,
    options: { status?: number | undefined; cause?: unknown } = {},
  ) {
    super(
      process.env.NODE_ENV !== 'production'
        ? `[helpdesky] ${message}`
        : `[helpdesky] ${code}: ${message} (see https://www.npmjs.com/package/helpdesky-react#troubleshooting)`,
      options,
    );
    this.code = code;
    this.status = options.status;
  }
}
