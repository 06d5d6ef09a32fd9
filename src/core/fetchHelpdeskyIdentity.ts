import { HelpdeskyError } from '../HelpdeskyError.js';
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
  let init: RequestInit;
  try {
    init = (typeof fetchOptions === 'function' ? await fetchOptions() : fetchOptions) ?? {};
  } catch (cause) {
    throw new HelpdeskyError(
      'network',
      `fetchOptions threw before the request to ${endpoint} was sent (${String(cause)}).`,
      { cause },
    );
  }
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');

  let response: Response;
  let text: string;
  const unreachable = (cause: unknown) => {
    // An abort is TanStack Query's cancellation (unmount, new endpoint): let it through as is.
    if (signal?.aborted) return cause;
    return new HelpdeskyError(
      'network',
      `Could not reach the identity endpoint ${endpoint} (${String(cause)}). Check the network and that the URL is right.`,
      { cause },
    );
  };
  try {
    response = await fetch(endpoint, {
      credentials: 'same-origin',
      ...init,
      method: 'GET',
      headers,
      signal: signal && init.signal ? AbortSignal.any([signal, init.signal]) : (signal ?? init.signal),
    });
  } catch (cause) {
    throw unreachable(cause);
  }

  const { status } = response;
  if (status === 401 || status === 403) {
    throw new HelpdeskyError(
      status === 401 ? 'unauthenticated' : 'forbidden',
      `The identity endpoint ${endpoint} answered ${status}: the user must sign in before the Ticket Center can open.`,
      { status },
    );
  }
  if (!response.ok) {
    throw new HelpdeskyError(
      'http',
      `The identity endpoint ${endpoint} answered ${status}. Check the server's logs.`,
      { status },
    );
  }

  try {
    text = await response.text();
  } catch (cause) {
    throw unreachable(cause);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    const html = /^\s*</.test(text) || /html/.test(response.headers.get('content-type') ?? '');
    throw new HelpdeskyError(
      'invalid-response',
      html
        ? `The identity endpoint ${endpoint} answered an HTML page, not JSON: the route is not mounted on the server, so an app's fallback page answered. Mount the identity handler at ${endpoint}.`
        : `The identity endpoint ${endpoint} answered something that is not JSON. It must answer { email, signature, helpdeskId }.`,
      { status, cause },
    );
  }
  const checked = checkIdentity(body);
  if (!checked.ok) {
    throw new HelpdeskyError(
      'invalid-response',
      `The identity endpoint ${endpoint} answered an invalid identity: ${checked.problem.message}.`,
      { status },
    );
  }
  return checked.identity;
}
