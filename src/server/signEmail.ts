import { defaultEnv, resolveSecret } from './config.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { emailToSign } from './normalizeEmail.js';

/** The shape of {@link signEmail}. */
export interface SignEmail {
  /**
   * The signature Helpdesky expects for `email`: lowercase hex HMAC-SHA256 of the normalized
   * email (`trim()` then `toLowerCase()`), keyed with the whole secret as UTF-8. Send the same
   * normalized string as `data-email` (or use `createHelpdeskyIdentity`, which does both).
   *
   * @param email The signed-in user's email, as stored; it is normalized here.
   * @param secret The HMAC secret. Defaults to `process.env.HELPDESKY_HMAC_SECRET`.
   * @returns 64 lowercase hex characters. Rejects with a `TypeError` for a missing or empty
   *   email, and with a `HelpdeskyConfigError` when there is no secret.
   */
  (email: string, secret?: string): Promise<string>;
}

/** Builds `signEmail` on one crypto backend. Internal: the package exports the built function. */
export function createSignEmail(backend: CryptoBackend): SignEmail {
  return async function signEmail(email: string, secret?: string): Promise<string> {
    const message = emailToSign(email, 'signEmail(email)');
    return backend.hmacSha256Hex(resolveSecret(secret, defaultEnv(), console), message);
  };
}
