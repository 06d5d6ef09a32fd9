import { checkIdentity, type HelpdeskyIdentity } from '../core/identityContract.js';
import type { CryptoBackend } from '../server/cryptoBackend.js';
import { normalizeEmail } from '../server/normalizeEmail.js';
import { quoted, shown } from './display.js';

/** One point of the contract, as `helpdesky-react check` reports it. */
export interface CheckPoint {
  name: string;
  /** `warn` does not fail the check: the endpoint works, but something is worth fixing. */
  result: 'pass' | 'fail' | 'warn';
  detail: string;
  /** One line saying how to fix it, for `fail` and `warn`. */
  fix?: string;
}

/** What came back from the endpoint. */
export interface EndpointAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  body: string;
}

/** What to check the answer against; each value left out skips or weakens its point. */
export interface CheckExpectations {
  secret?: string | undefined;
  helpdeskId?: string | undefined;
  /** The headers of the same request sent again with `Origin: {@link PROBE_ORIGIN}`, if it answered. */
  probe?: Headers | undefined;
}

/** The foreign origin `check` asks with, to see whether the endpoint lets any website read it. */
export const PROBE_ORIGIN = 'https://helpdesky-check.invalid';

interface Context {
  answer: EndpointAnswer;
  expected: CheckExpectations;
  backend: CryptoBackend;
  /** Set by the JSON shape check, for the checks after it. */
  identity?: HelpdeskyIdentity;
}

/** What one check found; `stop` ends the run (nothing after it can be judged). */
type Outcome = Omit<CheckPoint, 'name'> & { stop?: boolean };

interface Check {
  name: string;
  run(context: Context): Outcome | Promise<Outcome>;
}

const pass = (detail: string): Outcome => ({ result: 'pass', detail });
const fail = (detail: string, fix: string, stop = false): Outcome => ({ result: 'fail', detail, fix, stop });
const warn = (detail: string, fix: string): Outcome => ({ result: 'warn', detail, fix });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHAPE_FIX = 'Answer with a JSON object { "email", "signature", "helpdeskId" }';

/** Helpdesky's contract, point by point, in the order a developer fixes them. */
export const CHECKS: readonly Check[] = [
  {
    name: 'status',
    run: ({ answer: { status, statusText, headers } }) =>
      status === 200
        ? pass('200')
        : fail(shown(`${status} ${statusText}`.trim()), statusFix(status, headers.get('location')), true),
  },
  {
    name: 'content type',
    run: ({ answer }) => {
      const type = answer.headers.get('content-type') ?? '';
      return /^application\/json\b/i.test(type)
        ? pass(shown(type))
        : fail(
            shown(type) || '(none)',
            'Answer with Content-Type: application/json (JsonResponse, render json:, response()->json(), json.NewEncoder).',
          );
    },
  },
  {
    name: 'JSON shape',
    run: (context) => {
      const { body } = context.answer;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        // An HTML page is what a single-page app's fallback route, or a framework's 404, answers.
        const html = /^\s*</.test(body);
        return fail(
          `the body is ${html ? 'an HTML page' : 'not JSON'} (${body.length} characters, starts ${quoted(body.slice(0, 30))})`,
          html
            ? `The route is not mounted at this URL, so a fallback page answered: mount the identity endpoint here, answering a JSON object { "email", "signature", "helpdeskId" }.`
            : `${SHAPE_FIX}.`,
          true,
        );
      }
      const checked = checkIdentity(parsed);
      if (checked.ok) {
        context.identity = checked.identity;
        return pass('{ email, signature, helpdeskId }');
      }
      const signature = (parsed as { signature?: unknown }).signature;
      if (
        checked.problem.field === 'signature' &&
        typeof signature === 'string' &&
        /^[0-9a-fA-F]{64}$/.test(signature)
      ) {
        return fail(
          '"signature" is upper case hex; it must be 64 lowercase hex characters (HMAC-SHA256)',
          "Send the hex digest in lower case (Python's hexdigest() and Node's digest('hex') already are; lowercase the others).",
          true,
        );
      }
      return fail(
        capQuotedValue(checked.problem.message),
        `${SHAPE_FIX}: three non-empty strings, the signature as 64 lowercase hex characters.`,
        true,
      );
    },
  },
  {
    name: 'email normalization',
    run: ({ identity }) => {
      const email = identity!.email;
      return normalizeEmail(email) === email
        ? pass(quoted(email))
        : fail(
            `${quoted(email)} is not trimmed and lowercased`,
            // The recipes' expressions (examples/recipes), each trimming exactly JavaScript's
            // whitespace: no language's own trim does (U+FEFF, U+0085, U+001C-U+001F, NUL differ).
            `Normalize before signing and sending: ${PYTHON_NORMALIZE} (Python), email.gsub(JS_TRIM, "").downcase (Ruby), mb_strtolower(preg_replace(JS_TRIM, '', $email), 'UTF-8') (PHP), strings.ToLower(strings.Trim(email, jsWhitespace)) (Go), with JS_TRIM and jsWhitespace (the characters Python strips here) from the recipes in docs/server.md.`,
          );
    },
  },
  {
    name: 'signature',
    run: async ({ identity, expected, backend }) => {
      if (expected.secret === undefined) {
        return fail(
          'not checked: HELPDESKY_HMAC_SECRET is not set here',
          'Set HELPDESKY_HMAC_SECRET in this shell to the same secret as the server, then run the check again.',
        );
      }
      const { email, signature } = identity!;
      const sign = async (key: string, message: string) => backend.hmacSha256Hex(key, message);
      const normalized = normalizeEmail(email);
      return backend.timingSafeEqual(await sign(expected.secret, normalized), signature)
        ? pass('matches HMAC-SHA256(secret, email)')
        : fail(
            'does not match HMAC-SHA256(secret, email)',
            await signatureFix(sign, expected.secret, email, normalized, signature),
          );
    },
  },
  {
    name: 'helpdesk id',
    run: ({ identity, expected }) => {
      const helpdeskId = identity!.helpdeskId;
      if (expected.helpdeskId !== undefined) {
        return helpdeskId === expected.helpdeskId
          ? pass(shown(helpdeskId))
          : fail(
              `${quoted(helpdeskId)}, expected ${quoted(expected.helpdeskId)}`,
              "Set the server's HELPDESKY_HELPDESK_ID to the data-helpdesk-id of your embed code in the Helpdesky dashboard.",
            );
      }
      return UUID.test(helpdeskId)
        ? pass(`${helpdeskId} (a UUID; set HELPDESKY_HELPDESK_ID here to compare)`)
        : warn(
            `${quoted(helpdeskId)} is not a UUID`,
            'Use the data-helpdesk-id of your embed code in the Helpdesky dashboard.',
          );
    },
  },
  {
    name: 'Cache-Control',
    run: ({ answer }) => {
      const cache = answer.headers.get('cache-control') ?? '';
      return /\bno-store\b/i.test(cache)
        ? pass(shown(cache))
        : fail(
            shown(cache) || '(none)',
            "Send Cache-Control: private, no-store, so that no cache hands one user's signature to another.",
          );
    },
  },
  {
    name: 'Vary',
    run: ({ answer }) => {
      const vary = answer.headers.get('vary') ?? '';
      return /\b(cookie|authorization)\b/i.test(vary) || vary.trim() === '*'
        ? pass(shown(vary))
        : warn(
            shown(vary) || '(none)',
            'Send Vary: Cookie, Authorization, since the answer depends on who is signed in.',
          );
    },
  },
  {
    name: 'no CORS',
    run: ({ answer, expected: { probe } }) => {
      const cors = answer.headers.get('access-control-allow-origin');
      const probed = probe?.get('access-control-allow-origin') ?? null;
      const credentials = probe?.get('access-control-allow-credentials')?.trim().toLowerCase() === 'true';
      const readable =
        "any website can read the signed-in user's { email, signature }, and the signature never expires";
      const fix = 'Drop the CORS headers from the identity endpoint: only your own pages should read it.';
      if (cors?.trim() === '*' || probed?.trim() === '*')
        return fail(`Access-Control-Allow-Origin: *: ${readable}`, fix);
      if (probed === PROBE_ORIGIN && credentials) {
        return fail(`reflects any Origin with Access-Control-Allow-Credentials: true: ${readable}`, fix);
      }
      return cors === null
        ? pass('no Access-Control-Allow-Origin')
        : warn(`Access-Control-Allow-Origin: ${shown(cors)}`, fix);
    },
  },
  {
    name: 'nosniff',
    run: ({ answer }) =>
      (answer.headers.get('x-content-type-options') ?? '').toLowerCase() === 'nosniff'
        ? pass('X-Content-Type-Options: nosniff')
        : warn('no X-Content-Type-Options: nosniff', 'Send X-Content-Type-Options: nosniff.'),
  },
];

/**
 * JavaScript's `trim()` in Python: `str.strip()` with JavaScript's whitespace set. Plain
 * `strip()` keeps a leading U+FEFF (which `trim()` removes) and removes U+001C-U+001F and U+0085
 * (which `trim()` keeps).
 */
export const PYTHON_NORMALIZE =
  'email.strip("\\t\\n\\v\\f\\r \\xa0\\u1680\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff").lower()';

/**
 * Checks an identity endpoint's answer against Helpdesky's contract, running {@link CHECKS} in
 * order. Works on any backend's answer (Django, Rails, Laravel, Go…), not only this library's
 * handler. Never puts the secret in a detail or a fix.
 */
export async function checkIdentityResponse(
  answer: EndpointAnswer,
  expected: CheckExpectations,
  backend: CryptoBackend,
): Promise<CheckPoint[]> {
  const context: Context = { answer, expected, backend };
  const points: CheckPoint[] = [];
  for (const check of CHECKS) {
    const { stop, ...outcome } = await check.run(context);
    points.push({ name: check.name, ...outcome });
    if (stop) break;
  }
  return points;
}

/** The contract's message, its quoted value escaped and cut to the CLI's limit. */
function capQuotedValue(message: string): string {
  const at = message.indexOf(', got ');
  return at === -1 ? shown(message, 200) : `${shown(message.slice(0, at), 200)}, got ${shown(message.slice(at + 6))}`;
}

function statusFix(status: number, location: string | null): string {
  if (status === 401 || status === 403)
    return 'Nobody is signed in for this request: pass your session, e.g. -H "Cookie: sessionid=…" (copy it from the browser\'s dev tools).';
  if (status >= 300 && status < 400)
    return `The endpoint redirects${location ? ` to ${shown(location)}` : ''}: pass a signed-in session with -H "Cookie: …"; and answer 401 JSON rather than redirecting API calls to a login page.`;
  if (status === 404) return 'No route answers at this URL: mount the identity endpoint there, or check the URL.';
  if (status === 405) return 'The endpoint must answer GET.';
  if (status >= 500)
    return 'The server failed: read its log (a missing HELPDESKY_HMAC_SECRET or HELPDESKY_HELPDESK_ID is the usual cause).';
  return 'The endpoint must answer 200 with the identity for the signed-in user.';
}

// Works out the usual mistakes by recomputing the signature their way; never shows the secret.
async function signatureFix(
  sign: (key: string, message: string) => Promise<string>,
  secret: string,
  email: string,
  normalized: string,
  signature: string,
): Promise<string> {
  for (const suffix of ['\n', '\r\n', ' ']) {
    if ((await sign(secret + suffix, normalized)) === signature) {
      return `The server's secret ends with ${JSON.stringify(suffix)}: trim HELPDESKY_HMAC_SECRET where it is set (.env file, hosting dashboard).`;
    }
  }
  for (const candidate of [email, email.trim(), email.toLowerCase()]) {
    if (candidate !== normalized && (await sign(secret, candidate)) === signature) {
      return 'The server signed the email without normalizing it: sign email.trim().toLowerCase(), and send that same string.';
    }
  }
  return 'Sign the normalized email with HMAC-SHA256 keyed with the whole secret (hdh_secret_… as UTF-8), hex-encoded; and check that this shell and the server use the same secret.';
}
