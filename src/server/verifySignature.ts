import { SIGNATURE_PATTERN } from '../core/identityContract.js';
import { describeValue } from './describeValue.js';
import type { CryptoBackend } from './cryptoBackend.js';
import type { SignEmail } from './signEmail.js';

/** The shape of {@link verifySignature}. */
export interface VerifySignature {
  /**
   * Whether `signature` is the one Helpdesky expects for `email`, compared in constant time.
   * Resolves `false` (it does not reject) for a signature of the wrong length, one that is not
   * 64 lowercase hex characters, or another user's signature.
   *
   * @param email The email the signature claims to be for; it is normalized first.
   * @param signature The signature to check, as sent in `data-signature`.
   * @param secret The HMAC secret. Defaults to `process.env.HELPDESKY_HMAC_SECRET`.
   */
  (email: string, signature: string, secret?: string): Promise<boolean>;
}

/** Builds `verifySignature` on one crypto backend. Internal. */
export function createVerifySignature(backend: CryptoBackend, signEmail: SignEmail): VerifySignature {
  return async function verifySignature(email: string, signature: string, secret?: string): Promise<boolean> {
    if (typeof signature !== 'string') {
      throw new TypeError(
        `[helpdesky] verifySignature(email, signature) expects the signature as a string, got ${describeValue(signature)}.`,
      );
    }
    const expected = await signEmail(email, secret);
    // The format check does not depend on the secret, so returning early leaks nothing.
    if (!SIGNATURE_PATTERN.test(signature)) return false;
    return backend.timingSafeEqual(expected, signature);
  };
}
