/**
 * Carries out an init plan on disk, never clobbering: each new file is written to a temporary
 * file beside it and then hard-linked into place, which fails if the target appeared in the
 * meantime; an append replaces the file by rename only if it still holds what was planned.
 * On any failure, everything this run created is removed again: no half-written file remains.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileOperation } from './planInit.js';

export interface ApplyResult {
  /** Paths created or appended to, in order. */
  written: string[];
}

const tempName = (path: string) => join(dirname(path), `.${randomBytes(6).toString('hex')}.helpdesky-init.tmp`);

/** Applies the `create` and `append` operations of a plan under `dir`. Rejects with a clear message. */
export async function applyPlan(dir: string, operations: readonly FileOperation[]): Promise<ApplyResult> {
  const created: string[] = [];
  const createdDirs: string[] = [];
  const replaced: { path: string; before: string }[] = [];
  const written: string[] = [];
  try {
    for (const op of operations) {
      if (op.action !== 'create') continue;
      const target = join(dir, op.path);
      for (const made of await mkdirTracked(dirname(target))) createdDirs.push(made);
      const temp = tempName(target);
      await writeFile(temp, op.content, { flag: 'wx' });
      try {
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new Error(`[helpdesky] ${op.path} appeared while init ran; it was left as it is. Run init again.`, {
            cause: error,
          });
        }
        throw error;
      } finally {
        await unlink(temp).catch(() => {});
      }
      created.push(target);
      written.push(op.path);
    }
    for (const op of operations) {
      if (op.action !== 'append') continue;
      const target = join(dir, op.path);
      const current = await readFile(target, 'utf8');
      if (current !== op.before) {
        throw new Error(`[helpdesky] ${op.path} changed while init ran; it was left as it is. Run init again.`);
      }
      const temp = tempName(target);
      await writeFile(temp, current + op.added, { flag: 'wx', mode: (await stat(target)).mode });
      await rename(temp, target).catch(async (error: unknown) => {
        await unlink(temp).catch(() => {});
        throw error;
      });
      replaced.push({ path: target, before: current });
      written.push(op.path);
    }
  } catch (error) {
    for (const path of created.reverse()) await unlink(path).catch(() => {});
    for (const { path, before } of replaced.reverse()) await writeFile(path, before).catch(() => {});
    for (const path of createdDirs.reverse()) await rmdir(path).catch(() => {});
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      detail.startsWith('[helpdesky]')
        ? detail
        : `[helpdesky] init could not write its files (${detail}); nothing was changed.`,
      { cause: error },
    );
  }
  return { written };
}

/** mkdir -p, resolving the folders it created (outermost first). */
async function mkdirTracked(path: string): Promise<string[]> {
  const first = await mkdir(path, { recursive: true });
  if (first === undefined) return [];
  const made: string[] = [];
  for (let current = path; current.length >= first.length; current = dirname(current)) {
    made.unshift(current);
    if (current === first) break;
  }
  return made;
}
