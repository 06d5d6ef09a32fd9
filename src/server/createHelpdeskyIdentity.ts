import type { HelpdeskyIdentity } from '../core/identityContract.js';
import { configReader, type HelpdeskyOptions } from './config.js';
import type { CryptoBackend } from './cryptoBackend.js';
import { emailToSign } from './normalizeEmail.js';

/** The shape of `createHelpdeskyIdentity`. */
export interface CreateHelpdeskyIdentity {
  /**
   * Everything the client needs for one user: `{ email, signature, helpdeskId }`, where `email`
   * is the normalized string that was signed and that the client must send as `data-email`.
   * This is the identity endpoint's JSON body, for backends that do not use the handler.
   *
   * @param email The signed-in user's email, as stored.
   * @param options Configuration; by default everything comes from `process.env`.
   */
  (email: string, options?: HelpdeskyOptions): Promise<HelpdeskyIdentity>;
}

/** `createHelpdeskyIdentity` on one crypto backend. */
export async function createHelpdeskyIdentity(
  backend: CryptoBackend,
  email: unknown,
  options: HelpdeskyOptions = {},
): Promise<HelpdeskyIdentity> {
  const normalized = emailToSign(email, 'createHelpdeskyIdentity(email)');
  const { secret, helpdeskId } = configReader(options)();
  return { email: normalized, signature: await backend.hmacSha256Hex(secret, normalized), helpdeskId };
}
