/**
 * `.env*` files and `.gitignore`, read as text: which variables a file sets (and on which line),
 * where the secret sits under a public prefix, and whether git ignores a path. Pure: shared by
 * `init` (its warnings) and `doctor` (its checks).
 */
import { PUBLIC_PREFIXES, SECRET_VARIABLE } from '../../server/config.js';

/** One `NAME=value` line of an env file. */
export interface EnvEntry {
  file: string;
  /** 1-based. */
  line: number;
  name: string;
  /** Unquoted; never printed by the CLI. */
  value: string;
}

/** Env files that hold names without values, meant to be committed. */
export const TEMPLATE_ENV_FILES = /(^|\/)\.env\.(example|sample|template|dist)$/;

/** Whether a path's file name is an env file (`.env`, `.env.local`, `.env.production`…). */
export const isEnvFile = (path: string) => /(^|\/)\.env(\..+)?$/.test(path);

/** The `NAME=value` lines of an env file, with `export ` and quotes understood. */
export function parseEnvFile(file: string, text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    let value = match[2]!;
    const quoted = /^(['"`])([\s\S]*)\1\s*(?:#.*)?$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '').trimEnd();
    entries.push({ file, line: index + 1, name: match[1]!, value });
  });
  return entries;
}

/** A variable that hands the secret to browser bundles: where it is, and how to fix it. */
export interface PublicSecretFinding {
  file: string;
  line: number;
  name: string;
}

/**
 * Entries that put the secret under a public prefix: `<prefix>HELPDESKY_HMAC_SECRET` with a
 * value, or any public variable holding the same value as `HELPDESKY_HMAC_SECRET`. An empty
 * value ships nothing, so it is not reported.
 */
export function findPublicSecrets(
  entries: readonly EnvEntry[],
  secrets: readonly string[] = [],
): PublicSecretFinding[] {
  const known = new Set(
    [...secrets, ...entries.filter((e) => e.name === SECRET_VARIABLE).map((e) => e.value)]
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
  return entries
    .filter((entry) => {
      const prefix = PUBLIC_PREFIXES.find((p) => entry.name.startsWith(p));
      if (!prefix || entry.value.trim() === '') return false;
      return entry.name.slice(prefix.length) === SECRET_VARIABLE || known.has(entry.value.trim());
    })
    .map(({ file, line, name }) => ({ file, line, name }));
}

/**
 * Whether the root `.gitignore` ignores `path` (posix, relative to the root). Handles the
 * patterns projects use for env files: globs, `**`, a leading or trailing `/`, `!` negation,
 * last match wins. Nested `.gitignore` files are not read.
 */
export function isGitIgnored(path: string, gitignore: string | undefined): boolean {
  if (gitignore === undefined) return false;
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    let pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    const negate = pattern.startsWith('!');
    if (negate) pattern = pattern.slice(1);
    if (pattern.endsWith('/')) continue; // directories only; env files are files
    const anchored = pattern.includes('/');
    pattern = pattern.replace(/^\//, '');
    const source = pattern
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((part) =>
        part === '**/'
          ? '(?:.*/)?'
          : part === '**'
            ? '.*'
            : part === '*'
              ? '[^/]*'
              : part === '?'
                ? '[^/]'
                : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    const regex = new RegExp(anchored ? `^${source}$` : `(^|/)${source}$`);
    if (regex.test(path)) ignored = !negate;
  }
  return ignored;
}
