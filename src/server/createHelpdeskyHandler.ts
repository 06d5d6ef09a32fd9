import { configReader, type HelpdeskyConfig, type HelpdeskyOptions } from './config.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { describeValue } from './describeValue.js';
import { HelpdeskyConfigError } from './HelpdeskyConfigError.js';
import { normalizeEmail } from './normalizeEmail.js';

/** Who is signed in, as the host's own auth knows them. */
export interface HelpdeskyUser {
  /** The user's email as stored; the handler normalizes it before signing. */
  email: string;
}

/** Options of `createHelpdeskyHandler`: the shared configuration options, and the host's auth. */
export interface HelpdeskyHandlerOptions extends HelpdeskyOptions {
  /**
   * The host's own auth: given the incoming request (read its cookies or `Authorization`
   * header), returns `{ email }` for the signed-in user, or `null` when nobody is signed in.
   * May be async. When it throws, or its result cannot be read, the handler answers 500 and logs
   * the cause. Required.
   */
  getUser: (request: Request) => HelpdeskyUser | null | undefined | Promise<HelpdeskyUser | null | undefined>;
  /**
   * How long to wait for an async `getUser` (a session store that hangs) before answering 500
   * and logging that it did not settle, in milliseconds. Shorter than the client's own 10 s
   * deadline, so that the page shows the endpoint's answer rather than its own timeout.
   * Defaults to `8000`.
   */
  getUserTimeoutMs?: number;
}

/** A Web-standard request handler, as Next.js route handlers, Hono, Bun, Deno and Workers take it. */
export type HelpdeskyHandler = (request: Request) => Promise<Response>;

/** The shape of `createHelpdeskyHandler`. */
export interface CreateHelpdeskyHandler {
  /**
   * The identity endpoint as a Web `(request) => Promise<Response>`. Answers GET and HEAD
   * with `200 { email, signature, helpdeskId }` for the user `getUser` returns, 401 when
   * nobody is signed in, 405 (with `Allow`) for other methods, and 500 with a generic body
   * when `getUser` throws, hangs, or the configuration is missing (the cause goes to `logger`).
   * Every answer is `Cache-Control: private, no-store` and carries no CORS headers; HEAD carries
   * GET's `Content-Length`.
   *
   * Explicit `secret` and `helpdeskId` are checked once, here: a wrong type throws a
   * `TypeError`. Values left to the environment are read on each request, and once here so that
   * a secret with surrounding whitespace or a copy under a public prefix (`VITE_`,
   * `NEXT_PUBLIC_`…) is warned about at start-up. A missing or empty value is not an error here
   * (a build imports routes without the server's environment), only on each request.
   *
   * @example
   * // app/api/helpdesky/route.ts (Next.js App Router)
   * export const GET = createHelpdeskyHandler({ getUser: async () => (await auth())?.user ?? null });
   */
  (options: HelpdeskyHandlerOptions): HelpdeskyHandler;
}

export const DEFAULT_GET_USER_TIMEOUT_MS = 8_000;

// The identity is per user: no shared cache may keep it, and the browser must not reuse it
// for another session. No CORS headers: only the host's own pages may read it.
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'private, no-store',
  vary: 'Cookie, Authorization',
  'x-content-type-options': 'nosniff',
};

const UNAUTHENTICATED = JSON.stringify({ error: 'unauthenticated', message: 'Sign in to open the support portal.' });
const INTERNAL = JSON.stringify({
  error: 'internal',
  message: 'The support portal could not be opened. The cause is in the server log.',
});
const NOT_ALLOWED = JSON.stringify({ error: 'method-not-allowed', message: 'Use GET.' });

const encoder = new TextEncoder();

/**
 * A JSON answer with the identity headers. HEAD gets GET's headers, its `Content-Length` (in
 * bytes) included, and no body; a GET's length is the server's to set from the body.
 */
function answer(head: boolean, status: number, body: string, extra?: Record<string, string>): Response {
  const headers = extra ? { ...HEADERS, ...extra } : HEADERS;
  if (!head) return new Response(body, { status, headers });
  return new Response(null, {
    status,
    headers: { ...headers, 'content-length': String(encoder.encode(body).byteLength) },
  });
}

// What the log says for each step of a request that can fail; the cause follows it.
const FAILED = {
  getUser: '[helpdesky] getUser threw, so the identity endpoint answered 500. The cause:',
  email: "[helpdesky] Reading the email of getUser's result threw, so the identity endpoint answered 500:",
  other: '[helpdesky] The identity endpoint failed, so it answered 500:',
};

const isPromiseLike = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** A failure whose whole story is its message: logged as it is, without a cause. */
class Explained extends Error {}

/** `createHelpdeskyHandler` on one crypto backend. */
export function createHelpdeskyHandler(backend: CryptoBackend, options: HelpdeskyHandlerOptions): HelpdeskyHandler {
  if (typeof options !== 'object' || options === null || typeof options.getUser !== 'function') {
    throw new TypeError(
      `[helpdesky] createHelpdeskyHandler({ getUser }) needs getUser, a function that returns { email } for ` +
        `the signed-in user or null; got ${describeValue(options?.getUser)}. Wire it to your own auth.`,
    );
  }
  const { getUser, getUserTimeoutMs = DEFAULT_GET_USER_TIMEOUT_MS } = options;
  if (typeof getUserTimeoutMs !== 'number' || !(getUserTimeoutMs > 0)) {
    throw new TypeError(
      `[helpdesky] getUserTimeoutMs must be a positive number of milliseconds, got ${describeValue(getUserTimeoutMs)}.`,
    );
  }
  const logger = options.logger ?? console;
  const signingFailed = `[helpdesky] Signing failed (${backend.name}), so the identity endpoint answered 500:`;
  const readConfig = configReader(options);
  // Read now for the start-up warnings; a missing value is answered per request, not thrown here.
  try {
    readConfig();
  } catch (error) {
    if (!(error instanceof HelpdeskyConfigError)) throw error;
  }

  /** An async getUser's result, or an Explained failure once getUserTimeoutMs has passed. */
  function withDeadline<T>(pending: PromiseLike<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new Explained(
            `[helpdesky] getUser did not settle within ${getUserTimeoutMs} ms, so the identity endpoint answered 500. ` +
              'Bound the session lookup (a store that hangs), or raise getUserTimeoutMs.',
          ),
        );
      }, getUserTimeoutMs);
    });
    return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
  }

  return async function helpdeskyHandler(request: Request): Promise<Response> {
    let head = false;
    let failed = FAILED.other;
    try {
      const method = request.method;
      head = method === 'HEAD';
      if (method !== 'GET' && !head) return answer(false, 405, NOT_ALLOWED, { allow: 'GET, HEAD' });
      // Configuration first: a misconfigured server fails loudly on every request, signed in or not.
      let config: HelpdeskyConfig;
      try {
        config = readConfig();
      } catch (error) {
        if (error instanceof HelpdeskyConfigError)
          throw new Explained(`${error.message} (The identity endpoint answered 500.)`);
        failed = '[helpdesky] Could not read the configuration, so the identity endpoint answered 500:';
        throw error;
      }

      failed = FAILED.getUser;
      const result = getUser(request);
      const user = isPromiseLike(result) ? await withDeadline(result) : result;
      if (user === null || user === undefined) return answer(head, 401, UNAUTHENTICATED);

      // Reading the email may throw: a getter, a Proxy.
      failed = FAILED.email;
      const raw: unknown = typeof user === 'object' ? user.email : undefined;
      const email = typeof raw === 'string' ? normalizeEmail(raw) : '';
      if (email === '') {
        throw new Explained(
          `[helpdesky] getUser returned ${typeof user === 'object' ? `an object whose email is ${describeValue(raw)}${raw === '' ? ' (empty)' : ''}` : describeValue(user)}; ` +
            `it must return { email: string } for a signed-in user, or null when nobody is signed in.`,
        );
      }

      failed = signingFailed;
      const signed = backend.hmacSha256Hex(config.secret, email);
      const signature = typeof signed === 'string' ? signed : await signed;
      return answer(head, 200, JSON.stringify({ email, signature, helpdeskId: config.helpdeskId }));
    } catch (error) {
      if (error instanceof Explained) logger.error(error.message);
      else logger.error(failed, error);
      return answer(head, 500, INTERNAL);
    }
  };
}
