/**
 * TEST DOUBLE OF helpdesky.io: the local Helpdesky emulator.
 *
 * This is the one place in the project that mimics the vendor (see `HELPDESKY.md`). It is not
 * Helpdesky's code, talks to nothing outside the process, and exists so tests, demos and
 * Storybook can run a real `ticket-center.js` and a real signature check offline.
 *
 * One Web-standard handler, `(Request) => Promise<Response>`, serves:
 * - `GET <basePath>/ticket-center.js`: the emulated vendor script (see `emulatorScript.ts`);
 * - `POST <basePath>/api/verify`: the verification API the script calls, with JSON
 *   `{ helpdeskId, email, signature }`. It lowercases the email (Helpdesky's server does; it
 *   does not trim), recomputes HMAC-SHA256 with the emulator's secret, compares in constant time
 *   and answers `{ ok: true, email, name, conversations }` or
 *   `{ ok: false, error, message }` with `error` one of {@link HelpdeskyEmulatorFailure}.
 *
 * Mount it with `helpdeskyEmulatorNodeMiddleware` (node:http, Express, connect),
 * `helpdeskyEmulatorVitePlugin` (Vite's dev and preview servers) or `helpdeskyEmulatorHandlers`
 * (MSW, in Node or in a browser).
 */
import {
  HELPDESKY_EMULATOR_HELPDESK_ID,
  HELPDESKY_EMULATOR_SECRET,
  HELPDESKY_EMULATOR_USERS,
  type HelpdeskyEmulatorConversation,
  type HelpdeskyEmulatorUser,
} from './emulatorDefaults.js';
import { hmacHex, importHmacKey, verifyHmacHex } from './emulatorCrypto.js';
import { emulatorScriptSource } from './emulatorScript.js';

/** Behaviour that tests may change at run time with {@link HelpdeskyEmulator.setOptions}. */
export interface HelpdeskyEmulatorBehaviour {
  /** Milliseconds to wait before answering a request for `ticket-center.js`. Default: `0`. */
  scriptLatencyMs?: number;
  /** Milliseconds to wait before answering the verification API. Default: `0`. */
  verifyLatencyMs?: number;
  /**
   * Serve a script that executes (and counts its execution) but renders nothing and calls
   * nothing, as a broken embed would: exercises the component's timeout. Default: `false`.
   */
  renderNothing?: boolean;
  /** Answer `ticket-center.js` with a 404, as a blocked or missing script. Default: `false`. */
  failScript?: boolean;
  /**
   * The dashboard's "Allowed Embed Domains", as origins (`"http://localhost:5173"`). When
   * non-empty, verification from any other page origin fails with "Origin not allowed".
   * Default: `[]` (every origin allowed).
   */
  allowedOrigins?: readonly string[];
}

/** Options of {@link createHelpdeskyEmulator}. */
export interface HelpdeskyEmulatorOptions extends HelpdeskyEmulatorBehaviour {
  /**
   * The HMAC secret the verification API checks signatures with; sign with the same value on
   * your server (`HELPDESKY_HMAC_SECRET`). Default: {@link HELPDESKY_EMULATOR_SECRET}.
   */
  secret?: string;
  /**
   * The helpdesk id the verification API accepts (`HELPDESKY_HELPDESK_ID`).
   * Default: {@link HELPDESKY_EMULATOR_HELPDESK_ID}.
   */
  helpdeskId?: string;
  /**
   * Seeded users and their conversations. A correctly signed email that is not seeded verifies
   * and shows an empty panel, as a real user with no conversations would.
   * Default: {@link HELPDESKY_EMULATOR_USERS} (alice@example.com and bob@example.com).
   */
  users?: readonly HelpdeskyEmulatorUser[];
  /**
   * Path prefix the emulator answers under, e.g. `"/__helpdesky"` to serve
   * `/__helpdesky/ticket-center.js` beside an app. Any origin matches. Default: `""` (the root,
   * like helpdesky.io itself).
   */
  basePath?: string;
}

/** Why the verification API refused, as its `error` field says. */
export type HelpdeskyEmulatorFailure =
  'bad-request' | 'unknown-helpdesk' | 'origin-not-allowed' | 'verification-failed';

/** What the verification API answers when it accepts an identity. */
export interface HelpdeskyEmulatorVerified {
  ok: true;
  /** The email as verified: lowercased. */
  email: string;
  name: string;
  conversations: HelpdeskyEmulatorConversation[];
}

/** What the verification API answers when it refuses. */
export interface HelpdeskyEmulatorRefused {
  ok: false;
  error: HelpdeskyEmulatorFailure;
  /** The line the emulated panel shows, e.g. `"Verification failed"`. */
  message: string;
}

/** One request the emulator answered, for assertions (`emulator.requests`). */
export interface HelpdeskyEmulatorRequestRecord {
  kind: 'script' | 'verify';
  method: string;
  status: number;
  /** For `verify`: `'ok'` or the failure. */
  outcome?: 'ok' | HelpdeskyEmulatorFailure;
  /** For `verify`: the email as sent, before lowercasing, when the body had one. */
  email?: string;
}

/** A running emulator: a fetch handler plus the knobs tests need. */
export interface HelpdeskyEmulator {
  /** The Web-standard handler. Answers 404 for any path it does not serve. Safe to detach. */
  fetch(request: Request): Promise<Response>;
  /** The same function as {@link HelpdeskyEmulator.fetch}, for frameworks that call it so. */
  handler(request: Request): Promise<Response>;
  /** Whether `input` (a Request or URL) is one of the emulator's routes, for fall-through mounts. */
  handles(input: Request | URL | string): boolean;
  /** Path of the script, `<basePath>/ticket-center.js`; resolve it against where you mounted. */
  readonly scriptUrl: string;
  /** Path of the verification API, `<basePath>/api/verify`. */
  readonly verifyUrl: string;
  readonly basePath: string;
  /** The secret signatures are checked with. */
  readonly secret: string;
  readonly helpdeskId: string;
  /** The seeded users, emails lowercased. */
  readonly users: readonly HelpdeskyEmulatorUser[];
  /** The behaviour in force now. */
  readonly behaviour: Readonly<Required<HelpdeskyEmulatorBehaviour>>;
  /**
   * Changes behaviour for the next requests, e.g. `setOptions({ failScript: false })` to
   * "unblock" the script in the middle of a test. Fields left out keep their current value.
   */
  setOptions(patch: HelpdeskyEmulatorBehaviour): void;
  /** Restores the behaviour given at creation and forgets recorded requests. */
  reset(): void;
  /** Every request answered since creation or the last `reset()`, oldest first. */
  readonly requests: readonly HelpdeskyEmulatorRequestRecord[];
  /** The signature the emulator accepts for `email`: lowercase hex HMAC of exactly that string. */
  sign(email: string): Promise<string>;
}

const NAME = '[helpdesky-react/testing]';

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
  // Tests flip behaviour between requests: never let a browser reuse an old answer.
  'cache-control': 'no-store',
};

const FAILURE_MESSAGES: Record<HelpdeskyEmulatorFailure, string> = {
  'bad-request': 'Verification failed',
  'unknown-helpdesk': 'Helpdesk not found',
  'origin-not-allowed': 'Origin not allowed',
  'verification-failed': 'Verification failed',
};

const FAILURE_STATUS: Record<HelpdeskyEmulatorFailure, number> = {
  'bad-request': 400,
  'unknown-helpdesk': 404,
  'origin-not-allowed': 403,
  'verification-failed': 401,
};

/**
 * Creates a local Helpdesky emulator, a test double of helpdesky.io. See the module comment for
 * what it serves; `HELPDESKY.md` for the contract it imitates.
 *
 * @example
 * const emulator = createHelpdeskyEmulator({ verifyLatencyMs: 200 });
 * const response = await emulator.fetch(new Request('http://localhost/ticket-center.js'));
 */
export function createHelpdeskyEmulator(options: HelpdeskyEmulatorOptions = {}): HelpdeskyEmulator {
  const secret = options.secret ?? HELPDESKY_EMULATOR_SECRET;
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError(`${NAME} "secret" must be a non-empty string; leave it out to use HELPDESKY_EMULATOR_SECRET.`);
  }
  const helpdeskId = options.helpdeskId ?? HELPDESKY_EMULATOR_HELPDESK_ID;
  if (typeof helpdeskId !== 'string' || helpdeskId === '') {
    throw new TypeError(
      `${NAME} "helpdeskId" must be a non-empty string; leave it out to use HELPDESKY_EMULATOR_HELPDESK_ID.`,
    );
  }
  const basePath = normalizeBasePath(options.basePath);
  const users = (options.users ?? HELPDESKY_EMULATOR_USERS).map(copyUser);
  const usersByEmail = new Map(users.map((user) => [user.email, user]));

  const initial = completeBehaviour(options, DEFAULT_BEHAVIOUR);
  let behaviour = initial;
  let requests: HelpdeskyEmulatorRequestRecord[] = [];
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = () => (key ??= importHmacKey(secret));

  const scriptPath = `${basePath}/ticket-center.js`;
  const verifyPath = `${basePath}/api/verify`;

  function route(input: Request | URL | string): 'script' | 'verify' | undefined {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { pathname } = new URL(raw, 'http://emulator.invalid');
    if (pathname === scriptPath) return 'script';
    if (pathname === verifyPath) return 'verify';
    return undefined;
  }

  async function serveScript(request: Request): Promise<Response> {
    const now = behaviour;
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(request, 'script');
    await sleep(now.scriptLatencyMs);
    if (now.failScript) {
      requests.push({ kind: 'script', method: request.method, status: 404 });
      return new Response('Not found', { status: 404, headers: { ...CORS_HEADERS, 'content-type': 'text/plain' } });
    }
    requests.push({ kind: 'script', method: request.method, status: 200 });
    const body = request.method === 'HEAD' ? null : emulatorScriptSource({ renderNothing: now.renderNothing });
    return new Response(body, {
      status: 200,
      headers: { ...CORS_HEADERS, 'content-type': 'text/javascript; charset=utf-8' },
    });
  }

  async function serveVerify(request: Request): Promise<Response> {
    const now = behaviour;
    if (request.method !== 'POST') return methodNotAllowed(request, 'verify');
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      body = undefined;
    }
    const result = await verify(body, request.headers.get('origin'), now);
    await sleep(now.verifyLatencyMs);
    const email = isRecord(body) && typeof body.email === 'string' ? body.email : undefined;
    const status = result.ok ? 200 : FAILURE_STATUS[result.error];
    requests.push({
      kind: 'verify',
      method: 'POST',
      status,
      outcome: result.ok ? 'ok' : result.error,
      ...(email === undefined ? {} : { email }),
    });
    return Response.json(result, { status, headers: CORS_HEADERS });
  }

  async function verify(
    body: unknown,
    originHeader: string | null,
    now: Required<HelpdeskyEmulatorBehaviour>,
  ): Promise<HelpdeskyEmulatorVerified | HelpdeskyEmulatorRefused> {
    if (!isRecord(body)) return refuse('bad-request');
    const { helpdeskId: sentId, email, signature } = body;
    if (typeof sentId !== 'string' || typeof email !== 'string' || typeof signature !== 'string') {
      return refuse('bad-request');
    }
    if (sentId !== helpdeskId) return refuse('unknown-helpdesk');
    if (now.allowedOrigins.length > 0) {
      // Browsers send Origin on a POST; MSW in a service worker may not see it, so the script
      // also sends location.origin in the body.
      const origin = originHeader ?? (typeof body.origin === 'string' ? body.origin : '');
      if (!now.allowedOrigins.includes(origin)) return refuse('origin-not-allowed');
    }
    // Vendor behaviour: the server lowercases the email before verifying. It does not trim.
    const lowered = email.toLowerCase();
    if (!(await verifyHmacHex(await hmacKey(), lowered, signature))) return refuse('verification-failed');
    const user = usersByEmail.get(lowered);
    return {
      ok: true,
      email: lowered,
      name: user?.name ?? lowered,
      conversations: user ? user.conversations.map(copyConversation) : [],
    };
  }

  function methodNotAllowed(request: Request, kind: 'script' | 'verify'): Response {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    requests.push({ kind, method: request.method, status: 405 });
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...CORS_HEADERS, allow: kind === 'script' ? 'GET, HEAD' : 'POST' },
    });
  }

  async function fetch(request: Request): Promise<Response> {
    switch (route(request)) {
      case 'script':
        return serveScript(request);
      case 'verify':
        return serveVerify(request);
      default:
        return new Response(`${NAME} The Helpdesky emulator serves ${scriptPath} and ${verifyPath} only.`, {
          status: 404,
          headers: { ...CORS_HEADERS, 'content-type': 'text/plain' },
        });
    }
  }

  return {
    fetch,
    handler: fetch,
    handles: (input) => route(input) !== undefined,
    scriptUrl: scriptPath,
    verifyUrl: verifyPath,
    basePath,
    secret,
    helpdeskId,
    users,
    get behaviour() {
      return behaviour;
    },
    setOptions(patch) {
      behaviour = completeBehaviour(patch, behaviour);
    },
    reset() {
      behaviour = initial;
      requests = [];
    },
    get requests() {
      return requests;
    },
    sign: async (email) => hmacHex(await hmacKey(), email),
  };
}

const DEFAULT_BEHAVIOUR: Readonly<Required<HelpdeskyEmulatorBehaviour>> = Object.freeze({
  scriptLatencyMs: 0,
  verifyLatencyMs: 0,
  renderNothing: false,
  failScript: false,
  allowedOrigins: [],
});

function completeBehaviour(
  patch: HelpdeskyEmulatorBehaviour,
  base: Readonly<Required<HelpdeskyEmulatorBehaviour>>,
): Readonly<Required<HelpdeskyEmulatorBehaviour>> {
  const next = {
    scriptLatencyMs: latency('scriptLatencyMs', patch.scriptLatencyMs ?? base.scriptLatencyMs),
    verifyLatencyMs: latency('verifyLatencyMs', patch.verifyLatencyMs ?? base.verifyLatencyMs),
    renderNothing: patch.renderNothing ?? base.renderNothing,
    failScript: patch.failScript ?? base.failScript,
    allowedOrigins: Object.freeze([...(patch.allowedOrigins ?? base.allowedOrigins)]),
  };
  return Object.freeze(next);
}

function latency(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${NAME} "${name}" must be a finite number of milliseconds >= 0, got ${String(value)}.`);
  }
  return value;
}

function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return '';
  if (typeof basePath !== 'string' || !basePath.startsWith('/')) {
    throw new TypeError(
      `${NAME} "basePath" must start with "/" (like "/__helpdesky"), got ${JSON.stringify(basePath)}.`,
    );
  }
  return basePath.replace(/\/+$/, '');
}

function refuse(error: HelpdeskyEmulatorFailure): HelpdeskyEmulatorRefused {
  return { ok: false, error, message: FAILURE_MESSAGES[error] };
}

function copyUser(user: HelpdeskyEmulatorUser): HelpdeskyEmulatorUser {
  if (typeof user?.email !== 'string' || user.email.trim() === '') {
    throw new TypeError(`${NAME} every seeded user needs a non-empty "email".`);
  }
  return {
    email: user.email.trim().toLowerCase(),
    name: user.name,
    conversations: (user.conversations ?? []).map(copyConversation),
  };
}

function copyConversation(conversation: HelpdeskyEmulatorConversation): HelpdeskyEmulatorConversation {
  return { subject: conversation.subject, messages: conversation.messages.map((m) => ({ ...m })) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
