/**
 * TEST DOUBLE OF helpdesky.io: the local Helpdesky emulator.
 *
 * This is the one place in the project that mimics the vendor (see `HELPDESKY.md`). It is not
 * Helpdesky's code, talks to nothing outside the process, and exists so tests, demos and
 * Storybook can run real embed scripts, a real signature check and a real contact form offline.
 *
 * One Web-standard handler, `(Request) => Promise<Response>`, serves:
 * - `GET <basePath>/ticket-center.js`: the emulated Ticket Center (see `emulatorScript.ts`);
 * - `GET <basePath>/contact-form.js`: the emulated Contact Form, an "email us" form in an open
 *   shadow root of its container (see `emulatorContactFormScript.ts`);
 * - `GET <basePath>/widget.js`: the emulated Widget, a floating "Help" launcher appended to
 *   `<body>` in its own shadow host (see `emulatorWidgetScript.ts`);
 * - `POST <basePath>/api/verify`: the verification API the Ticket Center calls, with JSON
 *   `{ helpdeskId, email, signature }`. It lowercases the email (Helpdesky's server does; it
 *   does not trim), recomputes HMAC-SHA256 with the emulator's secret, compares in constant time
 *   and answers `{ ok: true, email, name, conversations }` or
 *   `{ ok: false, error, message }` with `error` one of {@link HelpdeskyEmulatorFailure};
 * - `POST <basePath>/api/messages`: the messages API the Contact Form posts to, with JSON
 *   `{ helpdeskId, email, message }`. It records the submission in `emulator.messages` and
 *   answers `{ ok: true }`, or `{ ok: false, error, message }` with `error` one of
 *   {@link HelpdeskyEmulatorMessageFailure}.
 *
 * The script behaviours (`scriptLatencyMs`, `renderNothing`, `failScript`) apply to all three
 * scripts; `allowedOrigins` to both APIs. Every script counts its executions in the page, in
 * `window.__helpdeskyEmulator` (see `HELPDESKY_EMULATOR_GLOBAL`).
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
import { CONTACT_FORM_FAILURE_MESSAGES, emulatorContactFormScriptSource } from './emulatorContactFormScript.js';
import { emulatorScriptSource, type EmulatorScriptConfig } from './emulatorScript.js';
import { emulatorWidgetScriptSource } from './emulatorWidgetScript.js';

/** Behaviour that tests may change at run time with {@link HelpdeskyEmulator.setOptions}. */
export interface HelpdeskyEmulatorBehaviour {
  /**
   * Milliseconds to wait before answering a request for any of the scripts (`ticket-center.js`,
   * `contact-form.js`, `widget.js`). Default: `0`.
   */
  scriptLatencyMs?: number;
  /** Milliseconds to wait before answering the verification API. Default: `0`. */
  verifyLatencyMs?: number;
  /**
   * Serve scripts that execute (and count their execution) but render nothing and call
   * nothing, as a broken embed would (or one whose dashboard switch is off): exercises the
   * component's timeout. Applies to all three scripts. Default: `false`.
   */
  renderNothing?: boolean;
  /**
   * Answer each of the three scripts with a 404, as a blocked or missing script.
   * Default: `false`.
   */
  failScript?: boolean;
  /**
   * The dashboard's "Allowed Embed Domains", as origins (`"http://localhost:5173"`). When
   * non-empty, verification and contact-form messages from any other page origin fail with
   * "Origin not allowed". Default: `[]` (every origin allowed).
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
   * `/__helpdesky/ticket-center.js` (and its siblings) beside an app. Any origin matches.
   * Default: `""` (the root, like helpdesky.io itself).
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

/** Why the messages API (`POST <basePath>/api/messages`) refused, as its `error` field says. */
export type HelpdeskyEmulatorMessageFailure = Exclude<HelpdeskyEmulatorFailure, 'verification-failed'>;

/** What the messages API answers when it refuses a submission. */
export interface HelpdeskyEmulatorMessageRefused {
  ok: false;
  error: HelpdeskyEmulatorMessageFailure;
  /** The line the emulated contact form shows, e.g. `"Origin not allowed"`. */
  message: string;
}

/** One contact-form submission the messages API accepted (`emulator.messages`). */
export interface HelpdeskyEmulatorContactMessage {
  readonly helpdeskId: string;
  /** The email as sent (not lowercased, not trimmed). */
  readonly email: string;
  /** The message as sent. */
  readonly message: string;
}

/** Which of the emulated embed scripts a request was for. */
export type HelpdeskyEmulatorScript = 'ticket-center' | 'contact-form' | 'widget';

/** One request the emulator answered, for assertions (`emulator.requests`). */
export interface HelpdeskyEmulatorRequestRecord {
  /** `script` for any of the three scripts, `verify` and `message` for the two APIs. */
  kind: 'script' | 'verify' | 'message';
  /** For `script`: which script. */
  script?: HelpdeskyEmulatorScript;
  method: string;
  status: number;
  /** For `verify` and `message`: `'ok'` or the failure. */
  outcome?: 'ok' | HelpdeskyEmulatorFailure;
  /**
   * For `verify` and `message`: the email as sent (for `verify`, before lowercasing), when the
   * body had one.
   */
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
  /** Path of the Contact Form script, `<basePath>/contact-form.js`. */
  readonly contactFormScriptUrl: string;
  /** Path of the Widget script, `<basePath>/widget.js`. */
  readonly widgetScriptUrl: string;
  /** Path of the verification API, `<basePath>/api/verify`. */
  readonly verifyUrl: string;
  /** Path of the messages API the Contact Form posts to, `<basePath>/api/messages`. */
  readonly messagesUrl: string;
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
  /** Restores the behaviour given at creation and forgets recorded requests and messages. */
  reset(): void;
  /** Every request answered since creation or the last `reset()`, oldest first. */
  readonly requests: readonly HelpdeskyEmulatorRequestRecord[];
  /** Every contact-form submission accepted since creation or the last `reset()`, oldest first. */
  readonly messages: readonly HelpdeskyEmulatorContactMessage[];
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

/** What each script route serves, by name. */
const SCRIPTS: Record<HelpdeskyEmulatorScript, { file: string; source: (config: EmulatorScriptConfig) => string }> = {
  'ticket-center': { file: 'ticket-center.js', source: emulatorScriptSource },
  'contact-form': { file: 'contact-form.js', source: emulatorContactFormScriptSource },
  widget: { file: 'widget.js', source: emulatorWidgetScriptSource },
};

type Route = HelpdeskyEmulatorScript | 'verify' | 'messages';

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
  warnInProductionBrowser();
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
  let messages: HelpdeskyEmulatorContactMessage[] = [];
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = () => (key ??= importHmacKey(secret));

  const scriptPaths: Record<HelpdeskyEmulatorScript, string> = {
    'ticket-center': `${basePath}/${SCRIPTS['ticket-center'].file}`,
    'contact-form': `${basePath}/${SCRIPTS['contact-form'].file}`,
    widget: `${basePath}/${SCRIPTS.widget.file}`,
  };
  const verifyPath = `${basePath}/api/verify`;
  const messagesPath = `${basePath}/api/messages`;
  const routes = new Map<string, Route>([
    ...Object.entries(scriptPaths).map(([script, path]) => [path, script as HelpdeskyEmulatorScript] as const),
    [verifyPath, 'verify'],
    [messagesPath, 'messages'],
  ]);

  function route(input: Request | URL | string): Route | undefined {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { pathname } = new URL(raw, 'http://emulator.invalid');
    return routes.get(pathname);
  }

  async function serveScript(request: Request, script: HelpdeskyEmulatorScript): Promise<Response> {
    const now = behaviour;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return methodNotAllowed(request, { kind: 'script', script }, 'GET, HEAD');
    }
    await sleep(now.scriptLatencyMs);
    if (now.failScript) {
      requests.push({ kind: 'script', script, method: request.method, status: 404 });
      return new Response('Not found', { status: 404, headers: { ...CORS_HEADERS, 'content-type': 'text/plain' } });
    }
    requests.push({ kind: 'script', script, method: request.method, status: 200 });
    const body = request.method === 'HEAD' ? null : SCRIPTS[script].source({ renderNothing: now.renderNothing });
    return new Response(body, {
      status: 200,
      headers: { ...CORS_HEADERS, 'content-type': 'text/javascript; charset=utf-8' },
    });
  }

  async function serveVerify(request: Request): Promise<Response> {
    const now = behaviour;
    if (request.method !== 'POST') return methodNotAllowed(request, { kind: 'verify' }, 'POST');
    const body = await readJson(request);
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
    if (!originAllowed(body, originHeader, now)) return refuse('origin-not-allowed');
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

  async function serveMessages(request: Request): Promise<Response> {
    const now = behaviour;
    if (request.method !== 'POST') return methodNotAllowed(request, { kind: 'message' }, 'POST');
    const body = await readJson(request);
    const result = acceptMessage(body, request.headers.get('origin'), now);
    const email = isRecord(body) && typeof body.email === 'string' ? body.email : undefined;
    const status = 'error' in result ? FAILURE_STATUS[result.error] : 200;
    requests.push({
      kind: 'message',
      method: 'POST',
      status,
      outcome: 'error' in result ? result.error : 'ok',
      ...(email === undefined ? {} : { email }),
    });
    if ('error' in result) return Response.json(result, { status, headers: CORS_HEADERS });
    messages.push(result);
    return Response.json({ ok: true }, { status, headers: CORS_HEADERS });
  }

  function acceptMessage(
    body: unknown,
    originHeader: string | null,
    now: Required<HelpdeskyEmulatorBehaviour>,
  ): HelpdeskyEmulatorContactMessage | HelpdeskyEmulatorMessageRefused {
    if (!isRecord(body)) return refuseMessage('bad-request');
    const { helpdeskId: sentId, email, message } = body;
    if (typeof sentId !== 'string' || !nonBlank(email) || !nonBlank(message)) return refuseMessage('bad-request');
    if (sentId !== helpdeskId) return refuseMessage('unknown-helpdesk');
    if (!originAllowed(body, originHeader, now)) return refuseMessage('origin-not-allowed');
    return Object.freeze({ helpdeskId, email, message });
  }

  function methodNotAllowed(
    request: Request,
    record: Pick<HelpdeskyEmulatorRequestRecord, 'kind' | 'script'>,
    allow: string,
  ): Response {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    requests.push({ ...record, method: request.method, status: 405 });
    return new Response('Method not allowed', { status: 405, headers: { ...CORS_HEADERS, allow } });
  }

  const served = [...routes.keys()];
  const notFound = `${NAME} The Helpdesky emulator serves ${served.slice(0, -1).join(', ')} and ${served.at(-1)} only.`;

  async function fetch(request: Request): Promise<Response> {
    const target = route(request);
    switch (target) {
      case undefined:
        return new Response(notFound, { status: 404, headers: { ...CORS_HEADERS, 'content-type': 'text/plain' } });
      case 'verify':
        return serveVerify(request);
      case 'messages':
        return serveMessages(request);
      default:
        return serveScript(request, target);
    }
  }

  return {
    fetch,
    handler: fetch,
    handles: (input) => route(input) !== undefined,
    scriptUrl: scriptPaths['ticket-center'],
    contactFormScriptUrl: scriptPaths['contact-form'],
    widgetScriptUrl: scriptPaths.widget,
    verifyUrl: verifyPath,
    messagesUrl: messagesPath,
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
      messages = [];
    },
    get requests() {
      return requests;
    },
    get messages() {
      return messages;
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

/** The request's JSON body, or `undefined` when it is not JSON. */
async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/**
 * Whether the dashboard's Allowed Embed Domains let this page in. Browsers send Origin on a
 * POST; MSW in a service worker may not see it, so the scripts also send location.origin in
 * the body.
 */
function originAllowed(
  body: Record<string, unknown>,
  originHeader: string | null,
  now: Required<HelpdeskyEmulatorBehaviour>,
): boolean {
  if (now.allowedOrigins.length === 0) return true;
  const origin = originHeader ?? (typeof body.origin === 'string' ? body.origin : '');
  return now.allowedOrigins.includes(origin);
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function refuse(error: HelpdeskyEmulatorFailure): HelpdeskyEmulatorRefused {
  return { ok: false, error, message: FAILURE_MESSAGES[error] };
}

function refuseMessage(error: HelpdeskyEmulatorMessageFailure): HelpdeskyEmulatorMessageRefused {
  return { ok: false, error, message: CONTACT_FORM_FAILURE_MESSAGES[error] };
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

let warnedInProduction = false;

/**
 * A test double in a production bundle ships its seeded users and its known secret to every
 * visitor: say so, once, in the browser's console.
 */
function warnInProductionBrowser(): void {
  if (warnedInProduction || typeof window === 'undefined') return;
  let production = false;
  try {
    production = process.env.NODE_ENV === 'production';
  } catch {
    // No bundler defined process.env: not a production build.
  }
  if (!production) return;
  warnedInProduction = true;
  console.warn(
    `${NAME} The Helpdesky emulator, a test double of helpdesky.io, is running in a production build: its seeded users and its well-known secret ship to every visitor. Import helpdesky-react/testing only from tests, stories and development code.`,
  );
}
