import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const rootPackage = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
/** The exact version this repository is developed against. */
export const pinned = (name: string) => rootPackage.devDependencies[name] as string;

/** `npm pack` into `dir`; returns the tarball's path. */
export async function packTarball(dir: string): Promise<string> {
  // npm test builds dist once before any test runs; packing must not rebuild it under other tests.
  await access(join(ROOT, 'dist/index.js')).catch(() => {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
  return join(dir, JSON.parse(stdout)[0].filename);
}
