// Every relative link and picture in the README and docs/ leads somewhere: the file exists, and
// an anchor names a heading of that file (GitHub's slugs), so moving a section cannot strand a link.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../server/helpers.js';

const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

const anchorsOf = async (file: string) =>
  new Set(
    [...(await readFile(file, 'utf8')).replace(/^```[\s\S]*?^```$/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      slug(m[1]!),
    ),
  );

const pages = [
  join(ROOT, 'README.md'),
  ...(await readdir(join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'docs', name)),
];

describe('the README and docs/', () => {
  it.each(pages.map((page) => [relative(ROOT, page), page]))(
    '%s links only to files and headings that exist',
    async (_, page) => {
      const text = (await readFile(page, 'utf8')).replace(/^```[\s\S]*?^```$/gm, '');
      const targets = [
        ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!),
        ...[...text.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!),
      ].filter((target) => !/^(https?:|mailto:)/.test(target));
      expect(targets.length).toBeGreaterThan(0);
      const broken: string[] = [];
      for (const target of targets) {
        const [path, hash] = target.split('#');
        const file = path ? join(dirname(page), path) : page;
        const exists = await readFile(file).then(
          () => true,
          () =>
            readdir(file).then(
              () => true,
              () => false,
            ),
        );
        if (!exists) broken.push(`${target}: no such file`);
        else if (hash && file.endsWith('.md') && !(await anchorsOf(file)).has(hash))
          broken.push(`${target}: no such heading`);
      }
      expect(broken, broken.join('\n')).toEqual([]);
    },
  );
});
