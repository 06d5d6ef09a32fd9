import { defaultEnv, resolveHelpdeskId, resolveSecret, type HelpdeskyEnv } from './config.js';

/** The server's Helpdesky configuration, checked and trimmed. */
export interface HelpdeskyConfig {
  /** The HMAC secret (`hdh_secret_…`). Keep it on the server: never log it, never send it to a browser. */
  secret: string;
  /** The helpdesk's public id, a UUID from the dashboard. */
  helpdeskId: string;
}

/** Values that win over the environment; each one left out is read from it. */
export interface HelpdeskyConfigOverrides {
  /** The HMAC secret. Defaults to the environment's `HELPDESKY_HMAC_SECRET`. */
  secret?: string;
  /** The helpdesk's public id. Defaults to the environment's `HELPDESKY_HELPDESK_ID`. */
  helpdeskId?: string;
}

/**
 * Reads `HELPDESKY_HMAC_SECRET` and `HELPDESKY_HELPDESK_ID` from `env` (default `process.env`,
 * or an empty environment where there is no `process`), letting `overrides` win. Throws a
 * {@link HelpdeskyConfigError} naming the missing variable. Trims surrounding whitespace with a
 * one-time warning, and warns once when the secret also sits under a public prefix such as
 * `VITE_` or `NEXT_PUBLIC_`.
 */
export function readHelpdeskyConfig(
  env: HelpdeskyEnv = defaultEnv(),
  overrides: HelpdeskyConfigOverrides = {},
): HelpdeskyConfig {
  return {
    secret: resolveSecret(overrides.secret, env, console),
    helpdeskId: resolveHelpdeskId(overrides.helpdeskId, env, console),
  };
}
