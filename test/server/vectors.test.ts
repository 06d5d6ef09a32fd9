import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, signEmail } from 'helpdesky-react/server';
import * as webBuild from '../../src/server.web.js';
import { ROOT, run } from './helpers.js';

interface Vector {
  note: string;
  secret: string;
  rawEmail: string;
  normalizedEmail: string;
  signature: string;
}

const vectors = JSON.parse(await readFile(join(ROOT, 'test', 'server', 'vectors.json'), 'utf8')) as Vector[];

// Feeds the vectors to python3 on stdin; the script prints [normalized, signature] per vector.
async function python(script: string): Promise<Array<[string, string]>> {
  const { code, stdout, stderr } = await run('python3', ['-c', script], {
    input: JSON.stringify(vectors),
    env: { ...process.env, PYTHONPATH: join(ROOT, 'examples', 'recipes', 'python'), PYTHONIOENCODING: 'utf-8' },
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Array<[string, string]>;
}

describe('the vectors file', () => {
  it('covers case, surrounding whitespace, non-ASCII and a second secret', () => {
    expect(vectors.some((v) => v.rawEmail !== v.rawEmail.toLowerCase())).toBe(true);
    expect(vectors.some((v) => v.rawEmail !== v.rawEmail.trim())).toBe(true);
    expect(vectors.some((v) => /[^\p{ASCII}]/u.test(v.normalizedEmail))).toBe(true);
    expect(new Set(vectors.map((v) => v.secret)).size).toBeGreaterThan(1);
  });

  it.each(vectors)(
    'matches signEmail on both builds: $note',
    async ({ secret, rawEmail, normalizedEmail, signature }) => {
      expect(normalizeEmail(rawEmail)).toBe(normalizedEmail);
      expect(await signEmail(rawEmail, secret)).toBe(signature);
      expect(await webBuild.signEmail(rawEmail, secret)).toBe(signature);
    },
  );

  it("matches an independent implementation: Python's hmac module", async () => {
    const results = await python(`
import hashlib, hmac, json, sys
vectors = json.load(sys.stdin)
print(json.dumps([[v["rawEmail"].strip().lower(),
                   hmac.new(v["secret"].encode(), v["rawEmail"].strip().lower().encode(), hashlib.sha256).hexdigest()]
                  for v in vectors]))
`);
    expect(results).toEqual(vectors.map((v) => [v.normalizedEmail, v.signature]));
  });

  it('is reproduced by the Python recipe in examples/recipes/python/helpdesky.py', async () => {
    const results = await python(`
import json, sys
from helpdesky import normalize_email, sign_email
vectors = json.load(sys.stdin)
print(json.dumps([[normalize_email(v["rawEmail"]), sign_email(v["rawEmail"], v["secret"])] for v in vectors]))
`);
    expect(results).toEqual(vectors.map((v) => [v.normalizedEmail, v.signature]));
  });
});
