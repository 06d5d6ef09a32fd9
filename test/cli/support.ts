// Running the built CLI (dist/cli.js) on fixture projects in their own git repositories.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const exec = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli.js');

/** Fails with the fix when dist/ was not built (npm test builds it before any test runs). */
export async function requireBuiltCli(): Promise<void> {
  await access(CLI).catch(() => {
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `helpdesky-react <args>` from the build; never rejects on a non-zero exit. */
export async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export const git = (dir: string, ...args: string[]) => exec('git', args, { cwd: dir });

/** Makes `dir` a git repository with everything committed. */
export async function commitAll(dir: string, message = 'fixture'): Promise<void> {
  if (
    !(await access(join(dir, '.git')).then(
      () => true,
      () => false,
    ))
  ) {
    await git(dir, 'init', '-q', '-b', 'main');
  }
  await git(dir, 'add', '-A');
  await git(
    dir,
    '-c',
    'user.name=Fixture',
    '-c',
    'user.email=fixture@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    message,
  );
}

/** Every file under `dir` (but .git and node_modules) with a hash of its bytes. */
export async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (/^(\.git|node_modules)(\/|$)/.test(path)) continue;
    out[path] = createHash('sha256')
      .update(await readFile(join(dir, path)))
      .digest('hex');
  }
  return out;
}
