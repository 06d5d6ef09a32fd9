import { afterAll, describe, expect, it, vi } from 'vitest';
import { readHelpdeskyConfig, signEmail } from 'helpdesky-react/server';
import * as webBuild from '../../src/server.web.js';
import { KEY_CACHE_LIMIT } from '../../src/server/cryptoBackend.js';
import { HELPDESK_ID } from './helpers.js';

// The runtime's crypto is the boundary: node:crypto's createSecretKey and Web Crypto's importKey
// are wrapped to count the keys each build makes, and still do the real work.
const createSecretKey = vi.hoisted(() => vi.fn());
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  createSecretKey.mockImplementation(actual.createSecretKey);
  return { ...actual, createSecretKey };
});
const importKey = vi.spyOn(crypto.subtle, 'importKey');
afterAll(() => importKey.mockRestore());

const decoder = new TextDecoder();

const builds = [
  {
    name: 'the node:crypto build',
    signEmail,
    keysMadeFor: (secret: string) =>
      createSecretKey.mock.calls.filter(([key]) => decoder.decode(key as Uint8Array) === secret).length,
  },
  {
    name: 'the Web Crypto build',
    signEmail: webBuild.signEmail,
    keysMadeFor: (secret: string) =>
      importKey.mock.calls.filter(([, key]) => decoder.decode(key as Uint8Array) === secret).length,
  },
];

// Each test signs with secrets of its own, since the caches live as long as the module.
let tests = 0;
const secretsOfThisTest = (count: number) => {
  tests += 1;
  return Array.from({ length: count }, (_, i) => `hdh_secret_test${tests}_tenant${i}`);
};

describe.each(builds)('$name', ({ signEmail, keysMadeFor }) => {
  it('imports a secret once, however many emails it signs', async () => {
    const [secret] = secretsOfThisTest(1) as [string];
    for (let i = 0; i < 50; i++) await signEmail(`user${i}@example.com`, secret);
    expect(keysMadeFor(secret)).toBe(1);
  });

  it('keeps one key per secret for a server that alternates between a few (one per tenant)', async () => {
    const secrets = secretsOfThisTest(3);
    for (let round = 0; round < 10; round++) {
      for (const secret of secrets) await signEmail('alice@example.com', secret);
    }
    expect(secrets.map(keysMadeFor)).toEqual([1, 1, 1]);
  });

  it(`holds at most ${KEY_CACHE_LIMIT} keys: a server signing with more secrets makes some again`, async () => {
    const secrets = secretsOfThisTest(KEY_CACHE_LIMIT + 1);
    for (let round = 0; round < 2; round++) {
      for (const secret of secrets) await signEmail('alice@example.com', secret);
    }
    const made = secrets.reduce((sum, secret) => sum + keysMadeFor(secret), 0);
    expect(made).toBeGreaterThan(secrets.length);
  });
});

describe('looking for copies of each secret under public names in the environment', () => {
  /** An environment that counts how often it is listed, which is how the copies are looked for. */
  function countingEnv() {
    const env = { listed: 0 };
    const proxy = new Proxy<object>(
      { HELPDESKY_HELPDESK_ID: HELPDESK_ID },
      {
        ownKeys(target) {
          env.listed += 1;
          return Reflect.ownKeys(target);
        },
      },
    );
    return { env, proxy };
  }

  it('looks once per secret, however often it is read', () => {
    const { env, proxy } = countingEnv();
    const [a, b] = secretsOfThisTest(2) as [string, string];
    for (const secret of [a, b, a, b, a]) readHelpdeskyConfig(proxy, { secret });
    expect(env.listed).toBe(2);
  });

  it(`remembers at most ${KEY_CACHE_LIMIT} secrets as looked at, so a server with more does not keep every one`, () => {
    const { env, proxy } = countingEnv();
    const secrets = secretsOfThisTest(KEY_CACHE_LIMIT + 1);
    for (const secret of secrets) readHelpdeskyConfig(proxy, { secret });
    expect(env.listed).toBe(secrets.length);
    for (const secret of secrets) readHelpdeskyConfig(proxy, { secret });
    expect(env.listed).toBeGreaterThan(secrets.length);
  });
});
