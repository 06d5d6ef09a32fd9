import { SECRET_VARIABLE, HELPDESK_ID_VARIABLE, resolveSecret } from '../server/config.js';
import { HelpdeskyConfigError } from '../server/HelpdeskyConfigError.js';
import { nodeCrypto } from '../server/nodeCrypto.js';
import { normalizeEmail } from '../server/normalizeEmail.js';
import { checkIdentityResponse, type CheckPoint } from './checkIdentityResponse.js';
import { runDoctor } from './doctor/runDoctor.js';
import { runInit } from './init/runInit.js';
import { readSecretFromStdin } from './readSecretFromStdin.js';

export const USAGE = `helpdesky-react: offline tools for Helpdesky's identity verification

Usage:
  helpdesky-react sign <email>
      Prints the normalized email and its signature: the dashboard's Verification Tool, offline.
      The secret is read from ${SECRET_VARIABLE}, else from stdin (never from an argument,
      which would land in shell history):
        helpdesky-react sign Alice@Example.com              # secret from the environment
        helpdesky-react sign Alice@Example.com < secret.txt # or piped / typed (hidden)

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
2 for wrong usage.
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/** Runs the CLI; resolves the exit status. Never writes the secret anywhere. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  try {
    if (command === 'sign') return await sign(rest, io);
    if (command === 'check') return await check(rest, io);
    if (command === 'init') return await runInit(rest, io);
    if (command === 'doctor') return await runDoctor(rest, io);
  } catch (error) {
    if (error instanceof HelpdeskyConfigError || error instanceof TypeError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  return usage(io, `unknown command ${JSON.stringify(command)}.`);
}

function usage(io: CliIo, problem: string): number {
  io.err(`[helpdesky] ${problem} Run helpdesky-react --help for usage.`);
  return 2;
}

async function sign(args: string[], io: CliIo): Promise<number> {
  if (args.some((arg) => /^--?(secret|key)\b/.test(arg))) {
    return usage(
      io,
      `the secret is never taken as an argument (it would land in shell history): set ${SECRET_VARIABLE} or pipe it on stdin.`,
    );
  }
  const unknown = args.find((arg) => arg.startsWith('-'));
  if (unknown !== undefined) return usage(io, `unknown option ${unknown} for sign.`);
  if (args.length !== 1) return usage(io, 'sign takes exactly one email (quote it if it has spaces).');
  const email = args[0]!;
  const normalized = normalizeEmail(email);
  if (normalized === '') return usage(io, 'the email is empty.');

  const fromEnv = io.env[SECRET_VARIABLE];
  const logger = { warn: io.err, error: io.err };
  // Resolved from where the secret came, so that a warning names HELPDESKY_HMAC_SECRET or stdin.
  const secret =
    fromEnv !== undefined && fromEnv.trim() !== ''
      ? resolveSecret(undefined, io.env, logger)
      : resolveSecret(await readSecretFromStdin(io), {}, logger, 'the secret read from stdin');
  io.out(`email      ${normalized}`);
  io.out(`signature  ${await nodeCrypto.hmacSha256Hex(secret, normalized)}`);
  if (normalized !== email) {
    io.err(
      `note: signed the normalized email (trim, then lowercase) of ${JSON.stringify(email)}; send exactly "${normalized}" as data-email.`,
    );
  }
  return 0;
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
      if (colon <= 0) return usage(io, `a header must look like "Name: value", got ${JSON.stringify(value)}.`);
      try {
        headers.append(value.slice(0, colon).trim(), value.slice(colon + 1).trim());
      } catch {
        return usage(io, `${JSON.stringify(value.slice(0, colon))} is not a valid header.`);
      }
    } else if (arg.startsWith('-')) {
      return usage(io, `unknown option ${arg} for check.`);
    } else if (url === undefined) {
      url = arg;
    } else {
      return usage(io, 'check takes one URL.');
    }
  }
  if (url === undefined) return usage(io, 'check needs the URL of the identity endpoint.');
  if (!/^https?:\/\//i.test(url))
    return usage(io, `the URL must start with http:// or https://, got ${JSON.stringify(url)}.`);

  io.out(`Checking GET ${url}`);
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    print(io, [
      {
        name: 'reachable',
        result: 'fail',
        detail: cause,
        fix: 'Start the server, or check the URL (scheme, host, port, path).',
      },
    ]);
    return 1;
  }
  const logger = { warn: io.err, error: io.err };
  const rawSecret = io.env[SECRET_VARIABLE];
  const secret =
    rawSecret !== undefined && rawSecret.trim() !== '' ? resolveSecret(undefined, io.env, logger) : undefined;
  const helpdeskId = io.env[HELPDESK_ID_VARIABLE]?.trim() || undefined;
  const points = await checkIdentityResponse(
    {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: await response.text(),
    },
    { secret, helpdeskId },
    nodeCrypto,
  );
  return print(io, points) ? 0 : 1;
}

const MARK = { pass: 'ok  ', fail: 'FAIL', warn: 'warn' } as const;

function print(io: CliIo, points: CheckPoint[]): boolean {
  for (const point of points) {
    io.out(`  ${MARK[point.result]}  ${point.name}: ${point.detail}`);
    if (point.fix && point.result !== 'pass') io.out(`        fix: ${point.fix}`);
  }
  const count = (result: CheckPoint['result']) => points.filter((p) => p.result === result).length;
  const failed = count('fail');
  io.out(`${failed === 0 ? 'PASS' : 'FAIL'}: ${count('pass')} passed, ${failed} failed, ${count('warn')} warning(s)`);
  return failed === 0;
}
