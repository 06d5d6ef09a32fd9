/** HMAC with Web Crypto (`crypto.subtle`): Cloudflare workerd, Vercel edge, any runtime without `node:crypto`. */
import { KEY_CACHE_LIMIT } from './cryptoBackend.js';

export const name = 'web-crypto';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

// Kept as promises, so that concurrent first requests share one importKey.
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    key = importKey(encoder.encode(secret));
    // A failed import must not poison the cache for later calls.
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

export async function hmacSha256Hex(
  key: string | Uint8Array<ArrayBuffer>,
  message: string | Uint8Array<ArrayBuffer>,
): Promise<string> {
  const cryptoKey = await (typeof key === 'string' ? keyFor(key) : importKey(key));
  const data = typeof message === 'string' ? encoder.encode(message) : message;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
  let hex = '';
  for (const byte of mac) hex += HEX[byte];
  return hex;
}

export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
