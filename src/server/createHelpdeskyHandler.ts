import type { HelpdeskyIdentity } from '../core/identityContract.js';
import { defaultEnv, resolveHelpdeskId, resolveSecret, type HelpdeskyEnv, type HelpdeskyLogger } from './config.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { describeValue } from './describeValue.js';
import { HelpdeskyConfigError } from './HelpdeskyConfigError.js';
import { isPromiseLike, registerCore, utf8Length, type PlainResponse } from './handlerCores.js';

/** Who is signed in, as the host's own auth knows them. */
export interface HelpdeskyUser {
  /** The user's email as stored; the handler normalizes it before signing. */
  email: string;
}

/** Options of {@link createHelpdeskyHandler}. */
export interface HelpdeskyHandlerOptions {
  /**
   * The host's own auth: given the incoming request (read its cookies or `Authorization`
   * header), returns `{ email }` for the signed-in user, or `null` when nobody is signed in.
   * May be async. When it throws, the handler answers 500 and logs the cause. Required.
   */
  getUser: (request: Request) => HelpdeskyUser | null | undefined | Promise<HelpdeskyUser | null | undefined>;
  /**
   * The HMAC secret. A value that is not a string throws a `TypeError` at creation; an empty one
   * is answered like a missing one, with a 500 per request. Defaults to
   * `env.HELPDESKY_HMAC_SECRET`, read on each request.
   */
  secret?: string;
  /**
   * The helpdesk's public id, checked like `secret`. Defaults to `env.HELPDESKY_HELPDESK_ID`,
   * read on each request.
   */
  helpdeskId?: string;
  /**
   * The environment to read missing values from, such as a Cloudflare Worker's `env`.
   * Defaults to `process.env` (or an empty environment where there is no `process`).
   */
  env?: HelpdeskyEnv;
  /** Where server-side errors and one-time warnings go. Defaults to `console`. */
  logger?: HelpdeskyLogger;
}

/** A Web-standard request handler, as Next.js route handlers, Hono, Bun, Deno and Workers take it. */
export type HelpdeskyHandler = (request: Request) => Promise<Response>;

/** The shape of {@link createHelpdeskyHandler}. */
export interface CreateHelpdeskyHandler {
  /**
   * The identity endpoint as a Web `(request) => Promise<Response>`. Answers GET and HEAD
   * with `200 { email, signature, helpdeskId }` for the user `getUser` returns, 401 when
   * nobody is signed in, 405 (with `Allow`) for other methods, and 500 with a generic body
   * when `getUser` throws or the configuration is missing (the cause goes to the server log).
   * Every answer is `Cache-Control: private, no-store` and carries no CORS headers.
   *
   * The configuration is also read once at creation, so that a secret with surrounding
   * whitespace or a copy under a public prefix (`VITE_`, `NEXT_PUBLIC_`…) is warned about at
   * start-up; a missing or empty value is not an error then, only on each request.
   *
   * @example
   * // app/api/helpdesky/route.ts (Next.js App Router)
   * export const GET = createHelpdeskyHandler({ getUser: async () => (await auth())?.user ?? null });
   */
  (options: HelpdeskyHandlerOptions): HelpdeskyHandler;
}

// The identity is per user: no shared cache may keep it, and the browser must not reuse it
// for another session. No CORS headers: only the host's own pages may read it.
const COMMON_HEADERS = {
  'cache-control': 'private, no-store',
  vary: 'Cookie, Authorization',
  'x-content-type-options': 'nosniff',
} as const;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', ...COMMON_HEADERS } as const;

const UNAUTHENTICATED = JSON.stringify({
  error: 'unauthenticated',
  message: 'Sign in to open the support portal.',
});
const INTERNAL = JSON.stringify({
  error: 'internal',
  message: 'The support portal could not be opened. The cause is in the server log.',
});
const NOT_ALLOWED = JSON.stringify({ error: 'method-not-allowed', message: 'Use GET.' });

const NOT_ALLOWED_HEADERS = { ...JSON_HEADERS, allow: 'GET, HEAD' } as const;

function json(status: number, body: string, headers: Record<string, string> = JSON_HEADERS): PlainResponse {
  return { status, headers, body };
}

// Printable ASCII but for `"` and `\`: a string JSON.stringify would return as it is, quoted.
const JSON_SAFE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quote = (text: string): string => (JSON_SAFE.test(text) ? `"${text}"` : JSON.stringify(text));

// The same text as JSON.stringify({ email, signature, helpdeskId }) (keys in that order), put
// together by hand: JSON.stringify of the object costs ~0.45 µs on Node 20, a third of an HMAC.
// The signature is the backend's lowercase hex, which needs no escaping.
function identity(
  email: HelpdeskyIdentity['email'],
  signature: HelpdeskyIdentity['signature'],
  helpdeskId: HelpdeskyIdentity['helpdeskId'],
): PlainResponse {
  const body = `{"email":${quote(email)},"signature":"${signature}","helpdeskId":${quote(helpdeskId)}}`;
  return json(200, body);
}

// Read once at creation so that a wrong type throws at start-up and the one-time warnings (a
// secret with whitespace, a public copy of it) reach the start-up log, not the first request's.
// A missing or empty value is not thrown here: `next build` imports route modules without the
// server's environment, and on Workers the environment only arrives with a request. Each request
// answers those with a 500 and a log line instead.
function checkAtStartup(secret: unknown, helpdeskId: unknown, env: HelpdeskyEnv, logger: HelpdeskyLogger): void {
  for (const check of [() => resolveSecret(secret, env, logger), () => resolveHelpdeskId(helpdeskId, env, logger)]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof HelpdeskyConfigError)) throw error;
    }
  }
}

/** Builds `createHelpdeskyHandler` on one crypto backend. Internal. */
export function createCreateHelpdeskyHandler(backend: CryptoBackend): CreateHelpdeskyHandler {
  return function createHelpdeskyHandler(options: HelpdeskyHandlerOptions): HelpdeskyHandler {
    if (typeof options !== 'object' || options === null || typeof options.getUser !== 'function') {
      throw new TypeError(
        `[helpdesky] createHelpdeskyHandler({ getUser }) needs getUser, a function that returns { email } for ` +
          `the signed-in user or null; got ${describeValue(options?.getUser)}. Wire it to your own auth.`,
      );
    }
    const { getUser, secret: explicitSecret, helpdeskId: explicitId } = options;
    const logger = options.logger ?? console;
    checkAtStartup(explicitSecret, explicitId, options.env ?? defaultEnv(), logger);

    const getUserFailed = (error: unknown): PlainResponse => {
      logger.error('[helpdesky] getUser threw, so the identity endpoint answered 500. The cause:', error);
      return json(500, INTERNAL);
    };
    const signingFailed = (error: unknown): PlainResponse => {
      logger.error(`[helpdesky] Signing failed (${backend.name}), so the identity endpoint answered 500:`, error);
      return json(500, INTERNAL);
    };

    // Synchronous as far as getUser and the backend allow: a sync getUser on node:crypto answers
    // without a single promise, and toNodeHandler writes the answer in the same tick.
    function answer(request: Request): PlainResponse | Promise<PlainResponse> {
      const method = request.method;
      if (method !== 'GET' && method !== 'HEAD') return json(405, NOT_ALLOWED, NOT_ALLOWED_HEADERS);

      // Configuration first: a misconfigured server fails loudly on every request, signed in or not.
      let secret: string;
      let helpdeskId: string;
      try {
        const env = options.env ?? defaultEnv();
        secret = resolveSecret(explicitSecret, env, logger);
        helpdeskId = resolveHelpdeskId(explicitId, env, logger);
      } catch (error) {
        if (error instanceof HelpdeskyConfigError)
          logger.error(`${error.message} (The identity endpoint answered 500.)`);
        else
          logger.error('[helpdesky] Could not read the configuration, so the identity endpoint answered 500:', error);
        return json(500, INTERNAL);
      }

      let result: ReturnType<HelpdeskyHandlerOptions['getUser']>;
      try {
        result = getUser(request);
      } catch (error) {
        return getUserFailed(error);
      }
      if (isPromiseLike(result)) {
        return Promise.resolve(result).then((user) => sign(user, secret, helpdeskId), getUserFailed);
      }
      return sign(result, secret, helpdeskId);
    }

    function sign(
      user: HelpdeskyUser | null | undefined,
      secret: string,
      helpdeskId: string,
    ): PlainResponse | Promise<PlainResponse> {
      if (user === null || user === undefined) return json(401, UNAUTHENTICATED);

      const raw: unknown = typeof user === 'object' ? user.email : undefined;
      const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (email === '') {
        logger.error(
          `[helpdesky] getUser returned ${typeof user === 'object' ? `an object whose email is ${describeValue(raw)}${raw === '' ? ' (empty)' : ''}` : describeValue(user)}; ` +
            `it must return { email: string } for a signed-in user, or null when nobody is signed in.`,
        );
        return json(500, INTERNAL);
      }

      let signature: string | Promise<string>;
      try {
        signature = backend.hmacSha256Hex(secret, email);
      } catch (error) {
        return signingFailed(error);
      }
      if (typeof signature === 'string') return identity(email, signature, helpdeskId);
      return signature.then((hex) => identity(email, hex, helpdeskId), signingFailed);
    }

    async function helpdeskyHandler(request: Request): Promise<Response> {
      const { status, headers, body } = await answer(request);
      if (request.method !== 'HEAD') return new Response(body, { status, headers });
      // HEAD: GET's headers, its Content-Length (in bytes) included, and no body.
      return new Response(null, { status, headers: { ...headers, 'content-length': String(utf8Length(body)) } });
    }
    registerCore(helpdeskyHandler, answer);
    return helpdeskyHandler;
  };
}
