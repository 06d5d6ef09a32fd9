import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, signEmail } from 'helpdesky-react/server';
import * as webBuild from '../../src/server.web.js';
import { HELPDESK_ID, ROOT, run, type Ran } from './helpers.js';

interface Vector {
  note: string;
  secret: string;
  rawEmail: string;
  normalizedEmail: string;
  signature: string;
}

const vectors = JSON.parse(await readFile(join(ROOT, 'test', 'server', 'vectors.json'), 'utf8')) as Vector[];

// Where no language's own trim agrees with JavaScript's trim(): each recipe must strip U+FEFF,
// U+00A0 and U+3000 and keep U+0085 and U+001C (test/server/vectors.mjs computes the expected values).
const EDGES = ['\ufeff', '\u0085', '\u001c', '\u00a0', '\u3000'];

/**
 * Every character that some language counts as whitespace (JavaScript, Python, Ruby, PCRE, Go),
 * and a few invisible look-alikes, at both ends of an email; the expected values are JavaScript's,
 * computed here.
 */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sweepSecret = vectors[0]!.secret;
const sweep: Vector[] = await Promise.all(
  [
    ...range(0x00, 0x20),
    ...range(0x7f, 0xa0),
    0x1680,
    0x180e,
    ...range(0x2000, 0x200f),
    ...range(0x2028, 0x202f),
    ...range(0x205f, 0x2064),
    0x3000,
    0xfeff,
  ].map(async (codePoint) => {
    const char = String.fromCodePoint(codePoint);
    const rawEmail = `${char}Sweep@Example.com${char}`;
    return {
      note: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at both ends`,
      secret: sweepSecret,
      rawEmail,
      normalizedEmail: normalizeEmail(rawEmail),
      signature: await signEmail(rawEmail, sweepSecret),
    };
  }),
);

// Feeds vectors to python3 on stdin; the script prints [normalized, signature] per vector.
async function python(script: string, input: Vector[] = vectors): Promise<Array<[string, string]>> {
  const { code, stdout, stderr } = await run('python3', ['-c', script], {
    input: JSON.stringify(input),
    env: {
      ...process.env,
      PYTHONPATH: join(ROOT, 'examples', 'recipes', 'python'),
      PYTHONIOENCODING: 'utf-8',
      // No __pycache__ left in examples/recipes/python.
      PYTHONDONTWRITEBYTECODE: '1',
    },
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

  it.each(EDGES.map((char) => ({ char, code: `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` })))(
    'has $code at both ends of an email',
    ({ char }) => {
      expect(vectors.some((v) => v.rawEmail.startsWith(char) && v.rawEmail.endsWith(char))).toBe(true);
    },
  );

  it.each(vectors)(
    'matches signEmail on both builds: $note',
    async ({ secret, rawEmail, normalizedEmail, signature }) => {
      expect(normalizeEmail(rawEmail)).toBe(normalizedEmail);
      expect(await signEmail(rawEmail, secret)).toBe(signature);
      expect(await webBuild.signEmail(rawEmail, secret)).toBe(signature);
    },
  );

  it("matches an independent implementation: Python's hmac module, and trim()'s set from the ECMAScript spec", async () => {
    // ECMAScript's WhiteSpace and LineTerminator: TAB, VT, FF, ZWNBSP, every Zs, LF, CR, LS, PS.
    const results = await python(`
import hashlib, hmac, json, sys, unicodedata
spec = "\\t\\v\\f\\ufeff\\n\\r\\u2028\\u2029" + "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs")
vectors = json.load(sys.stdin)
print(json.dumps([[v["rawEmail"].strip(spec).lower(),
                   hmac.new(v["secret"].encode(), v["rawEmail"].strip(spec).lower().encode(), hashlib.sha256).hexdigest()]
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

  it('is reproduced by the Python recipe with every whitespace-like character at both ends', async () => {
    const results = await python(
      `
import json, sys
from helpdesky import normalize_email, sign_email
print(json.dumps([[normalize_email(v["rawEmail"]), sign_email(v["rawEmail"], v["secret"])] for v in json.load(sys.stdin)]))
`,
      sweep,
    );
    expect(results.map(([email, signature], i) => ({ note: sweep[i]!.note, email, signature }))).toEqual(
      sweep.map((v) => ({ note: v.note, email: v.normalizedEmail, signature: v.signature })),
    );
  });

  it("is answered by the Python recipe's helpdesky_identity, the function its Django and Flask views return", async () => {
    // The views' environment, as a server has it: the secret and the id, untrimmed on purpose.
    const results = await python(`
import json, os, sys
from helpdesky import helpdesky_identity
os.environ["HELPDESKY_HELPDESK_ID"] = " ${HELPDESK_ID}\\n"
identities = []
for v in json.load(sys.stdin):
    os.environ["HELPDESKY_HMAC_SECRET"] = v["secret"] + "\\n"
    identity = helpdesky_identity(v["rawEmail"])
    identities.append([identity["email"], identity["signature"], identity["helpdeskId"]])
print(json.dumps(identities))
`);
    expect(results).toEqual(vectors.map((v) => [v.normalizedEmail, v.signature, HELPDESK_ID]));
  });
});

// The Ruby, PHP and Go recipes: docs/server.md shows each file's constants and helpdesky_identity
// verbatim; the file's command-line entry reads the vectors (the file's, then the sweep's) on stdin,
// sets HELPDESKY_HMAC_SECRET to each one's secret, and prints the identities as JSON. A missing
// interpreter fails, it never skips.
const INSTALL = 'apt-get install ruby php-cli php-mbstring golang-go';

interface Identity {
  email: string;
  signature: string;
  helpdeskId: string;
}

async function recipe(command: string, args: string[], options: { env?: Record<string, string>; timeoutMs?: number }) {
  let ran: Ran;
  try {
    ran = await run(command, args, {
      input: JSON.stringify(inputs),
      // Untrimmed on purpose: the recipes trim it, as they trim the secret.
      env: { ...process.env, HELPDESKY_HELPDESK_ID: ` ${HELPDESK_ID}\n`, ...options.env },
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`\`${command}\` is not installed; the recipe tests need it: ${INSTALL} (.ci/run does this)`, {
        cause: error,
      });
    }
    throw error;
  }
  const hint = /mb_strtolower/.test(ran.stderr) ? `\nPHP lacks the mbstring extension: ${INSTALL}` : '';
  expect(ran.code, `${command} ${args.join(' ')} exited ${ran.code}:\n${ran.stderr}${hint}`).toBe(0);
  expect(ran.stderr).toBe('');
  const identities = JSON.parse(ran.stdout) as Identity[];
  return identities.map((identity, i) => ({ note: inputs[i]?.note, ...identity }));
}

const inputs = [...vectors, ...sweep];
const expected = inputs.map((v) => ({
  note: v.note,
  email: v.normalizedEmail,
  signature: v.signature,
  helpdeskId: HELPDESK_ID,
}));

const recipes = {
  ruby: {
    file: 'examples/recipes/ruby/helpdesky.rb',
    language: 'ruby',
    code: /^# Exactly what JavaScript's trim\(\) strips\b[\s\S]*?^def helpdesky_identity\b[\s\S]*?^end\n/m,
  },
  php: {
    file: 'examples/recipes/php/helpdesky.php',
    language: 'php',
    code: /^\/\/ Exactly what JavaScript's trim\(\) strips\b[\s\S]*?^function helpdesky_identity\b[\s\S]*?^}\n/m,
  },
  go: {
    file: 'examples/recipes/go/helpdesky.go',
    language: 'go',
    code: /^\/\/ Exactly what JavaScript's trim\(\) strips\b[\s\S]*?^func helpdeskyIdentity\b[\s\S]*?^}\n/m,
  },
};

describe('the Ruby, PHP and Go recipes', () => {
  it.concurrent(`reproduce the vectors and the whitespace sweep: Ruby, ${recipes.ruby.file}`, async () => {
    expect(await recipe('ruby', [recipes.ruby.file], {})).toEqual(expected);
  });

  it.concurrent(`reproduce the vectors and the whitespace sweep: PHP, ${recipes.php.file}`, async () => {
    // Errors on stderr whatever php.ini says, so that a failure shows them.
    const args = ['-d', 'display_errors=stderr', '-d', 'log_errors=0', recipes.php.file];
    expect(await recipe('php', args, {})).toEqual(expected);
  });

  it.concurrent(
    `reproduce the vectors and the whitespace sweep: Go, ${recipes.go.file}`,
    async () => {
      // go run compiles first (about 2 s cold); a cache in tmp works without $HOME.
      const env = { GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'helpdesky-react-go-build') };
      expect(await recipe('go', ['run', recipes.go.file], { env, timeoutMs: 60_000 })).toEqual(expected);
    },
    70_000,
  );

  it("are shown in docs/server.md's Other backends, each file's whitespace set and function verbatim", async () => {
    const doc = await readFile(join(ROOT, 'docs', 'server.md'), 'utf8');
    const start = doc.indexOf('\n## Other backends\n');
    expect(start).toBeGreaterThan(-1);
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    for (const { file, language, code: pattern } of Object.values(recipes)) {
      const source = await readFile(join(ROOT, file), 'utf8');
      const code = pattern.exec(source)?.[0];
      expect(
        code,
        `${file} has no JavaScript whitespace set followed by helpdesky_identity / helpdeskyIdentity`,
      ).toBeDefined();
      const blocks = [...section.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
        (m) => m[1]!,
      );
      expect(blocks, `a \`\`\`${language} block in docs/server.md`).toHaveLength(1);
      expect(
        blocks[0],
        `docs/server.md's ${language} block must show ${file}'s whitespace set and function as they are`,
      ).toContain(code);
      expect(section, `docs/server.md names ${file}`).toContain(file);
    }
  });
});
