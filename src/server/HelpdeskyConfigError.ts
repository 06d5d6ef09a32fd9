/**
 * What is wrong with the server's configuration, machine-readably:
 * - `missing-secret`: no `HELPDESKY_HMAC_SECRET` in the environment and no `secret` option.
 * - `missing-helpdesk-id`: no `HELPDESKY_HELPDESK_ID` in the environment and no `helpdeskId` option.
 * - `env-not-readable`: the runtime refused to read the environment (Deno without `--allow-env`).
 */
export type HelpdeskyConfigErrorCode = 'missing-secret' | 'missing-helpdesk-id' | 'env-not-readable';

/**
 * A configuration problem on the server: the one error class of `helpdesky-react/server`. Its
 * message starts with `[helpdesky]`, names the variable and says where to get its value. It
 * never contains the secret.
 */
export class HelpdeskyConfigError extends Error {
  override readonly name = 'HelpdeskyConfigError';
  /** What is wrong; see {@link HelpdeskyConfigErrorCode}. */
  readonly code: HelpdeskyConfigErrorCode;
  /** The environment variable concerned, such as `HELPDESKY_HMAC_SECRET`. */
  readonly variable: string;

  constructor(code: HelpdeskyConfigErrorCode, variable: string, message: string, options: { cause?: unknown } = {}) {
    super(`[helpdesky] ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.variable = variable;
  }
}
