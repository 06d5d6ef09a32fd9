/**
 * What `init` knows of a project: the paths it has and the text of the files detection reads.
 * The planner takes only this (pure: project files in, file operations out), so tests give it
 * fixture files and the CLI gives it {@link readProjectSnapshot}'s reading of a real folder.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ProjectSnapshot {
  /** Every file path found (posix, relative to the project root), sorted. */
  paths: string[];
  /** The text of the files worth reading (package.json, configs, env files, sources), by path. */
  files: Record<string, string>;
}

/** Folders that are never the project's own code. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.next',
  'dist',
  'build',
  'out',
  'coverage',
  '.turbo',
  '.vercel',
  '.react-router',
  '.cache',
  'public',
  'storybook-static',
]);
const MAX_DEPTH = 5;
const MAX_PATHS = 5_000;
const MAX_FILE_BYTES = 256 * 1024;

/** Which files' text the planner reads: configs, manifests, env files and source files. */
export const isReadable = (path: string) =>
  /(^|\/)(package\.json|tsconfig\.json|\.gitignore)$/.test(path) ||
  /(^|\/)\.env(\..+)?$/.test(path) ||
  /\.(m|c)?(t|j)sx?$/.test(path);

/** Reads the project at `dir` into a snapshot (bounded in depth, count and file size). */
export async function readProjectSnapshot(dir: string): Promise<ProjectSnapshot> {
  const paths: string[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (paths.length >= MAX_PATHS) return;
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && depth < MAX_DEPTH) await walk(path, depth + 1);
      } else if (entry.isFile()) {
        paths.push(path);
      }
    }
  };
  await walk('', 0);
  const files: Record<string, string> = {};
  for (const path of paths) {
    if (!isReadable(path)) continue;
    const size = (await stat(join(dir, path))).size;
    if (size <= MAX_FILE_BYTES) files[path] = await readFile(join(dir, path), 'utf8');
  }
  paths.sort();
  return { paths, files };
}
