/**
 * `init --yes` on real fixture apps, one per framework, and for the App Router one per auth
 * library (Auth.js with src/, Supabase SSR, better-auth, Clerk): each made from the committed fixture files in a temporary folder with its own git
 * repository, built with the framework's own production build and started on 127.0.0.1.
 * Then: GET /api/helpdesky answers 401 JSON without a session (200, with the signature of an
 * independent HMAC, where the fixture can sign a user in), and /support renders in Chromium
 * against the emulator (every helpdesky.io request answered by it) with no hydration error.
 *
 * One registry install serves every fixture: its node_modules moves from app to app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright';
import { HELPDESKY_EMULATOR_HELPDESK_ID, HELPDESKY_EMULATOR_SECRET } from 'helpdesky-react/testing';
import { launchChromium } from '../support/chromium.js';
import { emulatedContext } from '../support/emulatedContext.js';
import { close, listen } from '../support/loopback.js';
import { packTarball, run } from '../package/pack.js';
import { copyFixture, fixturePath } from './fixtures.js';
import { cli, commitAll, requireBuiltCli } from './support.js';

const FIXTURES = [
  'vite-express',
  'react-router',
  'next-pages',
  'next-app',
  'next-app-src-authjs',
  'next-app-supabase',
  'next-app-better-auth',
  'next-app-clerk',
] as const;
type Fixture = (typeof FIXTURES)[number];
const ALICE = 'alice@example.com';
const AUTH_SECRET = 'fixture-auth-secret-0123456789abcdef0123456789';

// No NODE_ENV (vitest sets "test"): npm would skip devDependencies, and the frameworks set it.
const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  NEXT_TELEMETRY_DISABLED: '1',
  HELPDESKY_HMAC_SECRET: HELPDESKY_EMULATOR_SECRET,
  HELPDESKY_HELPDESK_ID: HELPDESKY_EMULATOR_HELPDESK_ID,
  AUTH_SECRET,
  AUTH_TRUST_HOST: 'true',
  BETTER_AUTH_SECRET: 'fixture-better-auth-secret-0123456789abcdef',
  // Clerk's key format, for a development instance that does not exist: build only (see below).
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('fixture.clerk.accounts.dev$').toString('base64')}`,
  CLERK_SECRET_KEY: 'sk_test_fixture0000000000000000000000000000000000',
};

let tmp: string;
let shared: string;
let browser: Browser;

beforeAll(async () => {
  await requireBuiltCli();
  tmp = await mkdtemp(join(tmpdir(), 'helpdesky-apps-'));
  const tarball = await packTarball(tmp);
  // The union of the fixtures' dependencies, installed once.
  const dependencies: Record<string, string> = {};
  const devDependencies: Record<string, string> = {};
  for (const name of FIXTURES) {
    const pkg = JSON.parse(await readFile(join(fixturePath(name), 'package.json'), 'utf8'));
    Object.assign(dependencies, pkg.dependencies);
    Object.assign(devDependencies, pkg.devDependencies);
  }
  dependencies['helpdesky-react'] = `file:${tarball}`;
  shared = join(tmp, 'install');
  await mkdir(shared);
  await writeFile(join(shared, 'package.json'), JSON.stringify({ private: true, dependencies, devDependencies }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: shared,
    env,
  });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const signed = (email: string) => createHmac('sha256', HELPDESKY_EMULATOR_SECRET).update(email).digest('hex');

interface Recipe {
  /** Runs before init and the build; what it returns joins the environment of both. */
  prepare?: () => Promise<{ env: NodeJS.ProcessEnv; stop: () => Promise<void> }>;
  build: string[];
  /**
   * false: the app is built (which type-checks the generated files against the auth library's
   * own types) but not run, because signing in needs the library's servers.
   */
  run?: false;
  start: (port: number) => string[];
  /** What a person does by hand after init: the steps it printed. */
  merge?: (dir: string, manual: { file: string | null; snippet: string; done?: boolean }[]) => Promise<void>;
  /** A session cookie for Alice, where the fixture can sign a user in. */
  signIn?: (dir: string, url: string) => Promise<string>;
}

const next = (dir: string) => join(dir, 'node_modules/.bin/next');

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const expiresAt = Math.floor(Date.now() / 1000) + 3600;
const supabaseToken = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'u1', exp: expiresAt, email: ALICE })}.c2ln`;
const supabaseUser = {
  id: 'u1',
  aud: 'authenticated',
  role: 'authenticated',
  email: ALICE,
  app_metadata: {},
  user_metadata: {},
};
// @supabase/ssr's session cookie for the project at 127.0.0.1 (storage key sb-<first host label>-auth-token).
const supabaseCookie = `sb-127-auth-token=base64-${Buffer.from(
  JSON.stringify({
    access_token: supabaseToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: expiresAt,
    refresh_token: 'fixture-refresh',
    user: supabaseUser,
  }),
).toString('base64url')}`;

async function startFakeSupabase() {
  const server = createHttpServer((request, response) => {
    const known =
      request.url?.startsWith('/auth/v1/user') && request.headers.authorization === `Bearer ${supabaseToken}`;
    response
      .writeHead(known ? 200 : 401, { 'content-type': 'application/json' })
      .end(JSON.stringify(known ? supabaseUser : { code: 401, error_code: 'bad_jwt', msg: 'invalid JWT' }));
  });
  const origin = await listen(server);
  return {
    // NEXT_PUBLIC_ values are inlined at build time, so the build sees them too.
    env: { NEXT_PUBLIC_SUPABASE_URL: origin, NEXT_PUBLIC_SUPABASE_ANON_KEY: 'fixture-anon-key' },
    stop: () => close(server),
  };
}
const RECIPES: Record<Fixture, (dir: string) => Recipe> = {
  'vite-express': (dir) => ({
    build: [join(dir, 'node_modules/.bin/vite'), 'build'],
    start: () => [process.execPath, 'server.js'],
    // The printed mount step, done as a person would: imports on top, the route before the SPA's.
    merge: async (app, manual) => {
      const step = manual.find((m) => m.file === 'server.js')!;
      const lines = step.snippet.split('\n');
      const imports = lines.filter((l) => l.startsWith('import '));
      const code = lines.filter((l) => !l.startsWith('import '));
      const server = await readFile(join(app, 'server.js'), 'utf8');
      await writeFile(
        join(app, 'server.js'),
        server
          .replace("import session from 'express-session';\n", (m) => `${m}${imports.join('\n')}\n`)
          .replace("app.use(express.static('dist'));", (m) => `${code.join('\n')}\n${m}`),
      );
    },
    signIn: async (_dir, url) => {
      const response = await fetch(`${url}/login?email=${encodeURIComponent(ALICE)}`, { redirect: 'manual' });
      return response.headers.get('set-cookie')!.split(';')[0]!;
    },
  }),
  'react-router': (dir) => ({
    build: [join(dir, 'node_modules/.bin/react-router'), 'build'],
    start: () => [join(dir, 'node_modules/.bin/react-router-serve'), './build/server/index.js'],
  }),
  'next-pages': (dir) => ({
    build: [next(dir), 'build'],
    start: (port) => [next(dir), 'start', '-H', '127.0.0.1', '-p', String(port)],
  }),
  'next-app': (dir) => ({
    build: [next(dir), 'build'],
    start: (port) => [next(dir), 'start', '-H', '127.0.0.1', '-p', String(port)],
  }),
  'next-app-supabase': (dir) => ({
    // A stand-in for Supabase Auth on 127.0.0.1 (getUser() asks it who the access token is).
    prepare: startFakeSupabase,
    build: [next(dir), 'build'],
    start: (port) => [next(dir), 'start', '-H', '127.0.0.1', '-p', String(port)],
    signIn: async () => supabaseCookie,
  }),
  'next-app-better-auth': (dir) => ({
    build: [next(dir), 'build'],
    start: (port) => [next(dir), 'start', '-H', '127.0.0.1', '-p', String(port)],
  }),
  // Clerk's proxy redirects page requests to its servers (the handshake) and API requests
  // through a localhost rewrite: it cannot run offline. Its build still type-checks init's files.
  'next-app-clerk': (dir) => ({ build: [next(dir), 'build'], run: false, start: () => [] }),
  'next-app-src-authjs': (dir) => ({
    build: [next(dir), 'build'],
    start: (port) => [next(dir), 'start', '-H', '127.0.0.1', '-p', String(port)],
    // Auth.js's own session cookie: a JWT it encrypts with AUTH_SECRET, as its sign-in would set.
    signIn: async (app) => {
      const jwt = await import(pathToFileURL(join(app, 'node_modules/next-auth/jwt.js')).href);
      const salt = 'authjs.session-token';
      const token = await jwt.encode({ token: { email: ALICE, name: 'Alice', sub: '1' }, secret: AUTH_SECRET, salt });
      return `${salt}=${token}`;
    },
  }),
};

/** Starts the app on 127.0.0.1; resolves once it answers HTTP. */
async function start(dir: string, command: string[], port: number, appEnv: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: dir,
    env: { ...appEnv, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) }).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${command.join(' ')} did not answer within 30 s:\n${output}`);
}

describe.each(FIXTURES)('the %s fixture app after init --yes', (name) => {
  const runs = RECIPES[name]('').run !== false;
  let dir: string;
  let server: ChildProcess | undefined;
  let url: string;
  let recipe: Recipe;
  let cookie: string | undefined;
  let stopPrepared: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dir = await copyFixture(name, join(tmp, 'apps'));
    await commitAll(dir);
    await rename(join(shared, 'node_modules'), join(dir, 'node_modules'));
    recipe = RECIPES[name](dir);
    const prepared = await recipe.prepare?.();
    stopPrepared = prepared?.stop;
    const appEnv = { ...env, ...prepared?.env };
    const init = await cli(['init', '--yes', '--json', '--dir', dir], { env: appEnv });
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const { plan, result } = JSON.parse(init.stdout);
    expect(result.status).toBe('written');
    await recipe.merge?.(dir, plan.manual);
    await run(recipe.build[0]!, recipe.build.slice(1), { cwd: dir, env: appEnv, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`${recipe.build.join(' ')} failed:\n${error.stdout}\n${error.stderr}`.slice(-4_000));
      },
    );
    if (!runs) return;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = await start(dir, recipe.start(port), port, appEnv);
    cookie = await recipe.signIn?.(dir, url);
  }, 300_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill();
      await exited;
    }
    await stopPrepared?.();
    // The next fixture gets the install.
    if (dir) await rename(join(dir, 'node_modules'), join(shared, 'node_modules')).catch(() => {});
  });

  // Each fixture gets the tests that apply to it (none is skipped): Clerk's only builds.
  const applies = (condition: unknown) => (condition ? it : () => {});

  applies(!runs)('builds, type-checking the written files against the auth library', async () => {
    expect(await readFile(join(dir, 'lib/helpdesky-user.ts'), 'utf8')).toContain('currentUser()');
  });

  applies(runs)('answers GET /api/helpdesky with 401 JSON without a session', async () => {
    const response = await fetch(`${url}/api/helpdesky`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  applies(runs && RECIPES[name]('').signIn)(
    'answers the signed-in user with an independent HMAC of the email',
    async () => {
      const response = await fetch(`${url}/api/helpdesky`, { headers: { cookie: cookie! } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        email: ALICE,
        signature: signed(ALICE),
        helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID,
      });
    },
  );

  applies(runs && name !== 'vite-express')(
    'answers /support, which carries a signature, private and non-storable',
    async () => {
      const response = await fetch(`${url}/support`, cookie ? { headers: { cookie } } : {});
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toMatch(/private.*no-store|no-store.*private/);
    },
  );

  applies(runs)('renders /support in Chromium with no hydration error', async () => {
    const { context, page, errors } = await emulatedContext(browser, url, cookie);
    const identityRequests: string[] = [];
    page.on('request', (request) => /\/api\/helpdesky/.test(request.url()) && identityRequests.push(request.url()));
    try {
      await page.goto(`${url}/support`);
      await page.getByRole('heading', { name: 'Support', exact: true }).waitFor({ timeout: 15_000 });
      if (cookie) {
        await page.getByText('Invoice #1042 was charged twice').waitFor({ timeout: 15_000 });
        expect(await page.locator('[data-state]').first().getAttribute('data-state')).toBe('ready');
      } else {
        await page
          .getByRole('alert')
          .filter({ hasText: /sign in/i })
          .waitFor({ timeout: 15_000 });
      }
      // Give React a moment to report a hydration mismatch after the page settled.
      await page.waitForTimeout(300);
      expect(errors).toEqual([]);
      // Where the framework renders on the server, init signs there: the panel needs no request.
      expect(identityRequests).toEqual(name === 'vite-express' ? [`${url}/api/helpdesky`] : []);
    } finally {
      await context.close();
    }
  });
});
