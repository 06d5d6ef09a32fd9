/**
 * What went wrong, machine-readably:
 * - `unauthenticated`: the identity endpoint answered 401, or the server-signed identity is `null` (nobody is signed in).
 * - `forbidden`: the identity endpoint answered 403.
 * - `http`: the identity endpoint answered another non-2xx status.
 * - `network`: the identity endpoint could not be reached, or did not answer in time.
 * - `invalid-response`: the identity is not `{ email, signature, helpdeskId }`.
 * - `script-load`: the vendor script failed to load (ad blocker, CSP, network).
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

// How to fix each failure, for developers, chosen by code and, where one code has several
// causes, by the facts. Production builds (`process.env.NODE_ENV` set to `"production"`) drop
// this function, so these sentences do not weigh on every user's download.
function advise(code: HelpdeskyErrorCode, facts: string): string | undefined {
  return {
    unauthenticated: 'The user must sign in first.',
    forbidden: 'The user must sign in first.',
    http: "Check the server's logs.",
    network: / ms$/.test(facts)
      ? 'Check the server: it must answer promptly, and end its answer.'
      : 'Check the URL and the network.',
    'invalid-response': / after a redirect$/.test(facts)
      ? 'The endpoint redirected to an HTML page, probably a sign-in page: answer 401 instead when nobody is signed in.'
      : / HTML$/.test(facts)
        ? "An app's fallback page answered an HTML page where JSON was expected: the route is not mounted. Mount the identity handler at that URL."
        : /^The identity prop/.test(facts)
          ? 'Pass what createHelpdeskyIdentity(email) from helpdesky-react/server returns, or null when nobody is signed in.'
          : 'It must answer JSON { email, signature, helpdeskId }, as createHelpdeskyHandler does.',
    'script-load':
      "An ad blocker, the page's Content-Security-Policy (allow its origin, or pass nonce) or the network blocked it.",
    timeout:
      'In the Helpdesky dashboard, check that messaging is enabled and that this domain is in Allowed Embed Domains.',
    'duplicate-container': 'Render one, or give each its own containerId.',
  }[code];
}

/**
 * The one error class of the client, with a machine-readable `code`. Its message starts with
 * `[helpdesky]` and states the facts (the endpoint, its status, the broken field, the script
 * URL). In development it goes on to say how to fix the problem; production builds keep the
 * facts and link to the README's Troubleshooting instead.
 */
export class HelpdeskyError extends Error {
  override readonly name = 'HelpdeskyError';
  /** What went wrong; see {@link HelpdeskyErrorCode}. */
  readonly code: HelpdeskyErrorCode;
  /** The identity endpoint's HTTP status, when it answered at all. */
  readonly status?: number;

  /** `facts`: what happened, in one sentence without a final period (the endpoint, its status, the field, the URL). */
  constructor(code: HelpdeskyErrorCode, facts: string, options: { status?: number | undefined; cause?: unknown } = {}) {
    super(
      process.env.NODE_ENV !== 'production'
        ? `[helpdesky] ${facts}. ${advise(code, facts)}`
        : `[helpdesky] ${code}: ${facts} (see https://www.npmjs.com/package/helpdesky-react#troubleshooting)`,
      options,
    );
    this.code = code;
    this.status = options.status;
  }
}
