/**
 * `helpdesky-react init [--dir PATH] [--dry-run] [--yes] [--force] [--json]`: detect, plan
 * (pure), then write without clobbering. Exit status: 0 written, nothing to do, or a dry run;
 * 1 unsupported project, refused (dirty tree, no confirmation) or failed; 2 wrong usage.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline/promises';
import { promisify } from 'node:util';
import { applyPlan } from './applyPlan.js';
import { planInit, type FileOperation, type InitPlan } from './planInit.js';
import { readProjectSnapshot } from './projectSnapshot.js';

export interface InitIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** Asks a yes/no question; absent when there is no terminal. Default: the process's TTY, if any. */
  ask?: ((question: string) => Promise<string>) | undefined;
}

export type InitStatus =
  | 'written'
  | 'nothing-to-do'
  | 'dry-run'
  | 'unsupported'
  | 'refused-dirty'
  | 'needs-confirmation'
  | 'declined'
  | 'failed';

interface Options {
  dir: string;
  dryRun: boolean;
  yes: boolean;
  force: boolean;
  json: boolean;
}

const run = promisify(execFile);

function parse(args: readonly string[], cwd: string): Options | string {
  const options: Options = { dir: cwd, dryRun: false, yes: false, force: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--yes' || arg === '-y') options.yes = true;
    else if (arg === '--force') options.force = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--dir' || arg.startsWith('--dir=')) {
      const value = arg === '--dir' ? args[++i] : arg.slice('--dir='.length);
      if (!value) return '--dir needs a path.';
      options.dir = resolve(cwd, value);
    } else return `unknown option ${arg} for init.`;
  }
  return options;
}

/** Runs `init`; resolves the exit status. */
export async function runInit(args: readonly string[], io: InitIo): Promise<number> {
  const options = parse(args, io.cwd ?? process.cwd());
  if (typeof options === 'string') {
    io.err(`[helpdesky] ${options} Run helpdesky-react --help for usage.`);
    return 2;
  }
  const isDir = await stat(options.dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    io.err(`[helpdesky] ${options.dir} is not a folder: pass the project's folder with --dir.`);
    return 2;
  }

  const plan = planInit(await readProjectSnapshot(options.dir));
  const finish = (status: InitStatus, code: number, written: string[] = [], error?: string) => {
    if (options.json) {
      io.out(
        JSON.stringify({ dir: options.dir, plan, result: { status, written, ...(error ? { error } : {}) } }, null, 2),
      );
    } else if (error) {
      io.err(error);
    }
    return code;
  };

  const text = !options.json;
  if (text) printPlan(io, options.dir, plan, options.dryRun);

  if (plan.detection.framework === null) {
    if (text) {
      io.out('');
      io.out(plan.instructions!);
      io.out('');
      io.out('Nothing was written.');
    }
    return finish('unsupported', 1);
  }
  if (plan.nothingToDo) {
    if (text) {
      io.out('');
      io.out('Nothing to do: every file is already there. Nothing was written.');
      printAfterwards(io, plan);
    }
    return finish('nothing-to-do', 0);
  }
  if (options.dryRun) {
    if (text) {
      io.out('');
      io.out('Dry run: nothing was written. Run without --dry-run to write these files.');
    }
    return finish('dry-run', 0);
  }

  if (!options.force) {
    const dirty = await uncommittedChanges(options.dir);
    if (dirty.length > 0) {
      return finish(
        'refused-dirty',
        1,
        [],
        `[helpdesky] The git tree has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}): commit or stash them first, so that init's changes can be reviewed on their own, or pass --force.`,
      );
    }
  }

  if (!options.yes) {
    const ask = 'ask' in io ? io.ask : process.stdin.isTTY && process.stdout.isTTY ? askOnTerminal : undefined;
    if (!ask) {
      return finish(
        'needs-confirmation',
        1,
        [],
        '[helpdesky] init asks before writing, and there is no terminal to ask on: run it again with --yes (or --dry-run to see the plan).',
      );
    }
    const count = plan.operations.filter((op) => op.action === 'create' || op.action === 'append').length;
    const answer = await ask(`Write ${count} file(s)? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      if (text) io.out('Nothing was written.');
      return finish('declined', 1);
    }
  }

  let written: string[];
  try {
    ({ written } = await applyPlan(options.dir, plan.operations));
  } catch (error) {
    return finish('failed', 1, [], error instanceof Error ? error.message : String(error));
  }
  if (text) {
    io.out('');
    io.out(`Wrote ${written.join(', ')}.`);
    printAfterwards(io, plan);
  }
  return finish('written', 0, written);
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** Paths with uncommitted changes; empty outside a git repository (nothing to protect there). */
async function uncommittedChanges(dir: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd: dir });
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3));
  } catch {
    return [];
  }
}

const LABEL: Record<FileOperation['action'], string> = {
  create: 'create',
  append: 'append',
  unchanged: 'ok    ',
  skip: 'skip  ',
};

const indent = (text: string, prefix: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');

function printPlan(io: InitIo, dir: string, plan: InitPlan, dryRun: boolean) {
  const { detection } = plan;
  io.out(`helpdesky-react init${dryRun ? ' (dry run)' : ''}: ${detection.name} in ${dir}`);
  io.out(`  detected: ${detection.evidence.join('; ')}`);
  const auth = detection.auth;
  io.out(
    `  auth: ${auth.kind === 'none' ? 'none detected' : `${auth.kind} (${auth.via}${auth.module ? `, ${auth.module}` : ''})`}; package manager: ${detection.packageManager}`,
  );
  if (detection.framework === null) return;
  io.out('');
  for (const op of plan.operations) {
    const note =
      op.action === 'unchanged'
        ? 'already there'
        : op.action === 'skip'
          ? 'exists: left byte-for-byte as it is; merge this by hand:'
          : op.purpose;
    io.out(`  ${LABEL[op.action]}  ${op.path}  ${note}`);
    if (op.action === 'skip') io.out(indent(op.snippet, '          | '));
    if (dryRun && op.action === 'create') io.out(indent(op.content, '          + '));
    if (dryRun && op.action === 'append') {
      io.out(`          --- ${op.path}\n          +++ ${op.path}`);
      io.out(indent(op.added, '          + '));
    }
  }
  for (const warning of plan.warnings) {
    io.out(`  warn    ${warning.message}`);
    io.out(`          fix: ${warning.fix}`);
  }
  const todo = plan.manual.filter((step) => !step.done);
  if (todo.length > 0) {
    io.out('');
    io.out('By hand (init never edits an existing file):');
    for (const step of todo) {
      io.out(`  - ${step.title}${step.file ? ` (${step.file})` : ''}:`);
      io.out(indent(step.snippet, '      '));
    }
  }
}

function printAfterwards(io: InitIo, plan: InitPlan) {
  io.out('');
  if (plan.install) io.out(`Install: ${plan.install}`);
  if (plan.authTodo) io.out(`Auth: ${plan.authTodo}`);
  io.out('In the Helpdesky dashboard (only you can do these):');
  plan.dashboard.forEach((step, i) => io.out(`  ${i + 1}. ${step}`));
  io.out('');
  io.out('Then start the app, sign in, and check the endpoint with your session cookie:');
  io.out(`  ${plan.check}`);
  io.out('  npx helpdesky-react doctor   # env variables, secret leaks in the build, versions');
}
