/**
 * Reading and checking the server's configuration: shared by every public function. Internal.
 * No message written here ever contains the secret; they name variables and lengths only.
 */
import { KEY_CACHE_LIMIT } from './cryptoBackend.js';
import { HelpdeskyConfigError } from './HelpdeskyConfigError.js';
import { describeValue } from './describeValue.js';

/**
 * An environment to read `HELPDESKY_*` variables from, such as `process.env` or a Worker's `env`
 * (an `interface Env` as wrangler generates it; bindings that are not strings are ignored).
 */
export type HelpdeskyEnv = object;

/** How the environment is read inside this module. */
type EnvRecord = Readonly<Record<string, unknown>>;

/** Where warnings and errors are logged: `console` or anything with the same two methods. */
export type HelpdeskyLogger = Pick<Console, 'warn' | 'error'>;

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

// Warnings are once per environment object and kind, so a busy server logs each problem once.
const warned = new WeakMap<object, Set<string>>();

function warnOnce(env: HelpdeskyEnv, key: string, logger: HelpdeskyLogger, message: string): void {
  let keys = warned.get(env);
  if (keys === undefined) warned.set(env, (keys = new Set()));
  if (keys.has(key)) return;
  keys.add(key);
  logger.warn(`[helpdesky] ${message}`);
}

function readVariable(env: HelpdeskyEnv, name: string): string | undefined {
  try {
    const value = (env as EnvRecord)[name];
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

// Which secrets have already been looked for under public names, per environment object. At
// most KEY_CACHE_LIMIT of them: a server signing for many tenants must not keep every secret it
// has seen. Forgetting one only means looking again; each warning is still logged once.
const scanned = new WeakMap<object, Set<string>>();

function warnAboutPublicCopies(env: HelpdeskyEnv, secret: string, logger: HelpdeskyLogger): void {
  let secrets = scanned.get(env);
  if (secrets === undefined) scanned.set(env, (secrets = new Set()));
  if (secrets.has(secret)) return;
  if (secrets.size >= KEY_CACHE_LIMIT) secrets.clear();
  secrets.add(secret);

  const leaks = new Set<string>();
  for (const prefix of PUBLIC_PREFIXES) {
    const name = `${prefix}${SECRET_VARIABLE}`;
    try {
      if ((env as EnvRecord)[name] !== undefined) leaks.add(name);
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

const SECRET_OPTION = 'the secret option';

// The last resolution, since signing is on the request path and its inputs rarely change.
let lastRaw: string | undefined;
let lastEnv: HelpdeskyEnv | undefined;
let lastSource = '';
let lastSecret = '';

/**
 * The secret to sign with: the explicit value if given, else `HELPDESKY_HMAC_SECRET`. Trims
 * surrounding whitespace (the usual paste mistake) with a one-time warning. Messages name the
 * variable, or for an explicit value `explicitSource` (the CLI passes "the secret read from stdin").
 */
export function resolveSecret(
  explicit: unknown,
  env: HelpdeskyEnv,
  logger: HelpdeskyLogger,
  explicitSource: string = SECRET_OPTION,
): string {
  const fromEnv = explicit === undefined;
  if (!fromEnv && typeof explicit !== 'string') {
    throw new TypeError(
      `[helpdesky] The secret must be a string, got ${describeValue(explicit)}. ` +
        `Pass process.env.${SECRET_VARIABLE} (or leave the option out to read it from the environment).`,
    );
  }
  const raw = fromEnv ? readVariable(env, SECRET_VARIABLE) : (explicit as string);
  const source = fromEnv ? SECRET_VARIABLE : explicitSource;
  if (raw !== undefined && raw === lastRaw && env === lastEnv && source === lastSource) return lastSecret;

  if (raw === undefined || raw.trim() === '') {
    throw new HelpdeskyConfigError(
      'missing-secret',
      SECRET_VARIABLE,
      `${raw === undefined ? `${SECRET_VARIABLE} is not set` : `${source} is empty`}. Copy the HMAC secret ` +
        `(it starts with hdh_secret_) from the Helpdesky dashboard into the server's environment as ` +
        `${SECRET_VARIABLE}, or pass it as the secret option. It is shown only once: if it is lost, ` +
        `regenerate it there. Never give it a public prefix such as VITE_ or NEXT_PUBLIC_.`,
    );
  }
  const secret = raw.trim();
  if (secret.length !== raw.length) {
    warnOnce(
      env,
      `whitespace:${source}`,
      logger,
      `${source} has ${raw.length - secret.length} whitespace character(s) around it; they were trimmed, ` +
        `since Helpdesky's secret never contains any. Fix the value where it is set` +
        `${fromEnv || source === SECRET_OPTION ? ' (.env file, hosting dashboard)' : ''}.`,
    );
  }
  warnAboutPublicCopies(env, secret, logger);
  lastRaw = raw;
  lastEnv = env;
  lastSource = source;
  lastSecret = secret;
  return secret;
}

/** The helpdesk id: the explicit option if given, else `HELPDESKY_HELPDESK_ID`, trimmed. */
export function resolveHelpdeskId(explicit: unknown, env: HelpdeskyEnv, logger: HelpdeskyLogger): string {
  let raw: string | undefined;
  let source: string;
  if (explicit !== undefined) {
    if (typeof explicit !== 'string') {
      throw new TypeError(
        `[helpdesky] helpdeskId must be a string, got ${describeValue(explicit)}. ` +
          `Pass process.env.${HELPDESK_ID_VARIABLE} (or leave the option out to read it from the environment).`,
      );
    }
    raw = explicit;
    source = 'the helpdeskId option';
  } else {
    raw = readVariable(env, HELPDESK_ID_VARIABLE);
    source = HELPDESK_ID_VARIABLE;
  }
  if (raw === undefined || raw.trim() === '') {
    throw new HelpdeskyConfigError(
      'missing-helpdesk-id',
      HELPDESK_ID_VARIABLE,
      `${raw === undefined ? `${HELPDESK_ID_VARIABLE} is not set` : `${source} is empty`}. Copy your ` +
        `helpdesk's id (a UUID; it is public, the data-helpdesk-id of the embed code) from the Helpdesky ` +
        `dashboard into the server's environment as ${HELPDESK_ID_VARIABLE}, or pass it as the helpdeskId option.`,
    );
  }
  const helpdeskId = raw.trim();
  if (helpdeskId.length !== raw.length) {
    warnOnce(
      env,
      `whitespace:${source}`,
      logger,
      `${source} has whitespace around it; it was trimmed. Fix the value where it is set.`,
    );
  }
  return helpdeskId;
}
