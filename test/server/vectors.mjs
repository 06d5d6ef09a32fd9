// Recomputes every vector's normalizedEmail and signature in test/server/vectors.json with the built
// package's normalizeEmail and signEmail (JavaScript is the contract), so no expected value is typed
// by hand. To add a vector, write its note, secret and rawEmail, then: npm run build && node test/server/vectors.mjs
import { readFile, writeFile } from 'node:fs/promises';
import { normalizeEmail, signEmail } from '../../dist/server.js';

const file = new URL('./vectors.json', import.meta.url);
const vectors = JSON.parse(await readFile(file, 'utf8'));
const computed = [];
for (const { note, secret, rawEmail } of vectors) {
  computed.push({
    note,
    secret,
    rawEmail,
    normalizedEmail: normalizeEmail(rawEmail),
    signature: await signEmail(rawEmail, secret),
  });
}
// Invisible characters (C1 controls, Unicode spaces, format characters, the BOM) are written as
// \u escapes, so that a reader sees them; JSON.stringify already escapes C0 controls.
const json = JSON.stringify(computed, null, 2).replace(
  /[\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g,
  (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
await writeFile(file, `${json}\n`);
console.log(`${computed.length} vectors written to test/server/vectors.json`);
