/**
 * Every word the default states show, replaceable one by one with the `messages` prop (to
 * translate them, say). The developer's details are in `HelpdeskyError.message`, not here.
 */
export interface HelpdeskyMessages {
  /** While the identity loads and the embed renders. */
  loading: string;
  /** The title of the signed-out state (401, 403, `identity={null}`). */
  signInTitle: string;
  /** The signed-out state's text. */
  signIn: string;
  /** The signed-out state's link, shown when `signInUrl` is given. */
  signInLink: string;
  /** The title of every other error. */
  errorTitle: string;
  /** `http`, `network`: the endpoint failed or could not be reached. */
  unavailable: string;
  /** `invalid-response`: the endpoint or the identity prop is not set up right. */
  notSetUp: string;
  /** `script-load`: the vendor script was blocked. */
  blocked: string;
  /** `timeout`: the embed rendered nothing in time. */
  timedOut: string;
  /** `duplicate-container`: another embed already has the container's id. */
  duplicate: string;
  /** The retry button. */
  tryAgain: string;
}

/** The English defaults of {@link HelpdeskyMessages}. */
export const defaultHelpdeskyMessages: HelpdeskyMessages = {
  loading: 'Loading support…',
  signInTitle: 'Sign in to get support',
  signIn: 'Please sign in to see your support conversations.',
  signInLink: 'Sign in',
  errorTitle: 'Support could not open',
  unavailable: 'Support is unavailable right now.',
  notSetUp: 'Support is not set up on this site yet.',
  blocked: 'Support could not load: an ad blocker may be blocking it.',
  timedOut: 'Support did not respond in time.',
  duplicate: 'Support is already open elsewhere on this page.',
  tryAgain: 'Try again',
};
