/**
 * Shared by the server tests: a packed-like copy of the package (its real package.json and the
 * Vite-built dist/ that ships), spawned processes with deadlines, and small utils.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'node_modules', '.bin');

/** A fake installed copy: <dir>/node_modules/helpdesky-react, the repo's package.json and dist/. */
export interface PackedPackage {
  /** A consumer project's root, with a package.json depending on helpdesky-react. */
  dir: string;
  /** <dir>/node_modules/helpdesky-react */
  packageDir: string;
  remove(): Promise<void>;
}

/** Every file package.json's `exports` and `bin` point to, relative to the package root. */
function shippedFiles(manifest: { exports?: unknown; bin?: unknown }): string[] {
  const files = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') files.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return [...files];
}

/**
 * Copies what ships (package.json and the dist/ that `npm run build` made) into a temporary
 * consumer project, so that each runtime resolves the real export map to the real build.
 * Rejects, saying to build first, when a file the export map or bin points to is missing.
 */
export async function packPackage(label: string): Promise<PackedPackage> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const file of shippedFiles(manifest)) {
    await access(join(ROOT, file)).catch(() => {
      throw new Error(
        `${file}, which package.json points to, does not exist: run \`npm run build\` first. The server and recipe ` +
          'tests run the built package, not src/.',
      );
    });
  }
  // Copied, not linked, and outside the repo: a runtime follows a symlink to its real path, and
  // from there would pick up this repo's tsconfig paths (Bun does) or its node_modules.
  const dir = await mkdtemp(join(tmpdir(), `helpdesky-server-${label}-`));
  const packageDir = join(dir, 'node_modules', 'helpdesky-react');
  await mkdir(packageDir, { recursive: true });
  await Promise.all([
    cp(join(ROOT, 'package.json'), join(packageDir, 'package.json')),
    cp(join(ROOT, 'dist'), join(packageDir, 'dist'), { recursive: true }),
  ]);
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'helpdesky-react': '*' } }),
  );
  return { dir, packageDir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies fixture files from test/server/fixtures into a packed package's consumer dir. */
export async function copyFixture(pack: PackedPackage, name: string): Promise<string> {
  const target = join(pack.dir, name);
  await cp(join(ROOT, 'test', 'server', 'fixtures', name), target);
  return target;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with a deadline; the process is killed when it runs over. */
export function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} ran over ${options.timeoutMs ?? 20_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Starts a long-running server process that prints `listening <url>` on stdout; resolves its URL.
 * Rejects (and kills it) when it exits or stays silent past the deadline: a runtime that cannot
 * start fails its test.
 */
export function startServerProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number },
): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command} did not print "listening <url>" within ${options.timeoutMs ?? 20_000} ms:\n${output}`),
      );
    }, options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Stops a process started here and waits for it to be gone. */
export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await gone;
  clearTimeout(timer);
}

export const SECRET = 'hdh_secret_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const HELPDESK_ID = '0b5f6a3e-8d2c-4f1a-9e7b-6c5d4e3f2a10';

/** The test apps' "auth": a `user` cookie holds the email; `user=boom` makes getUser throw. */
export function cookieUser(request: Request): { email: string } | null {
  const match = /(?:^|;\s*)user=([^;]*)/.exec(request.headers.get('cookie') ?? '');
  if (!match) return null;
  const email = decodeURIComponent(match[1]!);
  if (email === 'boom') throw new Error('session store unavailable');
  return { email };
}
