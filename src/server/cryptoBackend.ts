/**
 * What the Node build and the Web Crypto build of `helpdesky-react/server` differ in: the shape
 * of `nodeCrypto.ts` and `webCrypto.ts`, each a module of these named exports. Internal.
 */
export interface CryptoBackend {
  /** Which primitive signs: shown in log lines. */
  readonly name: 'node:crypto' | 'web-crypto';
  /**
   * Lowercase hex HMAC-SHA256 of `message`. Strings are encoded as UTF-8. A string key is
   * imported once and kept (at most {@link KEY_CACHE_LIMIT} of them), since signing is on the
   * request path.
   */
  hmacSha256Hex(
    key: string | Uint8Array<ArrayBuffer>,
    message: string | Uint8Array<ArrayBuffer>,
  ): string | Promise<string>;
  /** Compares two strings in time that does not depend on where they differ. */
  timingSafeEqual(a: string, b: string): boolean;
}

/** How many distinct secrets a backend keeps imported keys for before it starts over. */
export const KEY_CACHE_LIMIT = 64;
