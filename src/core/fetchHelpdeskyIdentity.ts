import { HelpdeskyError, type HelpdeskyErrorCode } from '../HelpdeskyError.js';
import { checkIdentity, type HelpdeskyIdentity } from './identityContract.js';

/** Request options for the identity endpoint: a `RequestInit`, or a function returning one (sync or async). */
export type HelpdeskyFetchOptions = RequestInit | (() => RequestInit | Promise<RequestInit>);

/**
 * GETs the host's identity endpoint and checks the answer against the wire contract. Every
 * failure is a {@link HelpdeskyError} whose message names the endpoint and says how to fix it.
 */
export async function fetchHelpdeskyIdentity(
  endpoint: string,
  fetchOptions: HelpdeskyFetchOptions | undefined,
  signal?: AbortSignal,
): Promise<HelpdeskyIdentity> {
  // Development builds say how to fix each failure; production keeps the facts (the endpoint,
  // its status, the contract problem) and HelpdeskyError adds a link to Troubleshooting.
  const fail = (code: HelpdeskyErrorCode, advice: string | false, facts: string, status?: number, cause?: unknown) =>
    new HelpdeskyError(code, advice || `${endpoint} ${facts}`, { status, cause });
  let response: Response;
  let text: string;
  try {
    const init = (typeof fetchOptions === 'function' ? await fetchOptions() : fetchOptions) ?? {};
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    response = await fetch(endpoint, { credentials: 'same-origin', ...init, method: 'GET', headers, signal });
    text = await response.text();
  } catch (cause) {
    // An abort is TanStack Query's cancellation (unmount, new endpoint): let it through as is.
    if (signal?.aborted) throw cause;
    throw fail(
      'network',
      process.env.NODE_ENV !== 'production' &&
        `The identity endpoint ${endpoint} could not be reached (${cause}). Check the URL and the network.`,
      `(${cause})`,
      undefined,
      cause,
    );
  }

  const { status } = response;
  const answered = `answered ${status}`;
  if (!response.ok) {
    // 401 and 403 mean nobody (allowed) is signed in; anything else is the server's problem.
    const code = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'http';
    throw fail(
      code,
      process.env.NODE_ENV !== 'production' &&
        `The identity endpoint ${endpoint} ${answered}${code === 'http' ? ". Check the server's logs." : ': the user must sign in first.'}`,
      answered,
      status,
    );
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    const html = /^\s*</.test(text);
    throw fail(
      'invalid-response',
      process.env.NODE_ENV !== 'production' &&
        (html
          ? `The identity endpoint ${endpoint} answered an HTML page, not JSON: the route is not mounted, so an app's fallback page answered. Mount the identity handler at ${endpoint}.`
          : `The identity endpoint ${endpoint} answered something that is not JSON { email, signature, helpdeskId }.`),
      html ? 'answered HTML' : 'answered no JSON',
      status,
      cause,
    );
  }
  const checked = checkIdentity(body);
  if (!checked.ok) {
    const problem = checked.problem.message;
    throw fail(
      'invalid-response',
      process.env.NODE_ENV !== 'production' &&
        `The identity endpoint ${endpoint} answered an invalid identity: ${problem}.`,
      problem,
      status,
    );
  }
  return checked.identity;
}
