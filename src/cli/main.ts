import { HELPDESK_ID_VARIABLE, SECRET_VARIABLE, resolveSetting } from '../server/config.js';
import { HelpdeskyConfigError } from '../server/HelpdeskyConfigError.js';
import * as nodeCrypto from '../server/nodeCrypto.js';
import { normalizeEmail } from '../server/normalizeEmail.js';
import { PROBE_ORIGIN, checkIdentityResponse, type CheckPoint } from './checkIdentityResponse.js';
import { runDoctor } from './doctor/runDoctor.js';
import { runInit } from './init/runInit.js';
import { escapeControls, maskedUrl, quoted, shown } from './display.js';
import { Cancelled, type CliIo } from './io.js';

export type { CliIo } from './io.js';

export const USAGE = `helpdesky-react: offline tools for Helpdesky's identity verification

Usage:
  helpdesky-react sign <email>
      Prints the normalized email and its signature: the dashboard's Verification Tool, offline.
      The secret is read from ${SECRET_VARIABLE}, else from stdin (never from an argument,
      which would land in shell history):
        helpdesky-react sign Alice@Example.com              # secret from the environment
        helpdesky-react sign Alice@Example.com < secret.txt # or piped / typed (hidden)
        helpdesky-react sign -- -odd@example.com            # -- ends the options

  helpdesky-react check <url> [-H "Name: value"]...
      Calls any backend's identity endpoint (Node, Django, Rails, Laravel, Go…) and checks
      Helpdesky's contract point by point: status, content type, JSON shape, email
      normalization, signature, helpdesk id, cache headers. Each failed point prints a fix.
        helpdesky-react check https://localhost:3000/api/helpdesky -H "Cookie: session=…"
      The signature is checked against ${SECRET_VARIABLE} from this shell's environment;
      ${HELPDESK_ID_VARIABLE}, when set, is compared with the answer's helpdeskId.

  helpdesky-react init [--dir PATH] [--dry-run] [--yes] [--force] [--json]
      Adds the identity endpoint (/api/helpdesky) and a /support page to a Next.js, React
      Router or Vite + Express/Hono/Fastify app, using its auth library. Never overwrites a
      file; --dry-run prints everything and writes nothing.

  helpdesky-react doctor [--dir PATH] [--url URL [-H "Name: value"]...]
      Checks a project: both variables set (names only), no padded secret, none under a
      public prefix, none in the client build, supported React and TanStack Query versions.

Options:
  -H, --header "Name: value"   (check) a request header; repeat for more
  -h, --help                   this help

Exit status: 0 when everything passed, 1 when a check failed or an error occurred,
2 for wrong usage, 130 when cancelled at the secret prompt.
`;

/** How long `check` waits for the whole answer by default, and how much of a body it reads. */
const CHECK_TIMEOUT_MS = 10_000;
const BODY_LIMIT = 1_000_000;

// Any option that names a secret, in any case, with or without a value: never echoed back.
const SECRET_FLAG = /^-{1,2}[^=]*(secret|hmac|key|token|password)/i;

/** Runs the CLI; resolves the exit status. Never writes the secret anywhere. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('-h') || options.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  if (options.some((arg) => SECRET_FLAG.test(arg))) {
    return usage(
      io,
      `the secret is never taken as an argument (it would land in shell history): set ${SECRET_VARIABLE} or pipe it on stdin.`,
    );
  }
  try {
    if (command === 'sign') return await sign(rest, io);
    if (command === 'check') return await check(rest, io);
    if (command === 'init') return await runInit(rest, io);
    if (command === 'doctor') return await runDoctor(rest, io);
  } catch (error) {
    if (error instanceof Cancelled) return 130;
    if (error instanceof HelpdeskyConfigError || error instanceof TypeError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  return usage(io, `unknown command ${quoted(command)}.`);
}

function usage(io: CliIo, problem: string): number {
  io.err(`[helpdesky] ${problem} Run helpdesky-react --help for usage.`);
  return 2;
}

/** An option's name as printed: never the value after `=`, which may be anything. */
const optionName = (arg: string) => shown(arg.split('=')[0]!, 40);

async function sign(args: string[], io: CliIo): Promise<number> {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  const unknown = options.find((arg) => arg.startsWith('-'));
  if (unknown !== undefined)
    return usage(io, `unknown option ${optionName(unknown)} for sign (put -- before an email that starts with -).`);
  const emails = end === -1 ? args : [...options, ...args.slice(end + 1)];
  if (emails.length !== 1) return usage(io, 'sign takes exactly one email (quote it if it has spaces).');
  const email = emails[0]!;
  if (/^\s*hdh_secret_/i.test(email)) {
    return usage(
      io,
      `that is the secret, not an email: the secret is never taken as an argument; set ${SECRET_VARIABLE} or pipe it on stdin.`,
    );
  }
  const normalized = normalizeEmail(email);
  if (normalized === '') return usage(io, 'the email is empty.');

  const fromEnv = io.env[SECRET_VARIABLE];
  const logger = { warn: io.err, error: io.err };
  // Resolved from where the secret came, so that a warning names HELPDESKY_HMAC_SECRET or stdin.
  let secret: string;
  if (fromEnv !== undefined && fromEnv.trim() !== '') secret = resolveSetting('secret', undefined, io.env, logger);
  else {
    if (io.readSecret === undefined) throw noSecret();
    const read = await io.readSecret();
    if (read.trim() === '') throw noSecret();
    secret = resolveSetting('secret', read, {}, logger, 'the secret read from stdin');
  }
  io.out(`email      ${normalized}`);
  io.out(`signature  ${nodeCrypto.hmacSha256Hex(secret, normalized)}`);
  if (normalized !== email) {
    io.err(
      `note: signed the normalized email (trim, then lowercase) of ${quoted(email)}; send exactly ${quoted(normalized)} as data-email.`,
    );
  }
  return 0;
}

function noSecret(): HelpdeskyConfigError {
  return new HelpdeskyConfigError(
    'missing-secret',
    SECRET_VARIABLE,
    `No secret: set ${SECRET_VARIABLE}, or pipe the secret on stdin (helpdesky-react sign <email> < secret.txt). ` +
      `Copy it from the Helpdesky dashboard.`,
  );
}

async function check(args: string[], io: CliIo): Promise<number> {
  const headers = new Headers({ accept: 'application/json' });
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-H' || arg === '--header') {
      const value = args[++i];
      if (value === undefined) return usage(io, `${arg} needs a value such as "Cookie: session=…".`);
      const colon = value.indexOf(':');
      if (colon <= 0) return usage(io, `a header must look like "Name: value", got ${quoted(value)}.`);
      const name = value.slice(0, colon).trim();
      const headerValue = value.slice(colon + 1).trim();
      if (/[\r\n\0]/.test(headerValue)) {
        return usage(io, `the value of the ${quoted(name)} header holds a line break or NUL: pass it on one line.`);
      }
      try {
        headers.append(name, headerValue);
      } catch {
        return usage(io, `${quoted(name)} is not a valid header name.`);
      }
    } else if (arg.startsWith('-')) {
      return usage(io, `unknown option ${optionName(arg)} for check.`);
    } else if (url === undefined) {
      url = arg;
    } else {
      return usage(io, 'check takes one URL.');
    }
  }
  if (url === undefined) return usage(io, 'check needs the URL of the identity endpoint.');
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    return usage(io, `the URL must start with http:// or https://, got ${quoted(maskedUrl(url))}.`);
  }

  // Credentials in the URL go as Basic auth, as curl sends them (fetch refuses such a URL).
  const target = new URL(url);
  if (target.username || target.password) {
    if (!headers.has('authorization')) {
      const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
      headers.set('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`);
    }
    target.username = '';
    target.password = '';
  }
  const timeoutMs = io.timeoutMs ?? CHECK_TIMEOUT_MS;
  io.out(`Checking GET ${escapeControls(maskedUrl(url))}`);
  const fetched = await fetchAnswer(io.fetch ?? fetch, target.href, headers, timeoutMs);
  if ('failed' in fetched) {
    print(io, [fetched.failed]);
    return 1;
  }
  const logger = { warn: io.err, error: io.err };
  const rawSecret = io.env[SECRET_VARIABLE];
  const secret =
    rawSecret !== undefined && rawSecret.trim() !== ''
      ? resolveSetting('secret', undefined, io.env, logger)
      : undefined;
  const helpdeskId = io.env[HELPDESK_ID_VARIABLE]?.trim() || undefined;
  const probe =
    fetched.answer.status === 200 ? await probeCors(io.fetch ?? fetch, target.href, headers, timeoutMs) : undefined;
  const points = await checkIdentityResponse(fetched.answer, { secret, helpdeskId, probe }, nodeCrypto);
  return print(io, points) ? 0 : 1;
}

type Fetched = { answer: Parameters<typeof checkIdentityResponse>[0] } | { failed: CheckPoint };

/** The endpoint's answer, read whole within the deadline and up to BODY_LIMIT, or the point that failed. */
async function fetchAnswer(client: typeof fetch, url: string, headers: Headers, timeoutMs: number): Promise<Fetched> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await client(url, { headers, redirect: 'manual', signal });
  } catch (error) {
    const timedOut = signal.aborted;
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return {
      failed: {
        name: 'reachable',
        result: 'fail',
        detail: timedOut ? `no answer within ${timeoutMs / 1000} s` : shown(cause, 200),
        fix: timedOut
          ? 'The server took the request but sent nothing back: something before the answer hangs (getUser, a session store, a middleware); check its log.'
          : 'Start the server, or check the URL (scheme, host, port, path).',
      },
    };
  }
  const status = `${response.status} ${shown(response.statusText)}`.trim();
  try {
    const body = await readText(response, BODY_LIMIT);
    if (body === undefined) {
      return {
        failed: {
          name: 'body',
          result: 'fail',
          detail: `${status}, and a body of more than ${BODY_LIMIT / 1_000_000} MB`,
          fix: 'Answer only the identity, a JSON object { "email", "signature", "helpdeskId" } of a few hundred bytes.',
        },
      };
    }
    return { answer: { status: response.status, statusText: response.statusText, headers: response.headers, body } };
  } catch (error) {
    return {
      failed: {
        name: 'body',
        result: 'fail',
        detail: signal.aborted
          ? `${status} arrived, then the body did not end within ${timeoutMs / 1000} s`
          : `${status} arrived, then reading the body failed: ${shown(error instanceof Error ? error.message : String(error))}`,
        fix: 'The server sent its headers and then stalled: end the response once the JSON is written (res.end(), return the response object), and check that nothing streams into it.',
      },
    };
  }
}

/** The answer's headers to the same request from a foreign origin, or undefined if it fails. */
async function probeCors(client: typeof fetch, url: string, headers: Headers, timeoutMs: number) {
  const probe = new Headers(headers);
  probe.set('origin', PROBE_ORIGIN);
  try {
    const response = await client(url, { headers: probe, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.headers;
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined when it is longer than `limit` bytes (reading stops there). */
async function readText(response: Response, limit: number): Promise<string | undefined> {
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined; // Leaving the loop cancels the rest of the body.
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const MARK = { pass: 'ok  ', fail: 'FAIL', warn: 'warn' } as const;

function print(io: CliIo, points: CheckPoint[]): boolean {
  for (const point of points) {
    io.out(`  ${MARK[point.result]}  ${point.name}: ${escapeControls(point.detail)}`);
    if (point.fix && point.result !== 'pass') io.out(`        fix: ${escapeControls(point.fix)}`);
  }
  const count = (result: CheckPoint['result']) => points.filter((p) => p.result === result).length;
  const failed = count('fail');
  io.out(`${failed === 0 ? 'PASS' : 'FAIL'}: ${count('pass')} passed, ${failed} failed, ${count('warn')} warning(s)`);
  return failed === 0;
}
