/**
 * The wire contract between the host's identity endpoint and the client: the one place that
 * says what `{ email, signature, helpdeskId }` must look like. The client checks responses
 * with it, the server's handler builds responses that satisfy it, and the CLI's `check`
 * command reports against it. Pure: no DOM, no Node, no secret.
 */

/** What the host's identity endpoint answers with, and what the embed script is given. */
export interface HelpdeskyIdentity {
  /** The signed-in user's email, already normalized (`trim()` then `toLowerCase()`). */
  email: string;
  /** Lowercase hex HMAC-SHA256 of `email`, keyed with the helpdesk's secret: 64 characters. */
  signature: string;
  /** The helpdesk's public id (a UUID from the Helpdesky dashboard). Not a secret. */
  helpdeskId: string;
}

/** A signature as Helpdesky expects it: 64 lowercase hex characters. */
export const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

/** One way in which a value fails the contract, with the field it concerns. */
export interface IdentityProblem {
  field: 'body' | keyof HelpdeskyIdentity;
  message: string;
}

export type IdentityCheck = { ok: true; identity: HelpdeskyIdentity } | { ok: false; problem: IdentityProblem };

const FIELDS = ['email', 'signature', 'helpdeskId'] as const;

/**
 * Checks a parsed JSON value against the identity contract. Extra fields are allowed and
 * dropped; the returned identity holds exactly the three contract fields.
 */
export function checkIdentity(value: unknown): IdentityCheck {
  if (typeof value !== 'object' || !value || Array.isArray(value)) {
    return fail('body', 'expected a JSON object { email, signature, helpdeskId }');
  }
  const record = value as Record<string, unknown>;
  for (const field of FIELDS) {
    const got = record[field];
    if (typeof got !== 'string' || !got.trim()) {
      return fail(field, `"${field}" must be a non-empty string, got ${quote(got)}`);
    }
  }
  const { email, signature, helpdeskId } = record as unknown as HelpdeskyIdentity;
  return SIGNATURE_PATTERN.test(signature)
    ? { ok: true, identity: { email, signature, helpdeskId } }
    : fail(
        'signature',
        `"signature" must be 64 lowercase hex characters (HMAC-SHA256), got ${
          SIGNATURE_PATTERN.test(signature.toLowerCase()) ? 'upper case' : `${signature.length} characters`
        }`,
      );
}

/** The longest part of a response that a message quotes, so a huge field cannot make a huge message. */
export const QUOTE_LIMIT = 80;

/** `value` as JSON, cut to {@link QUOTE_LIMIT} characters ("…" marks the cut); "nothing" for undefined. */
export function quote(value: unknown): string {
  const json = JSON.stringify(value) ?? 'nothing';
  return json.length > QUOTE_LIMIT ? `${json.slice(0, QUOTE_LIMIT)}…` : json;
}

function fail(field: IdentityProblem['field'], message: string): IdentityCheck {
  return { ok: false, problem: { field, message } };
}
