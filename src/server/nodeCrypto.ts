/** HMAC with `node:crypto`: Node, Bun, Deno. Synchronous underneath, so signing costs no extra tick. */
import { Buffer } from 'node:buffer';
import { createHmac, createSecretKey, timingSafeEqual as equalBuffers, type KeyObject } from 'node:crypto';
import { KEY_CACHE_LIMIT } from './cryptoBackend.js';

export const name = 'node:crypto';

// A KeyObject spares re-importing the key on every signature.
const keys = new Map<string, KeyObject>();

function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export function hmacSha256Hex(
  key: string | Uint8Array<ArrayBuffer>,
  message: string | Uint8Array<ArrayBuffer>,
): string {
  const hmac = createHmac('sha256', typeof key === 'string' ? keyFor(key) : key);
  return (typeof message === 'string' ? hmac.update(message, 'utf8') : hmac.update(message)).digest('hex');
}

export function timingSafeEqual(a: string, b: string): boolean {
  return a.length === b.length && equalBuffers(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1'));
}
