import { SECRET_VARIABLE } from '../server/config.js';
import { Cancelled } from './io.js';

/** The parts of `process.stdin` read here. */
export interface SecretInput extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (text: string) => void): unknown;
  off(event: 'data', listener: (text: string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/**
 * The secret from stdin: all of it when piped (less the one newline that ends a piped line), or
 * one line typed without echo on a terminal, after `prompt` is written. Returned as read.
 */
export async function readSecretFromStdin(stdin: SecretInput, prompt: (line: string) => void): Promise<string> {
  if (stdin.isTTY && stdin.setRawMode) {
    // Echo off before the prompt shows, so that nothing typed right after it appears.
    stdin.setRawMode(true);
    prompt(`${SECRET_VARIABLE} is not set. Paste the secret and press Enter (nothing is shown):`);
    return readHiddenLine(stdin);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function readHiddenLine(stdin: SecretInput): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode!(false);
      stdin.pause();
      stdin.off('data', onData);
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new Cancelled('Cancelled at the secret prompt.'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
