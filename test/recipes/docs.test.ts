import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../server/helpers.js';
import { DENO_RUN } from './contract.js';

// docs/recipes.md (and the README's "Sign on the server") show the recipe files verbatim: each
// code block follows a line naming its file in backquotes, and must equal that file. The files
// are what test/recipes and test/package run.
const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
const recipesPage = await readFile(join(ROOT, 'docs', 'recipes.md'), 'utf8');
/** The `## title` section of `page`, up to the next `## ` heading or the end. */
function section(title: string, page = recipesPage): string {
  const start = page.indexOf(`\n## ${title}\n`);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}
const markdown = section('Endpoint recipes');
const recipesDir = join(ROOT, 'examples', 'recipes');

async function typescriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

function blocks(
  markdown = section('Endpoint recipes'),
): Array<{ path: string | undefined; code: string; language: string }> {
  const found = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let match; (match = fence.exec(markdown));) {
    const before = markdown.slice(0, match.index).trimEnd().split('\n').at(-1) ?? '';
    const path = /^`(examples\/recipes\/[^`]+)`$/.exec(before)?.[1];
    found.push({ path, code: match[2]!, language: match[1]! });
  }
  return found;
}

// The sessions stand-in is shown once; its copies in the other recipes are the same file.
const isSessions = (path: string) => /\/sessions(\.server)?\.ts$/.test(path);
const SHOWN_SESSIONS = 'examples/recipes/express/sessions.ts';

describe('the recipes in docs/recipes.md and the README', () => {
  it('shows each TypeScript block exactly as the example file it names', async () => {
    const typescript = blocks().filter((block) => block.language === 'ts');
    expect(typescript.length).toBeGreaterThan(0);
    for (const block of typescript) {
      expect(block.path, `a \`\`\`ts block without a file name above it:\n${block.code}`).toBeDefined();
      expect(block.code, block.path).toBe(await readFile(join(ROOT, block.path!), 'utf8'));
    }
  });

  it('shows every recipe file', async () => {
    const shown = new Set(blocks().map((block) => block.path));
    const files = (await typescriptFiles(recipesDir)).filter((path) => !isSessions(path) || path === SHOWN_SESSIONS);
    expect(files.filter((path) => !shown.has(path))).toEqual([]);
  });

  it('shows the server-signed pages of "Sign on the server" exactly as the files that test/package/nextjs.test.ts builds', async () => {
    const named = [...blocks(section('Sign on the server', readme)), ...blocks(section('Sign on the server'))].filter(
      (block) => block.path,
    );
    expect(named.map((block) => block.path)).toEqual([
      'examples/recipes/nextjs/app/support/page.tsx',
      'examples/recipes/nextjs/pages/support-pages.tsx',
    ]);
    for (const block of named) expect(block.code, block.path).toBe(await readFile(join(ROOT, block.path!), 'utf8'));
  });

  it("gives Deno's command line exactly as the test runs it", () => {
    expect(markdown).toContain(`deno ${DENO_RUN.join(' ')}\n`);
  });
});

describe('the sessions stand-in', () => {
  it('is the same file in every recipe that uses it', async () => {
    const copies = (await typescriptFiles(recipesDir)).filter(isSessions);
    expect(copies.length).toBeGreaterThan(1);
    const shown = await readFile(join(ROOT, SHOWN_SESSIONS), 'utf8');
    for (const copy of copies) expect(await readFile(join(ROOT, copy), 'utf8'), copy).toBe(shown);
  });
});
