/**
 * `helpdesky-react init` from the build, on a private copy of each fixture project with its
 * own git repository: the dry run, the real run, the second run, an existing page, a dirty
 * tree, JSON output, an unsupported project and a failed write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInit } from '../../src/cli/init/runInit.js';
import { copyFixture } from './fixtures.js';
import { cli, commitAll, requireBuiltCli, tree } from './support.js';

let tmp: string;
beforeAll(async () => {
  await requireBuiltCli();
  tmp = await mkdtemp(join(tmpdir(), 'helpdesky-init-cli-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let copies = 0;
/** A fresh, committed copy of a fixture, optionally with extra files. */
async function project(name: string, extra: Record<string, string> = {}): Promise<string> {
  const dir = await copyFixture(name, join(tmp, String(copies++)));
  for (const [path, text] of Object.entries(extra)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await commitAll(dir);
  return dir;
}

const PAGES: Record<string, string> = {
  'next-app': 'app/support/page.tsx',
  'next-app-src-authjs': 'src/app/support/page.tsx',
  'next-app-clerk': 'app/support/page.tsx',
  'next-app-supabase': 'app/support/page.tsx',
  'next-app-better-auth': 'app/support/page.tsx',
  'next-pages': 'pages/support.tsx',
  'react-router': 'app/routes/support.tsx',
  'vite-express': 'src/SupportPage.tsx',
  'vite-hono': 'src/SupportPage.tsx',
  'vite-fastify': 'src/SupportPage.tsx',
};

describe.each(Object.keys(PAGES))('init on the %s fixture', (name) => {
  const page = PAGES[name]!;

  it('--dry-run prints every file in full and changes nothing on disk', async () => {
    const dir = await project(name);
    const before = await tree(dir);
    const run = await cli(['init', '--dry-run', '--dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`create  ${page}`);
    expect(run.stdout).toContain('          + export');
    expect(run.stdout).toContain('Dry run: nothing was written.');
    expect(await tree(dir)).toEqual(before);
  });

  it('--yes writes the files, then prints the dashboard steps and the check command; a second run changes nothing', async () => {
    const dir = await project(name);
    const run = await cli(['init', '--yes', '--dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(dir, page), 'utf8')).toContain('HelpdeskyTicketCenter');
    expect(await readFile(join(dir, '.env.example'), 'utf8')).toMatch(
      /^HELPDESKY_HMAC_SECRET=$[\s\S]*^HELPDESKY_HELPDESK_ID=$/m,
    );
    for (const step of ['Generate the HMAC secret', 'Enable messaging', 'Allowed Embed Domains', 'Verification Tool'])
      expect(run.stdout).toContain(step);
    expect(run.stdout).toMatch(/npx helpdesky-react check http:\/\/localhost:\d+\/api\/helpdesky -H "Cookie: /);

    await commitAll(dir, 'after init');
    const after = await tree(dir);
    const again = await cli(['init', '--yes', '--dir', dir]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
    expect(await tree(dir)).toEqual(after);
  });

  it('leaves an existing support page byte-for-byte and prints what to merge', async () => {
    const mine = '// my own page\r\nexport default function Mine() {\n  return null;\n}\n';
    const dir = await project(name, { [page]: mine });
    const run = await cli(['init', '--yes', '--dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(dir, page), 'utf8')).toBe(mine);
    expect(run.stdout).toContain(`skip    ${page}  exists: left byte-for-byte as it is; merge this by hand:`);
    expect(run.stdout).toContain('          | import { HelpdeskyTicketCenter }');
  });

  it('refuses a dirty git tree without --force, and writes with it', async () => {
    const dir = await project(name);
    await writeFile(join(dir, 'notes.txt'), 'work in progress\n');
    const before = await tree(dir);
    const run = await cli(['init', '--yes', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('uncommitted changes (notes.txt)');
    expect(await tree(dir)).toEqual(before);
    const forced = await cli(['init', '--yes', '--force', '--dir', dir]);
    expect(forced.code, forced.stderr).toBe(0);
  });
});

describe('init', () => {
  it('--json prints the plan and the result for scripts and agents', async () => {
    const dir = await project('next-app');
    const run = await cli(['init', '--yes', '--json', '--dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.result).toEqual({
      status: 'written',
      written: ['lib/helpdesky-user.ts', 'app/api/helpdesky/route.ts', 'app/support/page.tsx', '.env.example'],
    });
    expect(output.plan.detection).toMatchObject({ framework: 'next-app', auth: { kind: 'none' } });
    expect(output.plan.authTodo).toMatch(/answers 401/);
  });

  it('without --yes and without a terminal, asks for --yes and writes nothing', async () => {
    const dir = await project('next-app');
    const before = await tree(dir);
    const run = await cli(['init', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('run it again with --yes');
    expect(await tree(dir)).toEqual(before);
  });

  it('on an unsupported project, prints the two pieces to copy, writes nothing and exits 1', async () => {
    const dir = await project('vite-spa');
    const before = await tree(dir);
    const run = await cli(['init', '--yes', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('createHelpdeskyHandler');
    expect(run.stdout).toContain('Nothing was written.');
    expect(await tree(dir)).toEqual(before);
  });

  it('says no auth was found, and that the endpoint answers 401 until getHelpdeskyUser is written', async () => {
    const dir = await project('next-pages');
    const run = await cli(['init', '--yes', '--dir', dir]);
    expect(run.stdout).toMatch(/Auth: No auth was detected: .*answers 401/);
  });

  it('when a write fails, exits 1 and leaves no file behind', async () => {
    // A file where init needs a folder: the route cannot be written after the first file was.
    const dir = await project('next-app', { 'app/api': 'not a folder\n' });
    const before = await tree(dir);
    const run = await cli(['init', '--yes', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\[helpdesky\] init could not write its files .*nothing was changed\./m);
    expect(await tree(dir)).toEqual(before);
  });

  it('rejects unknown options with exit 2', async () => {
    const run = await cli(['init', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --frobnicate for init.');
  });
});

describe('given a terminal, init asks before writing', () => {
  const io = (answer: string, lines: string[]) => ({
    out: (line: string) => lines.push(line),
    err: (line: string) => lines.push(line),
    ask: async (question: string) => {
      lines.push(question);
      return answer;
    },
  });

  it('writes nothing on "n"', async () => {
    const dir = await project('next-app');
    const before = await tree(dir);
    const lines: string[] = [];
    expect(await runInit(['--dir', dir], io('n', lines))).toBe(1);
    expect(lines).toContain('Write 4 file(s)? [y/N] ');
    expect(await tree(dir)).toEqual(before);
  });

  it('writes on "y"', async () => {
    const dir = await project('next-app');
    const lines: string[] = [];
    expect(await runInit(['--dir', dir], io('y', lines))).toBe(0);
    expect(await readFile(join(dir, 'app/support/page.tsx'), 'utf8')).toContain('identity={identity}');
  });
});
