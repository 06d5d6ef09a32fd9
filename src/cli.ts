#!/usr/bin/env node
/**
 * The `helpdesky-react` command: `sign <email>` and `check <url>`. See `helpdesky-react --help`.
 */
import process from 'node:process';
import { main } from './cli/main.js';
import { readSecretFromStdin } from './cli/readSecretFromStdin.js';

main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  readSecret: () => readSecretFromStdin(process.stdin, (line) => process.stderr.write(`${line}\n`)),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `[helpdesky] Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
