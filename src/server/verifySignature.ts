import { SIGNATURE_PATTERN } from '../core/identityContract.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { normalizeEmail } from './normalizeEmail.js';
import { secretOf, type HelpdeskySecretOption } from './signEmail.js';

/** The shape of `verifySignature`. */
export interface VerifySignature {
  /**
   * Whether `signature` is the one Helpdesky expects for `email`, compared in constant time.
   * Resolves `false`, never rejects, for any email or signature that is not a match: another
   * user's, a wrong length, not 64 lowercase hex characters, empty, or not a string at all. Only
   * a configuration problem rejects: no secret (a `HelpdeskyConfigError`) or a secret that is not
   * a string (a `TypeError`).
   *
   * @param email The email the signature claims to be for; it is normalized first.
   * @param signature The signature to check, as sent in `data-signature`.
   * @param secret The HMAC secret, or `{ secret?, env?, logger? }`. Defaults to
   *   `process.env.HELPDESKY_HMAC_SECRET`.
   */
  (email: string, signature: string, secret?: HelpdeskySecretOption): Promise<boolean>;
}

/** `verifySignature` on one crypto backend. */
export async function verifySignature(
  backend: CryptoBackend,
  email: unknown,
  signature: unknown,
  secret?: unknown,
): Promise<boolean> {
  // The configuration first, so that a missing secret is reported whatever the arguments.
  const key = secretOf(secret);
  // These checks do not depend on the secret, so returning early leaks nothing.
  if (typeof email !== 'string' || typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return false;
  const normalized = normalizeEmail(email);
  if (normalized === '') return false;
  return backend.timingSafeEqual(await backend.hmacSha256Hex(key, normalized), signature);
}
