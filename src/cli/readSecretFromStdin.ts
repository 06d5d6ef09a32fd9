import { SECRET_VARIABLE } from '../server/config.js';
import { HelpdeskyConfigError } from '../server/HelpdeskyConfigError.js';
import type { CliIo } from './main.js';

/**
 * The secret from stdin: all of it when piped, or one line typed without echo on a terminal.
 * Returned as read; the caller trims (with the usual warning) and never prints it.
 */
export async function readSecretFromStdin(io: Pick<CliIo, 'err'>): Promise<string> {
  const stdin = process.stdin;
  let secret: string;
  if (stdin.isTTY) {
    io.err(`${SECRET_VARIABLE} is not set. Paste the secret and press Enter (nothing is shown):`);
    secret = await readHiddenLine(stdin);
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    // One trailing newline is how a piped line ends, not part of the secret.
    secret = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  if (secret.trim() === '') {
    throw new HelpdeskyConfigError(
      'missing-secret',
      SECRET_VARIABLE,
      `No secret: set ${SECRET_VARIABLE}, or pipe the secret on stdin (helpdesky-react sign <email> < secret.txt). ` +
        `Copy it from the Helpdesky dashboard.`,
    );
  }
  return secret;
}

function readHiddenLine(stdin: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new Error('[helpdesky] Cancelled.'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
