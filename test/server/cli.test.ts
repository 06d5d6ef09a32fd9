import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdeskyHandler, signEmail, toNodeHandler } from 'helpdesky-react/server';
import { HELPDESK_ID, ROOT, SECRET, cookieUser, packPackage, run, type PackedPackage } from './helpers.js';

let pack: PackedPackage;
let cli = '';
const servers: Server[] = [];
let good = '';
let broken = '';
let html = '';
let shapeless = '';
let slow = '';

const env = (extra: Record<string, string | undefined> = {}) => {
  const { HELPDESKY_HMAC_SECRET: _s, HELPDESKY_HELPDESK_ID: _h, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1', ...extra };
};
const helpdesky = (args: string[], extra?: Record<string, string | undefined>, input?: string) =>
  run(process.execPath, [cli, ...args], { env: env(extra), input: input ?? '', timeoutMs: 15_000 });

/**
 * Runs the built CLI into a reader that takes the first chunk of stdout and closes its end of the
 * pipe, as `helpdesky-react … | head -1` does; `stdout` here is that first chunk.
 */
function helpdeskyIntoHead(args: string[], extra?: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.once('data', (chunk: Buffer) => {
        stdout = chunk.toString();
        child.stdout.destroy();
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
    },
  );
}

function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/helpdesky`),
    ),
  );
}

beforeAll(async () => {
  pack = await packPackage('cli');
  cli = join(pack.packageDir, 'dist', 'cli.js');
  const handler = createHelpdeskyHandler({ getUser: cookieUser, secret: SECRET, helpdeskId: HELPDESK_ID });
  good = await listen(createServer(toNodeHandler(handler)));
  // The same endpoint, answering after 300 ms: check prints its first line before asking, and
  // the rest once the answer is in.
  const answer = toNodeHandler(handler);
  slow = await listen(createServer((req, res) => void setTimeout(() => answer(req, res), 300)));
  // The usual hand-written mistakes: the raw email signed with a secret that kept its
  // newline, no cache headers, a wildcard CORS header.
  broken = await listen(
    createServer((_req, res) => {
      const email = 'Alice@Example.com';
      const signature = createHmac('sha256', `${SECRET}\n`).update('alice@example.com').digest('hex');
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ email, signature, helpdeskId: HELPDESK_ID }));
    }),
  );
  // A route mounted nowhere: the single-page app's fallback answers its index.html.
  html = await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><div id="root"></div></body></html>');
    }),
  );
  // JSON, but not the contract: the signature under another name.
  shapeless = await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'private, no-store' });
      res.end(JSON.stringify({ email: 'alice@example.com', hmac: 'f'.repeat(64), helpdeskId: HELPDESK_ID }));
    }),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await pack?.remove();
});

describe('the built CLI', () => {
  it('starts with a node shebang, as package.json bin needs', async () => {
    expect((await readFile(cli, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints usage for --help and exits 0; exits 2 for an unknown command', async () => {
    const help = await helpdesky(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/helpdesky-react sign <email>/);
    expect(help.stdout).toMatch(/helpdesky-react check <url>/);
    const wrong = await helpdesky(['frobnicate']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^\[helpdesky\] unknown command "frobnicate"/);
  });

  it("exits quietly with the command's status when the reader closes stdout early (| head -1)", async () => {
    const { code, signal, stdout, stderr } = await helpdeskyIntoHead(
      ['check', slow, '-H', 'Cookie: user=alice%40example.com'],
      { HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: HELPDESK_ID },
    );
    expect(stdout).toMatch(/^Checking GET /);
    // The points were written after the reader had gone: no EPIPE stack trace, no message.
    expect(stderr).toBe('');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it.runIf(existsSync('/dev/full'))(
    'reports any other write error on stdout in one line and exits 1 (stdout on /dev/full)',
    async () => {
      const full = await open('/dev/full', 'w');
      try {
        const child = spawn(process.execPath, [cli, '--help'], { env: env(), stdio: ['ignore', full.fd, 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const code = await new Promise((resolve) => child.on('close', resolve));
        expect(stderr).toMatch(/^\[helpdesky\] Could not write to stdout: ENOSPC: no space left on device/);
        expect(stderr).not.toMatch(/^\s+at /m);
        expect(code).toBe(1);
      } finally {
        await full.close();
      }
    },
  );
});

describe('helpdesky-react sign', () => {
  it('given the secret in the environment, prints the normalized email and its signature', async () => {
    const { code, stdout, stderr } = await helpdesky(['sign', ' Alice@Example.COM '], {
      HELPDESKY_HMAC_SECRET: SECRET,
    });
    expect(code).toBe(0);
    expect(stdout).toBe(`email      alice@example.com\nsignature  ${await signEmail('alice@example.com', SECRET)}\n`);
    expect(stderr).toMatch(/send exactly "alice@example.com" as data-email/);
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it('given the secret on stdin, signs the same', async () => {
    const { code, stdout } = await helpdesky(['sign', 'alice@example.com'], {}, `${SECRET}\n`);
    expect(code).toBe(0);
    expect(stdout).toContain(await signEmail('alice@example.com', SECRET));
    expect(stdout).not.toContain(SECRET);
  });

  it('given HELPDESKY_HMAC_SECRET with whitespace around it, signs the trimmed secret and names the variable', async () => {
    const { code, stdout, stderr } = await helpdesky(['sign', 'alice@example.com'], {
      HELPDESKY_HMAC_SECRET: ` ${SECRET}\n`,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(await signEmail('alice@example.com', SECRET));
    expect(stderr).toMatch(
      /^\[helpdesky\] HELPDESKY_HMAC_SECRET has 2 whitespace character\(s\) around it; they were trimmed/m,
    );
    expect(stderr).not.toMatch(/secret option/);
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it('given a secret with whitespace on stdin, signs the trimmed secret and says it came from stdin', async () => {
    // The pipe's one trailing newline is not counted; the space before it is.
    const { code, stdout, stderr } = await helpdesky(['sign', 'alice@example.com'], {}, `${SECRET} \n`);
    expect(code).toBe(0);
    expect(stdout).toContain(await signEmail('alice@example.com', SECRET));
    expect(stderr).toMatch(/^\[helpdesky\] the secret read from stdin has 1 whitespace character\(s\) around it/m);
    expect(stderr).not.toMatch(/secret option|HELPDESKY_HMAC_SECRET has/);
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it('refuses a secret given as an argument, and fails without any secret', async () => {
    const argument = await helpdesky(['sign', '--secret', SECRET, 'alice@example.com']);
    expect(argument.code).toBe(2);
    expect(argument.stderr).toMatch(/never taken as an argument/);
    expect(argument.stderr).not.toContain(SECRET);
    const none = await helpdesky(['sign', 'alice@example.com']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^\[helpdesky\] No secret: set HELPDESKY_HMAC_SECRET/);
  });
});

describe('helpdesky-react check', () => {
  it('given a correct endpoint and a session, passes every point and exits 0', async () => {
    const { code, stdout } = await helpdesky(['check', good, '-H', 'Cookie: user=alice%40example.com'], {
      HELPDESKY_HMAC_SECRET: SECRET,
      HELPDESKY_HELPDESK_ID: HELPDESK_ID,
    });
    expect(stdout).not.toMatch(/^ +(FAIL|warn) /m);
    for (const point of [
      'status',
      'content type',
      'JSON shape',
      'email normalization',
      'signature',
      'helpdesk id',
      'Cache-Control',
      'Vary',
    ]) {
      expect(stdout).toContain(`ok    ${point}:`);
    }
    expect(stdout).toMatch(/^PASS: 10 passed, 0 failed, 0 warning\(s\)$/m);
    expect(code).toBe(0);
  });

  it('given no session, fails on the status with a fix naming the Cookie header', async () => {
    const { code, stdout } = await helpdesky(['check', good], { HELPDESKY_HMAC_SECRET: SECRET });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}status: 401/);
    expect(stdout).toMatch(/fix: .*-H "Cookie: /);
  });

  it('given a broken endpoint, reports each failed point with a one-line fix and exits 1', async () => {
    const { code, stdout } = await helpdesky(['check', broken], { HELPDESKY_HMAC_SECRET: SECRET });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}email normalization: "Alice@Example.com" is not trimmed and lowercased\n {8}fix: /);
    expect(stdout).toMatch(
      /FAIL {2}signature: .*\n {8}fix: The server's secret ends with "\\n": trim HELPDESKY_HMAC_SECRET/,
    );
    expect(stdout).toMatch(/FAIL {2}Cache-Control: \(none\)\n {8}fix: Send Cache-Control: private, no-store/);
    expect(stdout).toMatch(
      /FAIL {2}no CORS: Access-Control-Allow-Origin: \*: any website can read .*\n {8}fix: Drop the CORS headers/,
    );
    expect(stdout).toMatch(/^FAIL: \d+ passed, 4 failed/m);
    expect(stdout).not.toContain(SECRET);
  });

  it("suggests for Python, Ruby, PHP and Go exactly the normalization of that language's recipe", async () => {
    const recipe = async (file: string, pattern: RegExp) =>
      pattern.exec(await readFile(join(ROOT, 'examples', 'recipes', file), 'utf8'))![1]!;
    const expressions = await Promise.all([
      recipe('ruby/helpdesky.rb', /^\s*normalized = (.+)$/m),
      recipe('php/helpdesky.php', /^\s*\$normalized = (.+);$/m),
      recipe('go/helpdesky.go', /^\s*normalized := (.+)$/m),
    ]);
    const { stdout } = await helpdesky(['check', broken], { HELPDESKY_HMAC_SECRET: SECRET });
    const fix = /email normalization: .*\n {8}fix: (.*)$/m.exec(stdout)![1]!;
    for (const expression of expressions) expect(fix).toContain(expression);
    // And Python's expression strips the very characters the Python recipe does.
    const python = await recipe('python/helpdesky.py', /^JS_WHITESPACE = (".+")$/m);
    expect(fix).toContain(`email.strip(${python}).lower() (Python)`);
  });

  it("suggests for Python an expression that normalizes exactly as JavaScript's trim() and toLowerCase()", async () => {
    const { stdout } = await helpdesky(['check', broken], { HELPDESKY_HMAC_SECRET: SECRET });
    const python = /fix: Normalize before signing and sending: (.*?) \(Python\)/.exec(stdout)![1]!;
    // JavaScript's whitespace, Python's extra whitespace (U+001C-U+001F, U+0085), and a BOM.
    const emails = [
      '\ufeffAlice@Example.com',
      ' \u00a0Bob@x.org\u3000\n',
      '\u001cCarol@x.org\u0085',
      '\u2028D@x.org\ufeff',
    ];
    const ran = await run(
      'python3',
      ['-c', `import json, sys\nprint(json.dumps([${python} for email in json.load(sys.stdin)]))`],
      {
        input: JSON.stringify(emails),
      },
    );
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toEqual(emails.map((email) => email.trim().toLowerCase()));
  });

  it('given an HTML page (a route mounted nowhere), fails on the content type and says the route is not mounted', async () => {
    const { code, stdout } = await helpdesky(['check', html], { HELPDESKY_HMAC_SECRET: SECRET });
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /FAIL {2}content type: text\/html; charset=utf-8\n {8}fix: Answer with Content-Type: application\/json/,
    );
    expect(stdout).toMatch(
      /FAIL {2}JSON shape: the body is an HTML page .*\n {8}fix: The route is not mounted at this URL/,
    );
    expect(stdout).toMatch(/^FAIL: 1 passed, 2 failed/m);
  });

  it('given JSON without the contract fields, fails on the JSON shape naming the missing field', async () => {
    const { code, stdout } = await helpdesky(['check', shapeless], { HELPDESKY_HMAC_SECRET: SECRET });
    expect(code).toBe(1);
    expect(stdout).toMatch(/ok {4}content type: application\/json/);
    expect(stdout).toMatch(/FAIL {2}JSON shape: "signature" must be a non-empty string, got nothing\n {8}fix: /);
    expect(stdout).toMatch(/^FAIL: 2 passed, 1 failed/m);
  });

  it('given an endpoint nobody listens on, fails on reachability', async () => {
    const { code, stdout } = await helpdesky(['check', 'http://127.0.0.1:9/api/helpdesky']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}reachable: /);
  });
});
