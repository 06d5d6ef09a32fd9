import type { HelpdeskyIdentity } from '../core/identityContract.js';
import { defaultEnv, resolveHelpdeskId, resolveSecret, type HelpdeskyEnv, type HelpdeskyLogger } from './config.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { emailToSign } from './normalizeEmail.js';

/** Where `createHelpdeskyIdentity` gets its configuration; each value left out is read from `env`. */
export interface HelpdeskyIdentityOptions {
  /** The HMAC secret. Defaults to `env.HELPDESKY_HMAC_SECRET`. */
  secret?: string;
  /** The helpdesk's public id. Defaults to `env.HELPDESKY_HELPDESK_ID`. */
  helpdeskId?: string;
  /**
   * The environment to read missing values from, such as a Cloudflare Worker's `env`.
   * Defaults to `process.env` (or an empty environment where there is no `process`).
   */
  env?: HelpdeskyEnv;
  /** Where one-time configuration warnings go. Defaults to `console`. */
  logger?: HelpdeskyLogger;
}

/** The shape of {@link createHelpdeskyIdentity}. */
export interface CreateHelpdeskyIdentity {
  /**
   * Everything the client needs for one user: `{ email, signature, helpdeskId }`, where `email`
   * is the normalized string that was signed and that the client must send as `data-email`.
   * This is the identity endpoint's JSON body, for backends that do not use the handler.
   *
   * @param email The signed-in user's email, as stored.
   * @param options Configuration; by default everything comes from `process.env`.
   */
  (email: string, options?: HelpdeskyIdentityOptions): Promise<HelpdeskyIdentity>;
}

/** Builds `createHelpdeskyIdentity` on one crypto backend. Internal. */
export function createCreateHelpdeskyIdentity(backend: CryptoBackend): CreateHelpdeskyIdentity {
  return async function createHelpdeskyIdentity(email, options = {}) {
    const normalized = emailToSign(email, 'createHelpdeskyIdentity(email)');
    const env = options.env ?? defaultEnv();
    const logger = options.logger ?? console;
    const secret = resolveSecret(options.secret, env, logger);
    const helpdeskId = resolveHelpdeskId(options.helpdeskId, env, logger);
    return { email: normalized, signature: await backend.hmacSha256Hex(secret, normalized), helpdeskId };
  };
}
