import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HelpdeskyConfigError,
  createHelpdeskyIdentity,
  normalizeEmail,
  readHelpdeskyConfig,
  signEmail,
  verifySignature,
} from 'helpdesky-react/server';
import * as webBuild from '../../src/server.web.js';
import * as nodeCrypto from '../../src/server/nodeCrypto.js';
import * as webCrypto from '../../src/server/webCrypto.js';
import { HELPDESK_ID, SECRET } from './helpers.js';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));

// RFC 4231 section 4, HMAC-SHA256 of test cases 1 to 3.
const RFC_4231 = [
  {
    name: 'case 1: 20-byte key of 0x0b, "Hi There"',
    key: bytes('0b'.repeat(20)),
    data: text('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'case 2: key "Jefe", "what do ya want for nothing?"',
    key: text('Jefe'),
    data: text('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'case 3: 20-byte key of 0xaa, 50 bytes of 0xdd',
    key: bytes('aa'.repeat(20)),
    data: bytes('dd'.repeat(50)),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
];

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe.each([
  ['node:crypto', nodeCrypto],
  ['Web Crypto', webCrypto],
])('the %s backend', (_name, backend) => {
  it.each(RFC_4231)('computes RFC 4231 $name', async ({ key, data, mac }) => {
    expect(await backend.hmacSha256Hex(key, data)).toBe(mac);
  });
});

describe('given the secret and an email', () => {
  it('signs RFC 4231 case 2 through the public API (string key, UTF-8)', async () => {
    await expect(signEmail('what do ya want for nothing?', 'Jefe')).resolves.toBe(RFC_4231[1]!.mac);
  });

  it('signs the normalized email: case and surrounding whitespace do not change the signature', async () => {
    const plain = await signEmail('alice@example.com', SECRET);
    await expect(signEmail('  Alice@Example.COM\n', SECRET)).resolves.toBe(plain);
    expect(plain).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same signature on the Node build and the Web Crypto build', async () => {
    for (const email of ['alice@example.com', 'José@Example.es', '用户@例子.广告']) {
      expect(await webBuild.signEmail(email, SECRET)).toBe(await signEmail(email, SECRET));
    }
  });

  it('normalizes with trim() then toLowerCase()', () => {
    expect(normalizeEmail('  Alice.Smith@Example.COM \t')).toBe('alice.smith@example.com');
    expect(normalizeEmail('MÜLLER@BEISPIEL.DE')).toBe('müller@beispiel.de');
  });

  it('builds { email, signature, helpdeskId } with the normalized email the client must send', async () => {
    const identity = await createHelpdeskyIdentity(' Bob@Example.org ', { secret: SECRET, helpdeskId: HELPDESK_ID });
    expect(identity).toEqual({
      email: 'bob@example.org',
      signature: await signEmail('bob@example.org', SECRET),
      helpdeskId: HELPDESK_ID,
    });
  });
});

describe('verifying a signature', () => {
  it('accepts the right signature, for the raw or normalized email', async () => {
    const signature = await signEmail('alice@example.com', SECRET);
    await expect(verifySignature('alice@example.com', signature, SECRET)).resolves.toBe(true);
    await expect(verifySignature(' ALICE@example.com', signature, SECRET)).resolves.toBe(true);
    await expect(webBuild.verifySignature('alice@example.com', signature, SECRET)).resolves.toBe(true);
  });

  it('returns false, without throwing, for another user, a wrong length, non-hex or upper case', async () => {
    const signature = await signEmail('alice@example.com', SECRET);
    const others = [
      await signEmail('mallory@example.com', SECRET),
      signature.slice(0, 63),
      `${signature}0`,
      '',
      `${signature.slice(0, 63)}g`,
      signature.toUpperCase(),
      await signEmail('alice@example.com', `${SECRET}x`),
    ];
    for (const wrong of others) {
      await expect(verifySignature('alice@example.com', wrong, SECRET)).resolves.toBe(false);
      await expect(webBuild.verifySignature('alice@example.com', wrong, SECRET)).resolves.toBe(false);
    }
  });
});

describe('given missing or non-string arguments', () => {
  it('rejects with a TypeError that says what to pass', async () => {
    // @ts-expect-error: called wrongly on purpose
    await expect(signEmail(undefined, SECRET)).rejects.toThrow(TypeError);
    // @ts-expect-error: called wrongly on purpose
    await expect(signEmail(42, SECRET)).rejects.toThrow(/^\[helpdesky\] signEmail\(email\) expects .* got number/);
    await expect(signEmail('   ', SECRET)).rejects.toThrow(/empty email/);
    // @ts-expect-error: called wrongly on purpose
    await expect(signEmail('a@b.c', 1234)).rejects.toThrow(TypeError);
    // @ts-expect-error: called wrongly on purpose
    expect(() => normalizeEmail(null)).toThrow(TypeError);
  });
});

describe('given a missing secret', () => {
  it('rejects with a HelpdeskyConfigError naming the variable and where to get it', async () => {
    vi.stubEnv('HELPDESKY_HMAC_SECRET', undefined);
    const error = await signEmail('alice@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskyConfigError);
    expect(error).toMatchObject({ code: 'missing-secret', variable: 'HELPDESKY_HMAC_SECRET' });
    expect((error as Error).message).toMatch(/^\[helpdesky\] HELPDESKY_HMAC_SECRET is not set\. .*Helpdesky dashboard/);
  });

  it('treats an empty or blank secret as missing', async () => {
    await expect(signEmail('alice@example.com', ' ')).rejects.toMatchObject({ code: 'missing-secret' });
    expect(() => readHelpdeskyConfig({ HELPDESKY_HMAC_SECRET: '', HELPDESKY_HELPDESK_ID: HELPDESK_ID })).toThrow(
      HelpdeskyConfigError,
    );
  });
});

describe('given a missing helpdesk id', () => {
  it('throws a HelpdeskyConfigError naming HELPDESKY_HELPDESK_ID', () => {
    expect(() => readHelpdeskyConfig({ HELPDESKY_HMAC_SECRET: SECRET })).toThrow(
      expect.objectContaining({
        code: 'missing-helpdesk-id',
        message: expect.stringMatching(/^\[helpdesky\] HELPDESKY_HELPDESK_ID is not set/),
      }),
    );
  });
});

describe('reading the configuration', () => {
  it('reads process.env by default, and explicit values win over the environment', async () => {
    vi.stubEnv('HELPDESKY_HMAC_SECRET', SECRET);
    vi.stubEnv('HELPDESKY_HELPDESK_ID', HELPDESK_ID);
    expect(readHelpdeskyConfig()).toEqual({ secret: SECRET, helpdeskId: HELPDESK_ID });
    expect(readHelpdeskyConfig(undefined, { helpdeskId: 'explicit' })).toEqual({
      secret: SECRET,
      helpdeskId: 'explicit',
    });
    await expect(signEmail('alice@example.com')).resolves.toBe(await signEmail('alice@example.com', SECRET));
    await expect(signEmail('alice@example.com', 'other')).resolves.not.toBe(
      await signEmail('alice@example.com', SECRET),
    );
  });

  it('given a secret pasted with whitespace, trims it and warns once, without the secret', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const env = { HELPDESKY_HMAC_SECRET: ` ${SECRET}\n`, HELPDESKY_HELPDESK_ID: HELPDESK_ID };
    expect(readHelpdeskyConfig(env).secret).toBe(SECRET);
    expect(readHelpdeskyConfig(env).secret).toBe(SECRET);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(
      /^\[helpdesky\] HELPDESKY_HMAC_SECRET has 2 whitespace character\(s\) around it; they were trimmed/,
    );
    expect(String(warn.mock.calls)).not.toContain(SECRET);
  });

  it.each(['VITE_', 'NEXT_PUBLIC_', 'PUBLIC_'])(
    'given the secret also under %sHELPDESKY_HMAC_SECRET, warns once that it is shipped to browsers',
    (prefix) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const env = {
        HELPDESKY_HMAC_SECRET: SECRET,
        HELPDESKY_HELPDESK_ID: HELPDESK_ID,
        [`${prefix}HELPDESKY_HMAC_SECRET`]: SECRET,
      };
      readHelpdeskyConfig(env);
      readHelpdeskyConfig(env);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toContain(`${prefix}HELPDESKY_HMAC_SECRET is set on this server`);
      expect(warn.mock.calls[0]![0]).toMatch(/shipped to browsers/);
      expect(String(warn.mock.calls)).not.toContain(SECRET);
    },
  );

  it('given the same secret under any other public name, names that variable', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    readHelpdeskyConfig({ HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: HELPDESK_ID, VITE_HMAC: `${SECRET} ` });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('VITE_HMAC is set on this server');
  });

  it('never puts the secret in an error message', async () => {
    const errors = [
      // @ts-expect-error: called wrongly on purpose
      await signEmail(undefined, SECRET).catch((e: Error) => e.message),
      await signEmail('', SECRET).catch((e: Error) => e.message),
      (() => {
        try {
          readHelpdeskyConfig({ HELPDESKY_HMAC_SECRET: SECRET });
        } catch (e) {
          return (e as Error).message;
        }
      })(),
    ];
    expect(errors).toHaveLength(3);
    for (const message of errors) {
      expect(message).toMatch(/^\[helpdesky\] /);
      expect(message).not.toContain(SECRET);
    }
  });
});

describe('verifySignature given any bad email or signature value', () => {
  it('resolves false, as its name promises, on both builds', async () => {
    const signature = await signEmail('alice@example.com', SECRET);
    const bad: Array<[unknown, unknown]> = [
      ['alice@example.com', undefined],
      ['alice@example.com', null],
      ['alice@example.com', 42],
      ['alice@example.com', { toString: () => signature }],
      [undefined, signature],
      [null, signature],
      ['', signature],
      ['   ', signature],
      [['alice@example.com'], signature],
    ];
    for (const [email, wrong] of bad) {
      // @ts-expect-error: called wrongly on purpose
      await expect(verifySignature(email, wrong, SECRET)).resolves.toBe(false);
      // @ts-expect-error: called wrongly on purpose
      await expect(webBuild.verifySignature(email, wrong, SECRET)).resolves.toBe(false);
    }
  });

  it('still rejects with HelpdeskyConfigError when there is no secret, whatever the arguments', async () => {
    vi.stubEnv('HELPDESKY_HMAC_SECRET', undefined);
    // @ts-expect-error: called wrongly on purpose
    await expect(verifySignature(undefined, undefined)).rejects.toMatchObject({ code: 'missing-secret' });
    await expect(verifySignature('a@b.c', 'f'.repeat(64))).rejects.toBeInstanceOf(HelpdeskyConfigError);
  });
});

describe('signEmail and verifySignature given options instead of a secret', () => {
  it('read the secret from the env option and warn on the logger option, not on console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const logger = { warn: vi.fn(), error: vi.fn() };
    const env = { HELPDESKY_HMAC_SECRET: `${SECRET} ` };
    const signature = await signEmail('alice@example.com', { env, logger });
    expect(signature).toBe(await signEmail('alice@example.com', SECRET));
    await expect(verifySignature('alice@example.com', signature, { env, logger })).resolves.toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toMatch(/HELPDESKY_HMAC_SECRET has 1 whitespace/);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('an empty public copy of the secret variable', () => {
  it('is not warned about: an empty NEXT_PUBLIC_HELPDESKY_HMAC_SECRET ships nothing', () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const env = {
      HELPDESKY_HMAC_SECRET: SECRET,
      HELPDESKY_HELPDESK_ID: HELPDESK_ID,
      NEXT_PUBLIC_HELPDESKY_HMAC_SECRET: '',
    };
    readHelpdeskyConfig(env, { logger });
    expect(logger.warn).not.toHaveBeenCalled();
    readHelpdeskyConfig({ ...env, NEXT_PUBLIC_HELPDESKY_HMAC_SECRET: 'x' }, { logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
