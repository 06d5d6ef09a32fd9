import { HelpdeskyError } from './HelpdeskyError.js';
import { checkIdentity, type HelpdeskyIdentity } from './identityContract.js';

/** Request options for the identity endpoint: a `RequestInit`, or a function returning one (sync or async). */
export type HelpdeskyFetchOptions = RequestInit | (() => RequestInit | Promise<RequestInit>);

/** How long the whole identity request may take, headers and body, before it fails. */
export const DEFAULT_IDENTITY_TIMEOUT_MS = 10_000;

/**
 * GETs the host's identity endpoint and checks the answer against the wire contract, within
 * `timeoutMs` for the whole request (an endpoint that never ends its body fails too). Every
 * failure is a {@link HelpdeskyError} naming the endpoint.
 */
export async function fetchHelpdeskyIdentity(
  endpoint: string,
  fetchOptions: HelpdeskyFetchOptions | undefined,
  signal?: AbortSignal,
  timeoutMs = DEFAULT_IDENTITY_TIMEOUT_MS,
): Promise<HelpdeskyIdentity> {
  const subject = `The identity endpoint ${endpoint}`;
  const deadline = AbortSignal.timeout(timeoutMs);
  // The deadline covers the whole path: the host's fetchOptions, the headers and the body (a
  // fetch stack may not end a body's read on abort, so the read itself races the deadline).
  const expired = new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(deadline.reason)));
  let response!: Response;
  let text: string;
  try {
    text = await Promise.race([
      expired,
      (async () => {
        const init = (typeof fetchOptions === 'function' ? await fetchOptions() : fetchOptions) ?? {};
        const headers = new Headers(init.headers);
        if (!headers.has('accept')) headers.set('accept', 'application/json');
        response = await fetch(endpoint, {
          credentials: 'same-origin',
          ...init,
          method: 'GET',
          headers,
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        });
        return response.text();
      })(),
    ]);
  } catch (cause) {
    // An abort is TanStack Query's cancellation (unmount, new endpoint): let it through as is.
    if (signal?.aborted) throw cause;
    throw new HelpdeskyError(
      'network',
      deadline.aborted
        ? `${subject} did not answer within ${timeoutMs} ms`
        : `${subject} could not be reached (${cause})`,
      { cause },
    );
  }

  const { status } = response;
  if (!response.ok) {
    // 401 and 403 mean nobody (allowed) is signed in; anything else is the server's problem.
    const code = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'http';
    throw new HelpdeskyError(code, `${subject} answered ${status}`, { status });
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    const html = /^\s*</.test(text);
    throw new HelpdeskyError(
      'invalid-response',
      `${subject} answered ${html ? (response.redirected ? 'HTML after a redirect' : 'HTML') : 'something that is not JSON'}`,
      { status, cause },
    );
  }
  const checked = checkIdentity(body);
  if (!checked.ok) {
    throw new HelpdeskyError(
      'invalid-response',
      `${subject} answered an invalid identity: ${checked.problem.message}`,
      {
        status,
      },
    );
  }
  return checked.identity;
}
