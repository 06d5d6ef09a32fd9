import { defaultEnv, resolveSetting, type HelpdeskyOptions } from './config.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { emailToSign } from './normalizeEmail.js';

/** The secret to sign with: the secret itself, or options naming it and where warnings go. */
export type HelpdeskySecretOption = string | Pick<HelpdeskyOptions, 'secret' | 'env' | 'logger'>;

/** The secret from {@link HelpdeskySecretOption}, resolved (and warned about) through `logger`. Internal. */
export function secretOf(option: unknown): string {
  const options = (typeof option === 'object' && option !== null ? option : { secret: option }) as HelpdeskyOptions;
  return resolveSetting('secret', options.secret, options.env ?? defaultEnv(), options.logger ?? console);
}

/** The shape of `signEmail`. */
export interface SignEmail {
  /**
   * The signature Helpdesky expects for `email`: lowercase hex HMAC-SHA256 of the normalized
   * email (`trim()` then `toLowerCase()`), keyed with the whole secret as UTF-8. Send the same
   * normalized string as `data-email` (or use `createHelpdeskyIdentity`, which does both).
   *
   * @param email The signed-in user's email, as stored; it is normalized here.
   * @param secret The HMAC secret, or `{ secret?, env?, logger? }`. Defaults to
   *   `process.env.HELPDESKY_HMAC_SECRET`, with warnings on `console`.
   * @returns 64 lowercase hex characters. Rejects with a `TypeError` for a missing or empty
   *   email, and with a `HelpdeskyConfigError` when there is no secret.
   */
  (email: string, secret?: HelpdeskySecretOption): Promise<string>;
}

/** `signEmail` on one crypto backend. */
export async function signEmail(backend: CryptoBackend, email: unknown, secret?: unknown): Promise<string> {
  const message = emailToSign(email, 'signEmail(email)');
  return backend.hmacSha256Hex(secretOf(secret), message);
}
