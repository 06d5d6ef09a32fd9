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
  const fail = (code: HelpdeskyErrorCode, message: string, status?: number, cause?: unknown) =>
    new HelpdeskyError(code, `The identity endpoint ${endpoint} ${message}`, { status, cause });
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
    throw signal?.aborted
      ? cause
      : fail('network', `could not be reached (${cause}). Check the URL and the network.`, undefined, cause);
  }

  const { status } = response;
  if (status === 401 || status === 403) {
    throw fail(
      status < 403 ? 'unauthenticated' : 'forbidden',
      `answered ${status}: the user must sign in first.`,
      status,
    );
  }
  if (!response.ok) throw fail('http', `answered ${status}. Check the server's logs.`, status);

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw fail(
      'invalid-response',
      /^\s*</.test(text)
        ? `answered an HTML page, not JSON: the route is not mounted, so an app's fallback page answered. Mount the identity handler at ${endpoint}.`
        : 'answered something that is not JSON { email, signature, helpdeskId }.',
      status,
      cause,
    );
  }
  const checked = checkIdentity(body);
  if (!checked.ok) throw fail('invalid-response', `answered an invalid identity: ${checked.problem.message}.`, status);
  return checked.identity;
}
