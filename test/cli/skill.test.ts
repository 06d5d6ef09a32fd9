/**
 * The instructions for AI coding assistants: the skill file ships in the package with its front
 * matter, names the commands that exist, and llms.txt points only at README sections that exist.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './support.js';

const exec = promisify(execFile);
const read = (path: string) => readFile(join(ROOT, path), 'utf8');

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

describe('the agent skill', () => {
  it('has name and description front matter', async () => {
    const skill = await read('skills/helpdesky-react/SKILL.md');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(skill)?.[1] ?? '';
    expect(front).toMatch(/^name: helpdesky-react$/m);
    expect(front).toMatch(/^description: .{40,}$/m);
  });

  it('tells to run init first, the rules, and how to verify', async () => {
    const skill = await read('skills/helpdesky-react/SKILL.md');
    for (const text of [
      'npx helpdesky-react init --dry-run',
      'email.trim().toLowerCase()',
      'NEXT_PUBLIC_',
      'npx helpdesky-react doctor',
      'npx helpdesky-react check',
    ])
      expect(skill).toContain(text);
  });

  it('is in the package (npm pack)', async () => {
    const { stdout } = await exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('skills/helpdesky-react/SKILL.md');
  });
});

describe('llms.txt', () => {
  it('links only to files and sections that exist', async () => {
    const llms = await read('llms.txt');
    const links = [...llms.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      const [path, hash] = link.split('#');
      const page = await read(path!);
      expect(page, link).toBeTypeOf('string');
      const anchors = new Set([...page.matchAll(/^#{2,3} (.+)$/gm)].map((m) => anchor(m[1]!)));
      if (hash) expect(anchors, link).toContain(hash);
    }
  });
});
