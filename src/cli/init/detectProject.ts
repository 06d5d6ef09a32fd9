/**
 * Detection, the way set-up tools do it (`@sentry/wizard`, `shadcn init`): the framework from
 * `package.json` dependencies confirmed by config files and folders, the package manager from
 * the lockfile, the auth library from dependencies and the user's own auth module. Pure.
 */
import type { ProjectSnapshot } from './projectSnapshot.js';

export type Framework = 'next-app' | 'next-pages' | 'react-router' | 'vite-express' | 'vite-hono' | 'vite-fastify';
export type NodeServer = 'express' | 'hono' | 'fastify';
export type AuthKind = 'authjs' | 'clerk' | 'supabase' | 'better-auth' | 'passport' | 'express-session' | 'none';
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface DetectedAuth {
  kind: AuthKind;
  /** The dependency it was found by (`next-auth`, `@clerk/nextjs`…), if any. */
  via?: string;
  /** The user's module exporting `auth` (Auth.js, better-auth) or Supabase's `createClient`. */
  module?: string;
  /** Said to the user when the auth library was found but cannot be used as detected. */
  note?: string;
}

export interface Detection {
  /** `null`: not a project `init` can set up (it prints instructions and writes nothing). */
  framework: Framework | null;
  /** Human name, e.g. "Next.js App Router (src/)". */
  name: string;
  /** Why: the facts detection went by. */
  evidence: string[];
  packageManager: PackageManager;
  /** Write TypeScript (a tsconfig.json, or TypeScript sources). */
  typescript: boolean;
  /** `package.json` has `"type": "module"`. */
  esm: boolean;
  /** Where the framework's files go: `app`, `src/app`, `pages`, `src/pages` (Next), the React Router app directory, `src` (Vite). */
  baseDir: string;
  /** React Router: routes come from the file system (`flatRoutes()` in routes.ts). */
  flatRoutes?: boolean;
  /** React Router: the route config file, when there is one. */
  routesFile?: string;
  /** Vite + server: the server framework and its entry file (null when none was found). */
  server?: { kind: NodeServer; entry: string | null; port: number };
  auth: DetectedAuth;
  /** Packages to install that are not in package.json yet. */
  missingPackages: string[];
}

type Deps = Record<string, string>;

const exists = (snapshot: ProjectSnapshot, path: string) => snapshot.paths.includes(path);
const hasDir = (snapshot: ProjectSnapshot, dir: string) => snapshot.paths.some((p) => p.startsWith(`${dir}/`));
const firstExisting = (snapshot: ProjectSnapshot, candidates: string[]) =>
  candidates.find((path) => exists(snapshot, path));

function readPackageJson(snapshot: ProjectSnapshot): Record<string, unknown> | null {
  const text = snapshot.files['package.json'];
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Detects what `init` needs to know; never throws on an odd project. */
export function detectProject(snapshot: ProjectSnapshot): Detection {
  const pkg = readPackageJson(snapshot) ?? {};
  const deps: Deps = {
    ...(pkg.devDependencies as Deps | undefined),
    ...(pkg.dependencies as Deps | undefined),
  };
  const has = (name: string) => typeof deps[name] === 'string';
  const evidence: string[] = [];
  if (readPackageJson(snapshot) === null) evidence.push('no readable package.json');

  const packageManager = detectPackageManager(snapshot, pkg);
  const typescript =
    exists(snapshot, 'tsconfig.json') || has('typescript') || snapshot.paths.some((p) => /\.tsx?$/.test(p));
  const esm = pkg.type === 'module';
  const missingPackages = ['helpdesky-react', '@tanstack/react-query'].filter((name) => !has(name));
  const base = { packageManager, typescript, esm, missingPackages };

  const configOf = (stem: string) =>
    firstExisting(
      snapshot,
      ['ts', 'mts', 'js', 'mjs', 'cjs'].map((ext) => `${stem}.${ext}`),
    );

  if (has('next')) {
    const config = configOf('next.config');
    evidence.push(`next ${deps.next} in package.json${config ? `, ${config}` : ''}`);
    const appDir = ['app', 'src/app'].find((dir) => hasDir(snapshot, dir));
    const pagesDir = ['pages', 'src/pages'].find((dir) => hasDir(snapshot, dir));
    // With both routers, new routes go to the App Router; with neither, to a new app/ (src/ if used).
    if (appDir || !pagesDir) {
      const baseDir = appDir ?? (hasDir(snapshot, 'src') ? 'src/app' : 'app');
      evidence.push(appDir ? `${appDir}/ (App Router)` : `no app/ or pages/ yet: a new ${baseDir}/`);
      return {
        ...base,
        framework: 'next-app',
        name: `Next.js App Router${baseDir.startsWith('src/') ? ' (src/)' : ''}`,
        evidence,
        baseDir,
        auth: detectAuth(snapshot, deps, 'next-app'),
      };
    }
    evidence.push(`${pagesDir}/ (Pages Router)`);
    return {
      ...base,
      framework: 'next-pages',
      name: `Next.js Pages Router${pagesDir.startsWith('src/') ? ' (src/)' : ''}`,
      evidence,
      baseDir: pagesDir,
      auth: detectAuth(snapshot, deps, 'next-pages'),
    };
  }

  const rrConfig = configOf('react-router.config');
  if (has('@react-router/dev') || rrConfig) {
    evidence.push(
      [has('@react-router/dev') && `@react-router/dev ${deps['@react-router/dev']} in package.json`, rrConfig]
        .filter(Boolean)
        .join(', '),
    );
    const appDirectory =
      (rrConfig && /appDirectory\s*:\s*['"`]([^'"`]+)['"`]/.exec(snapshot.files[rrConfig] ?? '')?.[1]) || 'app';
    const baseDir = appDirectory.replace(/^\.\//, '').replace(/\/$/, '');
    const routesFile = firstExisting(
      snapshot,
      ['ts', 'js', 'mts', 'mjs'].map((ext) => `${baseDir}/routes.${ext}`),
    );
    const flatRoutes = routesFile !== undefined && /\bflatRoutes\s*\(/.test(snapshot.files[routesFile] ?? '');
    evidence.push(
      routesFile ? `${routesFile}${flatRoutes ? ' (flatRoutes: file-system routes)' : ''}` : 'no routes file',
    );
    return {
      ...base,
      framework: 'react-router',
      name: 'React Router (framework mode)',
      evidence,
      baseDir,
      flatRoutes,
      ...(routesFile ? { routesFile } : {}),
      auth: detectAuth(snapshot, deps, 'react-router'),
    };
  }

  if (has('vite') && has('react')) {
    const serverKind = (['express', 'hono', 'fastify'] as const).find((name) => has(name));
    evidence.push(`vite ${deps.vite} and react ${deps.react} in package.json`);
    if (serverKind) {
      evidence.push(`${serverKind} ${deps[serverKind]} in package.json`);
      const entry = findServerEntry(snapshot, serverKind);
      evidence.push(entry ? `server entry ${entry}` : `no file importing ${serverKind} found`);
      const framework = `vite-${serverKind}` as const;
      return {
        ...base,
        framework,
        name: `Vite React SPA with ${{ express: 'Express', hono: 'Hono', fastify: 'Fastify' }[serverKind]}`,
        evidence,
        baseDir: 'src',
        server: { kind: serverKind, entry, port: entry ? detectPort(snapshot.files[entry] ?? '') : 3000 },
        auth: detectAuth(snapshot, deps, framework),
      };
    }
    evidence.push('no server (Express, Hono or Fastify) in package.json: a static SPA cannot sign');
    return {
      ...base,
      framework: null,
      name: 'Vite React SPA without a server',
      evidence,
      baseDir: 'src',
      auth: none(),
    };
  }

  evidence.push('no Next.js, React Router or Vite + React in package.json');
  return { ...base, framework: null, name: 'an unsupported project', evidence, baseDir: '', auth: none() };
}

const none = (note?: string): DetectedAuth => (note ? { kind: 'none', note } : { kind: 'none' });

function detectPackageManager(snapshot: ProjectSnapshot, pkg: Record<string, unknown>): PackageManager {
  if (exists(snapshot, 'pnpm-lock.yaml')) return 'pnpm';
  if (exists(snapshot, 'yarn.lock')) return 'yarn';
  if (exists(snapshot, 'bun.lock') || exists(snapshot, 'bun.lockb')) return 'bun';
  if (exists(snapshot, 'package-lock.json')) return 'npm';
  const declared = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : undefined;
  return declared === 'pnpm' || declared === 'yarn' || declared === 'bun' ? declared : 'npm';
}

const SOURCE = /\.(m|c)?(t|j)sx?$/;
/** Folders whose files are not the app's server: tests, examples, scripts, docs. */
const NOT_APP = /(^|\/)(test|tests|__tests__|e2e|examples?|scripts|stories|docs|fixtures|bench)\//;

/** The server's entry: the shallowest source file outside src/ that imports the framework. */
function findServerEntry(snapshot: ProjectSnapshot, kind: NodeServer): string | null {
  const imports = new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*)['"]${kind}['"]`);
  const candidates = Object.keys(snapshot.files)
    .filter((path) => SOURCE.test(path) && !/\.(test|spec|config)\.[^/]+$/.test(path) && !NOT_APP.test(path))
    .filter((path) => imports.test(snapshot.files[path]!))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return candidates[0] ?? null;
}

const rank = (path: string) =>
  path.split('/').length * 10 + (/(^|\/)(server|index|app|main)\.[^/]+$/.test(path) ? 0 : 5);

function detectPort(source: string): number {
  const match =
    /PORT\s*(?:\?\?|\|\|)\s*['"]?(\d{2,5})/.exec(source) ??
    /listen\(\s*(?:\{\s*port:\s*)?(\d{2,5})/.exec(source) ??
    /port\s*[:=]\s*(\d{2,5})/.exec(source);
  return match ? Number(match[1]) : 3000;
}

/** The user's module that matches `defines` and exports `name`, shallowest first. */
function findModule(snapshot: ProjectSnapshot, defines: RegExp, name: string): string | undefined {
  const exportsName = new RegExp(
    `export\\s+(?:const|let|var|async\\s+function|function)\\s+${name}\\b|export\\s+const\\s*\\{[^}]*\\b${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`,
  );
  return Object.keys(snapshot.files)
    .filter((path) => SOURCE.test(path) && !path.includes('helpdesky'))
    .filter((path) => defines.test(snapshot.files[path]!) && exportsName.test(snapshot.files[path]!))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
}

function detectAuth(snapshot: ProjectSnapshot, deps: Deps, framework: Framework): DetectedAuth {
  const has = (name: string) => typeof deps[name] === 'string';
  const next = framework === 'next-app' || framework === 'next-pages';

  if (next && has('next-auth')) {
    const version = deps['next-auth']!;
    if (!/(^|[^\d])5\.|beta/.test(version)) {
      return none(
        `next-auth ${version} is v4: init writes for Auth.js v5 (auth()). Return { email } from getServerSession(authOptions) in getHelpdeskyUser.`,
      );
    }
    const module = findModule(snapshot, /\bNextAuth\s*\(/, 'auth');
    if (!module) {
      return none(
        'next-auth is installed but no module exporting auth from NextAuth(...) was found (auth.ts): create it, then return { email } from auth() in getHelpdeskyUser.',
      );
    }
    return { kind: 'authjs', via: 'next-auth', module };
  }
  const clerk = next ? '@clerk/nextjs' : framework === 'vite-express' ? '@clerk/express' : undefined;
  if (clerk && has(clerk)) return { kind: 'clerk', via: clerk };
  if (!clerk && ['@clerk/react-router', '@clerk/fastify', '@clerk/backend'].some(has)) {
    return none(
      "Clerk is installed: return { email } of Clerk's user (getAuth, then clerkClient.users.getUser) in getHelpdeskyUser.",
    );
  }
  if (has('@supabase/ssr')) {
    const module = findModule(snapshot, /\bcreateServerClient\s*\(/, 'createClient');
    return { kind: 'supabase', via: '@supabase/ssr', ...(module ? { module } : {}) };
  }
  if (has('better-auth')) {
    const module = findModule(snapshot, /\bbetterAuth\s*\(/, 'auth');
    if (!module) {
      return none(
        'better-auth is installed but no module exporting auth = betterAuth(...) was found: create it, then return { email } from auth.api.getSession in getHelpdeskyUser.',
      );
    }
    return { kind: 'better-auth', via: 'better-auth', module };
  }
  if (framework === 'vite-express') {
    if (has('passport')) return { kind: 'passport', via: 'passport' };
    if (has('express-session')) return { kind: 'express-session', via: 'express-session' };
  }
  return none();
}
