// Where the committed fixture projects are, and how a test gets a private copy of one.
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/** The committed fixture project `name` (read-only: copy it before running anything in it). */
export const fixturePath = (name: string) => join(FIXTURES, name);

/** A copy of fixture `name` in a new temporary folder; resolves its path. */
export async function copyFixture(name: string, parent?: string): Promise<string> {
  const dir = join(parent ?? (await mkdtemp(join(tmpdir(), 'helpdesky-init-'))), name);
  await cp(fixturePath(name), dir, { recursive: true });
  return dir;
}
