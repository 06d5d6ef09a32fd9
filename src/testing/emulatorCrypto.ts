/**
 * TEST DOUBLE OF helpdesky.io: how the emulator checks a signature, with Web Crypto only.
 *
 * Deliberately independent of the library's own signer (which the emulator is there to test),
 * and runtime-neutral: `crypto.subtle` exists in Node 20+, in browsers (MSW) and in Vite's dev
 * server, so the same code verifies everywhere the emulator mounts.
 */

const encoder = new TextEncoder();

/** Imports `secret` (the whole string, as UTF-8) as an HMAC-SHA256 key. */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/** HMAC-SHA256 of `message` (UTF-8) as lowercase hex. */
export async function hmacHex(key: CryptoKey, message: string): Promise<string> {
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Whether `signature` is the HMAC of `message`. Only 64 lowercase hex characters are accepted,
 * the format Helpdesky documents. The comparison is `crypto.subtle.verify`, which is constant
 * time, so the emulator does not leak how much of a guess was right.
 */
export async function verifyHmacHex(key: CryptoKey, message: string, signature: string): Promise<boolean> {
  if (!LOWER_HEX_64.test(signature)) return false;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(signature.slice(i * 2, i * 2 + 2), 16);
  return globalThis.crypto.subtle.verify('HMAC', key, bytes, encoder.encode(message));
}
