/**
 * `init`'s detection and plan (pure: project files in, file operations out), on the committed
 * fixture projects and on small in-memory variations of them.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import ts from 'typescript';
import { detectProject } from '../../src/cli/init/detectProject.js';
import { isGitIgnored } from '../../src/cli/init/envFiles.js';
import { planInit, type FileOperation, type InitPlan } from '../../src/cli/init/planInit.js';
import { readProjectSnapshot, type ProjectSnapshot } from '../../src/cli/init/projectSnapshot.js';
import { satisfiesRange } from '../../src/cli/doctor/satisfiesRange.js';
import { SUPPORTED_RANGES } from '../../src/cli/doctor/supportedRanges.js';
import { fixturePath } from './fixtures.js';

const fixture = (name: string) => readProjectSnapshot(fixturePath(name));

/** A snapshot from a fixture plus (or minus, with `null`) some files. */
async function variant(name: string, changes: Record<string, string | null>): Promise<ProjectSnapshot> {
  const base = await fixture(name);
  const files = { ...base.files };
  const paths = new Set(base.paths);
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) {
      delete files[path];
      paths.delete(path);
    } else {
      files[path] = text;
      paths.add(path);
    }
  }
  return { paths: [...paths].sort(), files };
}

const withDeps = (snapshot: ProjectSnapshot, deps: Record<string, string>) => {
  const pkg = JSON.parse(snapshot.files['package.json']!);
  pkg.dependencies = { ...pkg.dependencies, ...deps };
  return { ...snapshot, files: { ...snapshot.files, 'package.json': JSON.stringify(pkg) } };
};

const op = (plan: InitPlan, path: string): FileOperation => {
  const found = plan.operations.find((o) => o.path === path);
  if (!found) throw new Error(`no operation for ${path}: ${plan.operations.map((o) => o.path).join(', ')}`);
  return found;
};
const created = (plan: InitPlan, path: string) => {
  const found = op(plan, path);
  if (found.action !== 'create') throw new Error(`${path} is ${found.action}, not create`);
  return found.content;
};
/** Applies a plan to a snapshot, as a real run would. */
function applied(snapshot: ProjectSnapshot, plan: InitPlan): ProjectSnapshot {
  const files = { ...snapshot.files };
  for (const o of plan.operations) {
    if (o.action === 'create') files[o.path] = o.content;
    if (o.action === 'append') files[o.path] = o.before + o.added;
  }
  return { paths: [...new Set([...snapshot.paths, ...Object.keys(files)])].sort(), files };
}

describe('detection on the fixture projects', () => {
  it.each([
    ['next-app', 'next-app', 'Next.js App Router', 'app', 'none', 'npm'],
    ['next-app-src-authjs', 'next-app', 'Next.js App Router (src/)', 'src/app', 'authjs', 'npm'],
    ['next-app-clerk', 'next-app', 'Next.js App Router', 'app', 'clerk', 'npm'],
    ['next-app-supabase', 'next-app', 'Next.js App Router', 'app', 'supabase', 'npm'],
    ['next-app-better-auth', 'next-app', 'Next.js App Router', 'app', 'better-auth', 'npm'],
    ['next-pages', 'next-pages', 'Next.js Pages Router', 'pages', 'none', 'npm'],
    ['react-router', 'react-router', 'React Router (framework mode)', 'app', 'none', 'npm'],
    ['vite-express', 'vite-express', 'Vite React SPA with Express', 'src', 'express-session', 'npm'],
    ['vite-hono', 'vite-hono', 'Vite React SPA with Hono', 'src', 'better-auth', 'pnpm'],
    ['vite-fastify', 'vite-fastify', 'Vite React SPA with Fastify', 'src', 'none', 'npm'],
    ['vite-spa', null, 'Vite React SPA without a server', 'src', 'none', 'npm'],
  ])('%s: %s', async (name, framework, label, baseDir, auth, packageManager) => {
    const detection = detectProject(await fixture(name));
    expect(detection).toMatchObject({ framework, name: label, baseDir, packageManager, auth: { kind: auth } });
  });

  it('finds the server entry by what imports the framework, and its port', async () => {
    expect(detectProject(await fixture('vite-express')).server).toEqual({
      kind: 'express',
      entry: 'server.js',
      port: 3000,
    });
    expect(detectProject(await fixture('vite-hono')).server).toEqual({
      kind: 'hono',
      entry: 'server/index.ts',
      port: 8787,
    });
    expect(detectProject(await fixture('vite-fastify')).server).toEqual({
      kind: 'fastify',
      entry: 'server.cjs',
      port: 4000,
    });
  });

  it('does not take a test, example or script for the server entry', async () => {
    const snapshot = await variant('vite-hono', {
      'examples/server.ts': "import { Hono } from 'hono';\n",
      'scripts/app.ts': "import { Hono } from 'hono';\n",
    });
    expect(detectProject(snapshot).server?.entry).toBe('server/index.ts');
  });

  it("finds the user's own auth module (Auth.js's auth, better-auth's auth)", async () => {
    expect(detectProject(await fixture('next-app-src-authjs')).auth).toEqual({
      kind: 'authjs',
      via: 'next-auth',
      module: 'src/auth.js',
    });
    expect(detectProject(await fixture('vite-hono')).auth).toEqual({
      kind: 'better-auth',
      via: 'better-auth',
      module: 'server/auth.js',
    });
  });

  it.each([
    ['pnpm-lock.yaml', 'pnpm'],
    ['yarn.lock', 'yarn'],
    ['bun.lock', 'bun'],
    ['bun.lockb', 'bun'],
    ['package-lock.json', 'npm'],
  ])('reads the package manager from %s', async (lockfile, manager) => {
    expect(detectProject(await variant('next-app', { [lockfile]: '' })).packageManager).toBe(manager);
  });

  it('takes the App Router when a project has both routers, and a new app/ when it has neither', async () => {
    const both = await variant('next-app', { 'pages/old.tsx': 'export default () => null;' });
    expect(detectProject(both)).toMatchObject({ framework: 'next-app', baseDir: 'app' });
    const neither = await variant('next-app', {
      'app/layout.tsx': null,
      'app/page.tsx': null,
      'src/index.ts': '',
    });
    expect(detectProject(neither)).toMatchObject({ framework: 'next-app', baseDir: 'src/app' });
  });

  it('says next-auth v4 is not Auth.js v5, and writes the null getUser with what to do', async () => {
    const v4 = withDeps(await fixture('next-app'), { 'next-auth': '^4.24.11' });
    const plan = planInit(v4);
    expect(plan.detection.auth.kind).toBe('none');
    expect(created(plan, 'lib/helpdesky-user.ts')).toContain('getServerSession(authOptions)');
    expect(plan.authTodo).toMatch(/401/);
  });
});

describe('given a project init cannot set up', () => {
  it('plans no file and gives copy-paste instructions for the endpoint and the page', async () => {
    const plan = planInit(await fixture('vite-spa'));
    expect(plan.operations).toEqual([]);
    expect(plan.instructions).toContain('createHelpdeskyHandler');
    expect(plan.instructions).toContain('<HelpdeskyTicketCenter endpoint="/api/helpdesky" />');
    expect(plan.install).toBe('npm install helpdesky-react @tanstack/react-query');
  });

  it('does the same for a folder without package.json', () => {
    const plan = planInit({ paths: ['index.html'], files: {} });
    expect(plan.detection.framework).toBeNull();
    expect(plan.detection.evidence).toContain('no readable package.json');
  });
});

describe('the Next.js App Router plan', () => {
  it('writes getHelpdeskyUser, the route handler and a server-signed /support page', async () => {
    const plan = planInit(await fixture('next-app'));
    expect(plan.operations.map((o) => [o.action, o.path])).toEqual([
      ['create', 'lib/helpdesky-user.ts'],
      ['create', 'app/api/helpdesky/route.ts'],
      ['create', 'app/support/page.tsx'],
      ['create', '.env.example'],
    ]);
    const route = created(plan, 'app/api/helpdesky/route.ts');
    expect(route).toContain('export const GET = createHelpdeskyHandler({ getUser: () => getHelpdeskyUser() });');
    expect(route).toContain("from '../../../lib/helpdesky-user'");
    const page = created(plan, 'app/support/page.tsx');
    expect(page).toContain('const identity = user ? await createHelpdeskyIdentity(user.email) : null;');
    expect(page).toContain('<HelpdeskyTicketCenter identity={identity} />');
    expect(page).toContain("export const dynamic = 'force-dynamic';");
    expect(page).not.toContain('endpoint=');
  });

  it('without auth, returns null with a comment (never a made-up user) and says the endpoint answers 401', async () => {
    const plan = planInit(await fixture('next-app'));
    const user = created(plan, 'lib/helpdesky-user.ts');
    expect(user).toMatch(/No auth library was detected/);
    expect(user).toMatch(/return null;\n\}/);
    expect(user).not.toMatch(/@example|email: '/);
    expect(plan.authTodo).toMatch(/answers 401/);
  });

  it('with src/ and Auth.js, calls auth() from the app’s own module', async () => {
    const plan = planInit(await fixture('next-app-src-authjs'));
    const user = created(plan, 'src/lib/helpdesky-user.ts');
    expect(user).toContain("import { auth } from '../auth';");
    expect(user).toContain('const session = await auth();');
    expect(created(plan, 'src/app/support/page.tsx')).toContain("from '../../lib/helpdesky-user'");
    expect(plan.check).toBe(
      'npx helpdesky-react check http://localhost:3000/api/helpdesky -H "Cookie: authjs.session-token=…"',
    );
  });

  it("with Clerk, reads currentUser()'s primary email", async () => {
    const plan = planInit(withDeps(await fixture('next-app'), { '@clerk/nextjs': '^6.0.0' }));
    const user = created(plan, 'lib/helpdesky-user.ts');
    expect(user).toContain("import { currentUser } from '@clerk/nextjs/server';");
    expect(user).toContain('user?.primaryEmailAddress?.emailAddress');
  });

  it("with Supabase SSR, uses the app's createClient when it has one, else a read-only server client", async () => {
    const inline = planInit(withDeps(await fixture('next-app'), { '@supabase/ssr': '^0.6.0' }));
    expect(created(inline, 'lib/helpdesky-user.ts')).toContain(
      'createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!',
    );
    const own = planInit(
      withDeps(
        await variant('next-app', {
          'utils/supabase/server.ts':
            "import { createServerClient } from '@supabase/ssr';\nexport async function createClient() { return createServerClient('', '', { cookies: {} }); }\n",
        }),
        { '@supabase/ssr': '^0.6.0' },
      ),
    );
    const user = created(own, 'lib/helpdesky-user.ts');
    expect(user).toContain("import { createClient } from '../utils/supabase/server';");
    expect(user).toContain('await supabase.auth.getUser()');
  });

  it('with better-auth, asks auth.api.getSession with the request headers', async () => {
    const plan = planInit(
      withDeps(
        await variant('next-app', {
          'lib/auth.ts': "import { betterAuth } from 'better-auth';\nexport const auth = betterAuth({});\n",
        }),
        { 'better-auth': '^1.2.0' },
      ),
    );
    const user = created(plan, 'lib/helpdesky-user.ts');
    expect(user).toContain("import { auth } from './auth';");
    expect(user).toContain('auth.api.getSession({ headers: await headers() })');
  });
});

describe('the other frameworks', () => {
  it('Pages Router: an API route through toNodeHandler and getServerSideProps signing on the server', async () => {
    const plan = planInit(await fixture('next-pages'));
    expect(created(plan, 'pages/api/helpdesky.ts')).toContain(
      'toNodeHandler(createHelpdeskyHandler({ getUser: () => getHelpdeskyUser(req, res) }))(req, res)',
    );
    const page = created(plan, 'pages/support.tsx');
    expect(page).toContain('export const getServerSideProps');
    expect(page).toContain("res.setHeader('Cache-Control', 'private, no-store');");
    expect(page).toContain('<HelpdeskyTicketCenter identity={identity} />');
  });

  it('React Router: a resource route and a loader that signs; flatRoutes need no manual step', async () => {
    const plan = planInit(await fixture('react-router'));
    expect(created(plan, 'app/routes/api.helpdesky.ts')).toContain('export function loader({ request }');
    const page = created(plan, 'app/routes/support.tsx');
    expect(page).toContain('return { identity: user ? await createHelpdeskyIdentity(user.email) : null };');
    expect(page).toContain('useLoaderData<typeof loader>()');
    expect(created(plan, 'app/helpdesky-user.server.ts')).toContain('return null;');
    expect(plan.manual).toEqual([]);
  });

  it('React Router with a route config: the two route() lines to add by hand', async () => {
    const plan = planInit(
      await variant('react-router', {
        'app/routes.js':
          "import { index } from '@react-router/dev/routes';\nexport default [index('routes/_index.jsx')];\n",
      }),
    );
    expect(plan.manual).toEqual([
      {
        file: 'app/routes.js',
        title: 'Add the two routes to your route config',
        snippet: "route('api/helpdesky', 'routes/api.helpdesky.ts'),\nroute('support', 'routes/support.tsx'),",
        done: false,
      },
    ]);
  });

  it('Vite + Express: a route module beside the server, the mount line to add, a page through the endpoint', async () => {
    const plan = planInit(await fixture('vite-express'));
    const route = created(plan, 'helpdesky.js');
    expect(route).toContain('const email = req.session?.user?.email;');
    expect(route).not.toMatch(/: Request|as \{/); // JavaScript, like server.js
    expect(created(plan, 'src/SupportPage.tsx')).toContain('<HelpdeskyTicketCenter endpoint="/api/helpdesky" />');
    expect(plan.manual.find((m) => m.file === 'server.js')).toMatchObject({
      snippet: "import { helpdesky } from './helpdesky.js';\napp.get('/api/helpdesky', helpdesky);",
      done: false,
    });
  });

  it('Vite + Hono with better-auth: the Web handler and session from the request headers; pnpm install', async () => {
    const plan = planInit(await fixture('vite-hono'));
    const route = created(plan, 'server/helpdesky.ts');
    expect(route).toContain("import { auth } from './auth.js';");
    expect(route).toContain('auth.api.getSession({ headers: request.headers })');
    expect(route).toContain('export const helpdesky = (c: Context) => handler(c.req.raw);');
    expect(plan.install).toBe('pnpm add helpdesky-react @tanstack/react-query');
  });

  it('Vite + Fastify (CommonJS): an ES module the server can require, and reply.hijack()', async () => {
    const plan = planInit(await fixture('vite-fastify'));
    expect(created(plan, 'helpdesky.mjs')).toContain('reply.hijack();');
    expect(plan.manual[0]!.snippet).toBe(
      "const { helpdesky } = require('./helpdesky.mjs');\napp.get('/api/helpdesky', helpdesky);",
    );
    expect(plan.check).toContain('http://localhost:4000/api/helpdesky');
  });

  it.each([
    ['passport', '(req as { user?: { email?: string } }).user?.email'],
    ['@clerk/express', 'clerkClient.users.getUser(userId)'],
    ['@supabase/ssr', "parseCookieHeader(req.headers.cookie ?? '')"],
  ])('Express with %s reads the user from it', async (dep, expected) => {
    const snapshot = withDeps(
      await variant('vite-express', {
        'server.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
        'server.js': null,
      }),
      { [dep]: '1.0.0' },
    );
    const pkg = JSON.parse(snapshot.files['package.json']!);
    delete pkg.dependencies['express-session'];
    snapshot.files['package.json'] = JSON.stringify(pkg);
    expect(created(planInit(snapshot), 'helpdesky.ts')).toContain(expected);
  });
});

describe('every generated file is valid TypeScript or JavaScript', () => {
  const variants: [string, Record<string, string>][] = [
    ['next-app', {}],
    ['next-app', { '@clerk/nextjs': '6.0.0' }],
    ['next-app', { '@supabase/ssr': '0.6.0' }],
    ['next-pages', {}],
    ['next-pages', { '@clerk/nextjs': '6.0.0' }],
    ['next-pages', { '@supabase/ssr': '0.6.0' }],
    ['next-app-src-authjs', {}],
    ['react-router', {}],
    ['react-router', { '@supabase/ssr': '0.6.0' }],
    ['vite-express', {}],
    ['vite-express', { passport: '0.7.0' }],
    ['vite-hono', {}],
    ['vite-hono', { '@supabase/ssr': '0.6.0' }],
    ['vite-fastify', {}],
  ];
  it.each(variants)('%s %j', async (name, deps) => {
    const plan = planInit(withDeps(await fixture(name), deps));
    for (const o of plan.operations) {
      if (o.action !== 'create' || !/\.(m|c)?(t|j)sx?$/.test(o.path)) continue;
      const out = ts.transpileModule(o.content, {
        fileName: o.path,
        reportDiagnostics: true,
        compilerOptions: { jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      });
      const messages = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(messages, o.path).toEqual([]);
      if (/\.(m|c)?jsx?$/.test(o.path)) expect(o.content, o.path).not.toMatch(/\): Promise<|: Request\b| as \{/);
    }
  });
});

describe('no clobbering, and a second run', () => {
  it('leaves an existing page alone and carries the snippet to merge', async () => {
    const mine = 'export default function Mine() {\n  return <p>my support page</p>;\n}\n';
    const plan = planInit(await variant('next-app', { 'app/support/page.tsx': mine }));
    const page = op(plan, 'app/support/page.tsx');
    expect(page.action).toBe('skip');
    expect(page.action === 'skip' && page.snippet).toContain('<HelpdeskyTicketCenter identity={identity} />');
    expect(plan.nothingToDo).toBe(false);
  });

  it.each([
    'next-app',
    'next-app-src-authjs',
    'next-pages',
    'react-router',
    'vite-express',
    'vite-hono',
    'vite-fastify',
  ])('%s: once applied, the plan is "nothing to do"', async (name) => {
    const snapshot = await fixture(name);
    const first = planInit(snapshot);
    expect(first.nothingToDo).toBe(false);
    const second = planInit(applied(snapshot, first));
    expect(second.nothingToDo).toBe(true);
    expect(second.operations.every((o) => o.action === 'unchanged')).toBe(true);
  });
});

describe('.env.example, .gitignore and public prefixes', () => {
  it('appends only the missing names, without values, and keeps every existing line', async () => {
    const before = '# mine\nHELPDESKY_HMAC_SECRET=\nOTHER=1';
    const plan = planInit(await variant('next-app', { '.env.example': before }));
    expect(op(plan, '.env.example')).toEqual({
      action: 'append',
      path: '.env.example',
      purpose: 'the two server variables, names only',
      before,
      added: '\n\nHELPDESKY_HELPDESK_ID=\n',
    });
  });

  it('appends both names after an existing file', async () => {
    const plan = planInit(await fixture('next-app-src-authjs'));
    const env = op(plan, '.env.example');
    expect(env.action === 'append' && env.before + env.added).toBe(
      '# Auth.js\nAUTH_SECRET=\n\n# Helpdesky (server only; never with a VITE_, NEXT_PUBLIC_ or PUBLIC_ prefix)\nHELPDESKY_HMAC_SECRET=\nHELPDESKY_HELPDESK_ID=\n',
    );
  });

  it('warns, naming the file and line, when an env file holds the secret under a public prefix', async () => {
    const plan = planInit(
      await variant('next-app', {
        '.env.local': 'HELPDESKY_HMAC_SECRET=hdh_secret_abc\nNEXT_PUBLIC_HELPDESKY_HMAC_SECRET=hdh_secret_abc\n',
        '.env': '# copy\nVITE_KEY="hdh_secret_abc"\n',
        '.env.example': 'NEXT_PUBLIC_HELPDESKY_HMAC_SECRET=\n',
      }),
    );
    expect(plan.warnings.map((w) => [w.file, w.line])).toEqual([
      ['.env', 2],
      ['.env.local', 2],
    ]);
    expect(plan.warnings[1]!.message).toContain('.env.local:2 sets NEXT_PUBLIC_HELPDESKY_HMAC_SECRET');
    expect(JSON.stringify(plan)).not.toMatch(/hdh_secret_abc"?,?\s*"fix/);
    expect(plan.warnings.map((w) => w.message + w.fix).join()).not.toContain('hdh_secret_abc');
  });

  it('does not warn for an empty public variable (it ships nothing)', async () => {
    const plan = planInit(await variant('next-app', { '.env.local': 'VITE_HELPDESKY_HMAC_SECRET=\n' }));
    expect(plan.warnings).toEqual([]);
  });

  it('warns when .env files are not git-ignored', async () => {
    const plan = planInit(await variant('next-app', { '.gitignore': 'node_modules\n' }));
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        file: '.gitignore',
        message: expect.stringContaining('.env, .env.local are not git-ignored'),
      }),
    ]);
  });

  it.each([
    ['.env', '.env*', true],
    ['.env.local', '.env*.local', true],
    ['.env', '.env*.local', false],
    ['.env.example', '.env*\n!.env.example', false],
    ['.env.local', '/.env.local', true],
    ['.env', '**/.env', true],
    ['.env', '# .env', false],
    ['.env', '.env/', false],
  ])('isGitIgnored(%j) with %j: %s', (path, gitignore, expected) => {
    expect(isGitIgnored(path, gitignore)).toBe(expected);
  });
});

describe("doctor's version ranges", () => {
  it("are package.json's peerDependencies", async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    const { msw: _msw, ...peers } = pkg.peerDependencies;
    expect(SUPPORTED_RANGES).toEqual(peers);
  });

  it.each([
    ['18.3.1', '^18.0.0 || ^19.0.0', true],
    ['19.3.1', '^18.0.0 || ^19.0.0', true],
    ['17.0.2', '^18.0.0 || ^19.0.0', false],
    ['20.0.0', '^18.0.0 || ^19.0.0', false],
    ['5.108.0', '^5.0.0', true],
    ['4.36.1', '^5.0.0', false],
    ['19.0.0-rc.1', '^19.0.0', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected);
  });
});
