/**
 * The server's configuration: the one resolver every public function uses, and the options
 * they share. No message written here ever contains the secret; they name variables only.
 */
import { HelpdeskyConfigError } from './HelpdeskyConfigError.js';
import { describeValue } from './describeValue.js';
import { KEY_CACHE_LIMIT } from './cryptoBackend.js';

/**
 * An environment to read `HELPDESKY_*` variables from, such as `process.env` or a Worker's `env`
 * (an `interface Env` as wrangler generates it; bindings that are not strings are ignored).
 */
export type HelpdeskyEnv = object;

/** Where warnings and errors are logged: `console` or anything with the same two methods. */
export type HelpdeskyLogger = Pick<Console, 'warn' | 'error'>;

/** Where the server's configuration comes from; each value left out is read from `env`. */
export interface HelpdeskyOptions {
  /** The HMAC secret (`hdh_secret_…`). Defaults to `env.HELPDESKY_HMAC_SECRET`. */
  secret?: string;
  /** The helpdesk's public id, a UUID from the dashboard. Defaults to `env.HELPDESKY_HELPDESK_ID`. */
  helpdeskId?: string;
  /**
   * The environment to read missing values from, such as a Cloudflare Worker's `env`.
   * Defaults to `process.env` (or an empty environment where there is no `process`).
   */
  env?: HelpdeskyEnv;
  /** Where server-side errors and one-time warnings go. Defaults to `console`. */
  logger?: HelpdeskyLogger;
}

/** The server's Helpdesky configuration, checked and trimmed. */
export interface HelpdeskyConfig {
  /** The HMAC secret (`hdh_secret_…`). Keep it on the server: never log it, never send it to a browser. */
  secret: string;
  /** The helpdesk's public id, a UUID from the dashboard. */
  helpdeskId: string;
}

export const SECRET_VARIABLE = 'HELPDESKY_HMAC_SECRET';
export const HELPDESK_ID_VARIABLE = 'HELPDESKY_HELPDESK_ID';

/**
 * Prefixes that bundlers inline into browser code: Vite, Next.js, SvelteKit/Astro, Create React
 * App, Nuxt, Gatsby, Expo. A secret under one of them is shipped to every visitor.
 */
export const PUBLIC_PREFIXES = [
  'VITE_',
  'NEXT_PUBLIC_',
  'PUBLIC_',
  'REACT_APP_',
  'NUXT_PUBLIC_',
  'GATSBY_',
  'EXPO_PUBLIC_',
];

const NO_ENV: HelpdeskyEnv = Object.freeze({});

/** `process.env` where there is one (Node, Bun, Deno), else an empty environment (workerd). */
export function defaultEnv(): HelpdeskyEnv {
  // Through globalThis, so that bundlers' `process.env` replacement cannot inline anything here.
  const process = (globalThis as { process?: { env?: HelpdeskyEnv } }).process;
  return process?.env ?? NO_ENV;
}

const SETTINGS = {
  secret: {
    variable: SECRET_VARIABLE,
    option: 'the secret option',
    code: 'missing-secret',
    where:
      'Copy the HMAC secret (it starts with hdh_secret_) from the Helpdesky dashboard into the ' +
      `server's environment as ${SECRET_VARIABLE}, or pass it as the secret option. It is shown only once: ` +
      'if it is lost, regenerate it there. Never give it a public prefix such as VITE_ or NEXT_PUBLIC_.',
  },
  helpdeskId: {
    variable: HELPDESK_ID_VARIABLE,
    option: 'the helpdeskId option',
    code: 'missing-helpdesk-id',
    where:
      "Copy your helpdesk's id (a UUID; it is public, the data-helpdesk-id of the embed code) from the " +
      `Helpdesky dashboard into the server's environment as ${HELPDESK_ID_VARIABLE}, or pass it as the helpdeskId option.`,
  },
} as const;

export type HelpdeskySetting = keyof typeof SETTINGS;

/**
 * One setting: the explicit value if given, else the environment's variable, trimmed (with a
 * one-time warning when there was whitespace). Throws a `TypeError` for an explicit value that is
 * not a string and a {@link HelpdeskyConfigError} for a missing or empty one. Messages name the
 * variable, or for an explicit value `source` (the CLI passes "the secret read from stdin").
 */
export function resolveSetting(
  setting: HelpdeskySetting,
  explicit: unknown,
  env: HelpdeskyEnv,
  logger: HelpdeskyLogger,
  source: string = explicit === undefined ? SETTINGS[setting].variable : SETTINGS[setting].option,
): string {
  const { variable, code, where } = SETTINGS[setting];
  if (explicit !== undefined && typeof explicit !== 'string') {
    throw new TypeError(
      `[helpdesky] ${setting === 'secret' ? 'The secret' : 'helpdeskId'} must be a string, got ${describeValue(explicit)}. ` +
        `Pass process.env.${variable} (or leave the option out to read it from the environment).`,
    );
  }
  const raw = explicit ?? readVariable(env, variable);
  if (raw === undefined || raw.trim() === '') {
    throw new HelpdeskyConfigError(
      code,
      variable,
      `${raw === undefined ? `${variable} is not set` : `${source} is empty`}. ${where}`,
    );
  }
  const value = raw.trim();
  if (value.length !== raw.length) {
    warnOnce(
      env,
      `whitespace:${source}`,
      logger,
      setting === 'secret'
        ? `${source} has ${raw.length - value.length} whitespace character(s) around it; they were trimmed, ` +
            `since Helpdesky's secret never contains any. Fix the value where it is set` +
            `${source === variable || source === SETTINGS.secret.option ? ' (.env file, hosting dashboard)' : ''}.`
        : `${source} has whitespace around it; it was trimmed. Fix the value where it is set.`,
    );
  }
  if (setting === 'secret') warnAboutPublicCopies(env, value, logger);
  return value;
}

/**
 * Reads the configuration for a handler: explicit values are resolved (and a wrong type thrown)
 * now, once; values left to the environment are read on each call of the returned function, so
 * that a Worker's `env` or a fixed `.env` applies without a new handler. An explicit value that
 * is empty is not thrown now (a build may import the route without the server's environment):
 * each call throws it instead.
 */
export function configReader(options: HelpdeskyOptions): () => HelpdeskyConfig {
  const logger = options.logger ?? console;
  const envOf = () => options.env ?? defaultEnv();
  const reader = (setting: HelpdeskySetting): (() => string) => {
    const explicit: unknown = options[setting];
    if (explicit === undefined) return () => resolveSetting(setting, undefined, envOf(), logger);
    try {
      const value = resolveSetting(setting, explicit, envOf(), logger);
      return () => value;
    } catch (error) {
      if (!(error instanceof HelpdeskyConfigError)) throw error;
      return () => {
        throw error;
      };
    }
  };
  const secret = reader('secret');
  const helpdeskId = reader('helpdeskId');
  return () => ({ secret: secret(), helpdeskId: helpdeskId() });
}

function readVariable(env: HelpdeskyEnv, name: string): string | undefined {
  try {
    const value = (env as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  } catch (cause) {
    // Deno throws (NotCapable) when the process lacks --allow-env.
    throw new HelpdeskyConfigError(
      'env-not-readable',
      name,
      `Could not read ${name} from the environment (${cause instanceof Error ? cause.name : 'error'}). ` +
        `On Deno, run with --allow-env=${SECRET_VARIABLE},${HELPDESK_ID_VARIABLE}; or pass the value as an option.`,
      { cause },
    );
  }
}

// Warnings are once per environment object and kind, so a busy server logs each problem once.
const warned = new WeakMap<object, Set<string>>();

function warnOnce(env: HelpdeskyEnv, key: string, logger: HelpdeskyLogger, message: string): void {
  let keys = warned.get(env);
  if (keys === undefined) warned.set(env, (keys = new Set()));
  if (keys.has(key)) return;
  keys.add(key);
  logger.warn(`[helpdesky] ${message}`);
}

// Which secrets have been looked for under public names, per environment object: at most
// KEY_CACHE_LIMIT, so that a server signing for many tenants does not keep every secret it saw.
// Forgetting one only means looking again; each warning is still logged once.
const scanned = new WeakMap<object, Set<string>>();

function warnAboutPublicCopies(env: HelpdeskyEnv, secret: string, logger: HelpdeskyLogger): void {
  let secrets = scanned.get(env);
  if (secrets === undefined) scanned.set(env, (secrets = new Set()));
  if (secrets.has(secret)) return;
  if (secrets.size >= KEY_CACHE_LIMIT) secrets.clear();
  secrets.add(secret);

  const leaks = new Set<string>();
  for (const prefix of PUBLIC_PREFIXES) {
    try {
      // An empty public variable ships nothing to browsers: not a leak.
      const value = (env as Record<string, unknown>)[`${prefix}${SECRET_VARIABLE}`];
      if (value !== undefined && !(typeof value === 'string' && value.trim() === ''))
        leaks.add(`${prefix}${SECRET_VARIABLE}`);
    } catch {
      // Not allowed to read it (Deno): nothing to warn about that we could know.
    }
  }
  try {
    // Also a copy of the same value under any other public name (VITE_HMAC_SECRET=...).
    for (const [name, value] of Object.entries(env)) {
      if (typeof value === 'string' && value.trim() === secret && PUBLIC_PREFIXES.some((p) => name.startsWith(p))) {
        leaks.add(name);
      }
    }
  } catch {
    // Enumerating the environment needs a wider permission on Deno: the named checks above remain.
  }
  for (const name of leaks) {
    const prefix = PUBLIC_PREFIXES.find((p) => name.startsWith(p));
    warnOnce(
      env,
      `public:${name}`,
      logger,
      `${name} is set on this server: bundlers inline variables starting with ${prefix} into browser code, ` +
        `so the Helpdesky secret is being shipped to browsers. Delete ${name}, keep only ${SECRET_VARIABLE} ` +
        `(no prefix) on the server, and regenerate the secret in the Helpdesky dashboard.`,
    );
  }
}
