/**
 * The only thing that differs between the Node build and the Web Crypto build of
 * `helpdesky-react/server`. Everything else (config, normalization, the handler) is shared and
 * takes one of these as a parameter. Internal: not exported from the package.
 */
export interface CryptoBackend {
  /** Which primitive signs: shown in diagnostics and tests, never needed by users. */
  readonly name: 'node:crypto' | 'web-crypto';
  /**
   * Lowercase hex HMAC-SHA256 of `message`. Strings are encoded as UTF-8. A string key is
   * imported once and cached (keyed on the string), since signing is on the request path.
   */
  hmacSha256Hex(
    key: string | Uint8Array<ArrayBuffer>,
    message: string | Uint8Array<ArrayBuffer>,
  ): string | Promise<string>;
  /** Compares two strings of equal length in time that does not depend on where they differ. */
  timingSafeEqual(a: string, b: string): boolean;
}

/** How many distinct secrets a backend keeps imported keys for before it starts over. */
export const KEY_CACHE_LIMIT = 64;
