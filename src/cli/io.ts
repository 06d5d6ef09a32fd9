/** What the CLI reads and writes, passed in so that `main` runs the same in a test as in a shell. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The secret from stdin, as read (the caller trims and never prints it): all of it when piped,
   * one hidden line on a terminal. Rejects with {@link Cancelled} for Ctrl-C. Without it, `sign`
   * needs the secret in `env`.
   */
  readSecret?: () => Promise<string>;
  /** The HTTP client of `check`. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long `check` waits for the whole answer, headers and body. Defaults to 10 s. */
  timeoutMs?: number;
}

/** The user pressed Ctrl-C at a prompt: exit 130, saying nothing more. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}
