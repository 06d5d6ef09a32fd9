import { checkIdentity } from '../core/identityContract.js';
import type { CryptoBackend } from '../server/cryptoBackend.js';
import { normalizeEmail } from '../server/normalizeEmail.js';

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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks an identity endpoint's answer against Helpdesky's contract, point by point. Works on
 * any backend's answer (Django, Rails, Laravel, Go…), not only this library's handler. Never
 * puts the secret in a detail or a fix.
 */
export async function checkIdentityResponse(
  answer: EndpointAnswer,
  expected: CheckExpectations,
  backend: CryptoBackend,
): Promise<CheckPoint[]> {
  const points: CheckPoint[] = [];
  const pass = (name: string, detail: string) => points.push({ name, result: 'pass', detail });
  const fail = (name: string, detail: string, fix: string) => points.push({ name, result: 'fail', detail, fix });
  const warn = (name: string, detail: string, fix: string) => points.push({ name, result: 'warn', detail, fix });
  const { status, headers } = answer;

  if (status === 200) pass('status', '200');
  else {
    fail('status', `${status} ${answer.statusText}`.trim(), statusFix(status, headers.get('location')));
    return points;
  }

  const type = headers.get('content-type') ?? '';
  if (/^application\/json\b/i.test(type)) pass('content type', type);
  else
    fail(
      'content type',
      type || '(none)',
      'Answer with Content-Type: application/json (JsonResponse, render json:, response()->json(), json.NewEncoder).',
    );

  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    // An HTML page is what a single-page app's fallback route, or a framework's 404, answers.
    const html = /^\s*</.test(answer.body);
    fail(
      'JSON shape',
      `the body is ${html ? 'an HTML page' : 'not JSON'} (${answer.body.length} characters, starts ${JSON.stringify(answer.body.slice(0, 30))})`,
      html
        ? 'The route is not mounted at this URL, so a fallback page answered: mount the identity endpoint here, answering a JSON object { "email", "signature", "helpdeskId" }.'
        : 'Answer with a JSON object { "email", "signature", "helpdeskId" }.',
    );
    return points;
  }
  const checked = checkIdentity(parsed);
  if (!checked.ok) {
    fail(
      'JSON shape',
      checked.problem.message,
      'Answer with a JSON object { "email", "signature", "helpdeskId" }: three non-empty strings, the signature as 64 lowercase hex characters.',
    );
    return points;
  }
  pass('JSON shape', '{ email, signature, helpdeskId }');
  const { email, signature, helpdeskId } = checked.identity;

  const normalized = normalizeEmail(email);
  if (normalized === email) pass('email normalization', JSON.stringify(email));
  else {
    fail(
      'email normalization',
      `${JSON.stringify(email)} is not trimmed and lowercased`,
      // The recipes' expressions (examples/recipes): Ruby's plain strip and PHP's plain trim leave a no-break space.
      `Normalize before signing and sending: email.strip().lower() (Python), email.gsub(/\\A[[:space:]]+|[[:space:]]+\\z/, "").downcase (Ruby), mb_strtolower(preg_replace('/^\\s+|\\s+$/u', '', $email), 'UTF-8') (PHP), strings.ToLower(strings.TrimSpace(email)) (Go).`,
    );
  }

  if (expected.secret === undefined) {
    fail(
      'signature',
      'not checked: HELPDESKY_HMAC_SECRET is not set here',
      'Set HELPDESKY_HMAC_SECRET in this shell to the same secret as the server, then run the check again.',
    );
  } else {
    const secret = expected.secret;
    const sign = async (key: string, message: string) => backend.hmacSha256Hex(key, message);
    if (backend.timingSafeEqual(await sign(secret, normalized), signature))
      pass('signature', 'matches HMAC-SHA256(secret, email)');
    else
      fail(
        'signature',
        'does not match HMAC-SHA256(secret, email)',
        await signatureFix(sign, secret, email, normalized, signature),
      );
  }

  if (expected.helpdeskId !== undefined) {
    if (helpdeskId === expected.helpdeskId) pass('helpdesk id', helpdeskId);
    else
      fail(
        'helpdesk id',
        `${JSON.stringify(helpdeskId)}, expected ${JSON.stringify(expected.helpdeskId)}`,
        "Set the server's HELPDESKY_HELPDESK_ID to the data-helpdesk-id of your embed code in the Helpdesky dashboard.",
      );
  } else if (UUID.test(helpdeskId))
    pass('helpdesk id', `${helpdeskId} (a UUID; set HELPDESKY_HELPDESK_ID here to compare)`);
  else
    warn(
      'helpdesk id',
      `${JSON.stringify(helpdeskId)} is not a UUID`,
      'Use the data-helpdesk-id of your embed code in the Helpdesky dashboard.',
    );

  const cache = headers.get('cache-control') ?? '';
  if (/\bno-store\b/i.test(cache)) pass('Cache-Control', cache);
  else
    fail(
      'Cache-Control',
      cache || '(none)',
      "Send Cache-Control: private, no-store, so that no cache hands one user's signature to another.",
    );

  const vary = headers.get('vary') ?? '';
  if (/\b(cookie|authorization)\b/i.test(vary) || vary.trim() === '*') pass('Vary', vary);
  else
    warn('Vary', vary || '(none)', 'Send Vary: Cookie, Authorization, since the answer depends on who is signed in.');

  const cors = headers.get('access-control-allow-origin');
  if (cors === null) pass('no CORS', 'no Access-Control-Allow-Origin');
  else
    warn(
      'no CORS',
      `Access-Control-Allow-Origin: ${cors}`,
      'Drop the CORS headers: only your own pages should read the identity.',
    );

  if ((headers.get('x-content-type-options') ?? '').toLowerCase() === 'nosniff')
    pass('nosniff', 'X-Content-Type-Options: nosniff');
  else warn('nosniff', 'no X-Content-Type-Options: nosniff', 'Send X-Content-Type-Options: nosniff.');

  return points;
}

function statusFix(status: number, location: string | null): string {
  if (status === 401 || status === 403)
    return 'Nobody is signed in for this request: pass your session, e.g. -H "Cookie: sessionid=…" (copy it from the browser\'s dev tools).';
  if (status >= 300 && status < 400)
    return `The endpoint redirects${location ? ` to ${location}` : ''}: pass a signed-in session with -H "Cookie: …"; and answer 401 JSON rather than redirecting API calls to a login page.`;
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
