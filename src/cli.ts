#!/usr/bin/env node
/**
 * The `helpdesky-react` command: `sign <email>` and `check <url>`. See `helpdesky-react --help`.
 */
import process from 'node:process';
import { main } from './cli/main.js';
import { readSecretFromStdin } from './cli/readSecretFromStdin.js';

/** Set when a write failed for any reason but a reader that went away: the run then exits 1. */
let writeFailed = false;

/**
 * Writes lines to `stream`. When its reader goes away (EPIPE: `helpdesky-react … | head -1`), the
 * rest of the output is dropped and the command still ends with its own status, as Unix tools
 * stop quietly there. Any other write error (a full disk, EIO) is said once on stderr and makes
 * the run exit 1.
 */
function lines(stream: NodeJS.WriteStream, name: string): (line: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (error.code === 'EPIPE') return;
    writeFailed = true;
    process.exitCode ||= 1;
    if (stream !== process.stderr) err(`[helpdesky] Could not write to ${name}: ${error.message}`);
  });
  return (line) => {
    if (open) stream.write(`${line}\n`);
  };
}

const out = lines(process.stdout, 'stdout');
const err = lines(process.stderr, 'stderr');

main(process.argv.slice(2), {
  out,
  err,
  env: process.env,
  readSecret: () => readSecretFromStdin(process.stdin, err),
}).then(
  (status) => {
    process.exitCode = writeFailed ? status || 1 : status;
  },
  (error: unknown) => {
    err(`[helpdesky] Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
