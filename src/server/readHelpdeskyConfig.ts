import { configReader, type HelpdeskyConfig, type HelpdeskyEnv, type HelpdeskyOptions } from './config.js';

/** Values that win over the environment (each one left out is read from it), and the logger. */
export type HelpdeskyConfigOverrides = Omit<HelpdeskyOptions, 'env'>;

/**
 * Reads `HELPDESKY_HMAC_SECRET` and `HELPDESKY_HELPDESK_ID` from `env` (default `process.env`,
 * or an empty environment where there is no `process`), letting `overrides` win. Throws a
 * {@link HelpdeskyConfigError} naming the missing variable. Trims surrounding whitespace with a
 * one-time warning, and warns once when the secret also sits under a public prefix such as
 * `VITE_` or `NEXT_PUBLIC_` (on `overrides.logger`, default `console`).
 */
export function readHelpdeskyConfig(env?: HelpdeskyEnv, overrides: HelpdeskyConfigOverrides = {}): HelpdeskyConfig {
  return configReader({ ...overrides, env })();
}
