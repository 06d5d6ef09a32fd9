import { describeValue } from './describeValue.js';

/**
 * The email as Helpdesky verifies it: `trim()` then `toLowerCase()`. Helpdesky's guides sign
 * the email as stored while its server lowercases before verifying; signing (and sending as
 * `data-email`) the normalized string satisfies both. Throws a `TypeError` for a non-string.
 */
export function normalizeEmail(email: string): string {
  if (typeof email !== 'string') {
    throw new TypeError(
      `[helpdesky] normalizeEmail(email) expects the user's email as a string, got ${describeValue(email)}.`,
    );
  }
  return email.trim().toLowerCase();
}

/** The normalized email to sign; a `TypeError` naming `caller` when there is none. Internal. */
export function emailToSign(email: unknown, caller: string): string {
  if (typeof email !== 'string') {
    throw new TypeError(
      `[helpdesky] ${caller} expects the signed-in user's email as a string, got ${describeValue(email)}. ` +
        `Pass the email from your auth session.`,
    );
  }
  const normalized = normalizeEmail(email);
  if (normalized === '') {
    throw new TypeError(
      `[helpdesky] ${caller} got an empty email. Pass the signed-in user's email from your auth session.`,
    );
  }
  return normalized;
}
