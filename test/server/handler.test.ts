import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHelpdeskyHandler, signEmail, type HelpdeskyHandlerOptions } from 'helpdesky-react/server';
import * as webBuild from '../../src/server.web.js';
import { HELPDESK_ID, SECRET, cookieUser } from './helpers.js';

function logger() {
  return { warn: vi.fn(), error: vi.fn() };
}

function handlerWith(options: Partial<HelpdeskyHandlerOptions> = {}) {
  const log = logger();
  const handler = createHelpdeskyHandler({
    getUser: cookieUser,
    secret: SECRET,
    helpdeskId: HELPDESK_ID,
    logger: log,
    ...options,
  });
  return { handler, log };
}

const get = (cookie?: string, method = 'GET') =>
  new Request('http://app.test/api/helpdesky', { method, headers: cookie ? { cookie } : {} });

afterEach(() => vi.unstubAllEnvs());

describe('given a signed-in user', () => {
  it('answers 200 { email, signature, helpdeskId } with the normalized email, uncacheable, no CORS', async () => {
    const { handler } = handlerWith();
    const response = await handler(get(`user=${encodeURIComponent(' Alice@Example.COM ')}`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email: 'alice@example.com',
      signature: await signEmail('alice@example.com', SECRET),
      helpdeskId: HELPDESK_ID,
    });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('vary')).toMatch(/Cookie.*Authorization/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('accepts an async getUser', async () => {
    const { handler } = handlerWith({ getUser: async () => ({ email: 'bob@example.org' }) });
    expect((await (await handler(get())).json()).email).toBe('bob@example.org');
  });

  it("answers HEAD with GET's status and headers, its Content-Length in bytes, and no body", async () => {
    const { handler } = handlerWith();
    const cookie = `user=${encodeURIComponent('Émile@Example.com')}`;
    const got = await handler(get(cookie));
    const response = await handler(get(cookie, 'HEAD'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-type')).toBe(got.headers.get('content-type'));
    // "é" is two bytes.
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(await got.text())));
    expect(await response.text()).toBe('');
  });

  it('gives the same answer on the Web Crypto build', async () => {
    const options = { getUser: cookieUser, secret: SECRET, helpdeskId: HELPDESK_ID };
    const node = await createHelpdeskyHandler(options)(get('user=carol%40example.net'));
    const web = await webBuild.createHelpdeskyHandler(options)(get('user=carol%40example.net'));
    expect(await web.json()).toEqual(await node.json());
  });
});

describe('given nobody signed in', () => {
  it('answers 401 with a small JSON body, uncacheable', async () => {
    const { handler, log } = handlerWith();
    const response = await handler(get());
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(log.error).not.toHaveBeenCalled();
  });
});

describe.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('given a %s request', (method) => {
  it('answers 405 with Allow: GET, HEAD, without calling getUser', async () => {
    const getUser = vi.fn(cookieUser);
    const { handler } = handlerWith({ getUser });
    const response = await handler(get('user=a%40b.c', method));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(getUser).not.toHaveBeenCalled();
  });
});

describe('given getUser throws', () => {
  it('answers 500 with a generic body and logs the cause on the server', async () => {
    const { handler, log } = handlerWith();
    const response = await handler(get('user=boom'));
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: 'internal' });
    expect(body).not.toContain('session store');
    expect(log.error).toHaveBeenCalledWith(
      expect.stringMatching(/^\[helpdesky\] getUser threw/),
      expect.objectContaining({ message: 'session store unavailable' }),
    );
  });

  it('answers 500 and says why when getUser returns something without an email', async () => {
    // @ts-expect-error: a wrong getUser on purpose
    const { handler, log } = handlerWith({ getUser: () => ({ id: 7 }) });
    expect((await handler(get())).status).toBe(500);
    expect(log.error.mock.calls[0]![0]).toMatch(/must return \{ email: string \}/);
  });
});

describe('given a missing secret', () => {
  it('answers 500 and logs which variable to set, and where to get it', async () => {
    vi.stubEnv('HELPDESKY_HMAC_SECRET', undefined);
    const { handler, log } = handlerWith({ secret: undefined });
    const response = await handler(get('user=alice%40example.com'));
    expect(response.status).toBe(500);
    expect(log.error.mock.calls[0]![0]).toMatch(
      /^\[helpdesky\] HELPDESKY_HMAC_SECRET is not set\. Copy the HMAC secret/,
    );
  });

  it('answers 500 for a missing helpdesk id, read from the env option (as on Workers)', async () => {
    const { handler, log } = handlerWith({
      secret: undefined,
      helpdeskId: undefined,
      env: { HELPDESKY_HMAC_SECRET: SECRET },
    });
    expect((await handler(get('user=alice%40example.com'))).status).toBe(500);
    expect(log.error.mock.calls[0]![0]).toMatch(/HELPDESKY_HELPDESK_ID is not set/);
  });

  it('reads the environment per request, so the fix applies without a new handler', async () => {
    const env: Record<string, string> = {};
    const { handler } = handlerWith({ secret: undefined, helpdeskId: undefined, env });
    expect((await handler(get('user=a%40b.c'))).status).toBe(500);
    env.HELPDESKY_HMAC_SECRET = SECRET;
    env.HELPDESKY_HELPDESK_ID = HELPDESK_ID;
    expect((await handler(get('user=a%40b.c'))).status).toBe(200);
  });
});

describe('given a secret with whitespace and a public copy in the environment', () => {
  it('signs with the trimmed secret, warns once about each, and never logs the secret', async () => {
    const env = {
      HELPDESKY_HMAC_SECRET: `${SECRET}\n`,
      HELPDESKY_HELPDESK_ID: HELPDESK_ID,
      NEXT_PUBLIC_HELPDESKY_HMAC_SECRET: SECRET,
    };
    const { handler, log } = handlerWith({ secret: undefined, helpdeskId: undefined, env });
    for (let i = 0; i < 3; i++) {
      const response = await handler(get('user=alice%40example.com'));
      expect((await response.json()).signature).toBe(await signEmail('alice@example.com', SECRET));
    }
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn.mock.calls.map((call) => call[0])).toEqual([
      expect.stringMatching(/HELPDESKY_HMAC_SECRET has 1 whitespace/),
      expect.stringMatching(/NEXT_PUBLIC_HELPDESKY_HMAC_SECRET is set on this server/),
    ]);
    expect(JSON.stringify([log.warn.mock.calls, log.error.mock.calls])).not.toContain(SECRET);
  });
});

describe('at start-up, before any request', () => {
  it('warns about a secret with whitespace and a public copy, read from the env option', () => {
    const log = logger();
    createHelpdeskyHandler({
      getUser: cookieUser,
      env: {
        HELPDESKY_HMAC_SECRET: ` ${SECRET}`,
        HELPDESKY_HELPDESK_ID: HELPDESK_ID,
        VITE_HELPDESKY_HMAC_SECRET: SECRET,
      },
      logger: log,
    });
    expect(log.warn.mock.calls.map((call) => call[0])).toEqual([
      expect.stringMatching(/HELPDESKY_HMAC_SECRET has 1 whitespace/),
      expect.stringMatching(/VITE_HELPDESKY_HMAC_SECRET is set on this server/),
    ]);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('warns about a public copy in process.env, as configured by the quickstart (no options)', () => {
    // A secret of its own: each warning is logged once per environment object and secret.
    const secret = `${SECRET}_quickstart`;
    vi.stubEnv('HELPDESKY_HMAC_SECRET', secret);
    vi.stubEnv('HELPDESKY_HELPDESK_ID', HELPDESK_ID);
    vi.stubEnv('PUBLIC_HELPDESKY_HMAC_SECRET', secret);
    const log = logger();
    createHelpdeskyHandler({ getUser: cookieUser, logger: log });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![0]).toMatch(/^\[helpdesky\] PUBLIC_HELPDESKY_HMAC_SECRET is set on this server/);
    expect(String(log.warn.mock.calls)).not.toContain(secret);
  });

  it('stays silent on Cloudflare Workers, where there is no process and so no environment yet', () => {
    const log = logger();
    vi.stubGlobal('process', undefined);
    try {
      webBuild.createHelpdeskyHandler({ getUser: cookieUser, logger: log });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(log.warn).not.toHaveBeenCalled();
    expect(log.error).not.toHaveBeenCalled();
  });
});

describe('given an empty secret or helpdesk id option, as an empty .env placeholder gives', () => {
  it('creates the handler (a build that imports it still works), then answers 500 and logs why', async () => {
    const { handler, log } = handlerWith({ secret: '' });
    expect(log.error).not.toHaveBeenCalled();
    expect((await handler(get('user=alice%40example.com'))).status).toBe(500);
    expect(log.error.mock.calls[0]![0]).toMatch(/^\[helpdesky\] the secret option is empty\. Copy the HMAC secret/);
  });

  it('does the same for an empty helpdesk id', async () => {
    const { handler, log } = handlerWith({ helpdeskId: ' ' });
    expect((await handler(get('user=alice%40example.com'))).status).toBe(500);
    expect(log.error.mock.calls[0]![0]).toMatch(/^\[helpdesky\] the helpdeskId option is empty\./);
  });
});

describe('given wrong options', () => {
  it('throws a TypeError at creation, not on the first request', () => {
    // @ts-expect-error: called wrongly on purpose
    expect(() => createHelpdeskyHandler({})).toThrow(
      /^\[helpdesky\] createHelpdeskyHandler\(\{ getUser \}\) needs getUser/,
    );
    // @ts-expect-error: called wrongly on purpose
    expect(() => createHelpdeskyHandler({ getUser: cookieUser, secret: 123 })).toThrow(TypeError);
    // @ts-expect-error: called wrongly on purpose
    expect(() => createHelpdeskyHandler({ getUser: cookieUser, helpdeskId: 42 })).toThrow(
      /^\[helpdesky\] helpdeskId must be a string, got/,
    );
  });

  it('throws a TypeError for a wrong type even when the environment lacks the other value', () => {
    expect(() =>
      // @ts-expect-error: called wrongly on purpose
      createHelpdeskyHandler({ getUser: cookieUser, helpdeskId: 42, env: {}, logger: logger() }),
    ).toThrow(TypeError);
  });
});

describe('given a getUser that never settles (a session store that hangs)', () => {
  afterEach(() => vi.useRealTimers());

  it('answers 500 JSON with the identity headers after getUserTimeoutMs, and logs why', async () => {
    const { handler, log } = handlerWith({ getUser: () => new Promise(() => {}), getUserTimeoutMs: 50 });
    const response = await handler(get());
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: 'internal' });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(log.error.mock.calls[0]![0]).toMatch(/^\[helpdesky\] getUser did not settle within 50 ms/);
  });

  it('waits 8 seconds by default, less than the client waits for the endpoint (10 s)', async () => {
    vi.useFakeTimers();
    const { handler, log } = handlerWith({ getUser: () => new Promise(() => {}) });
    let status = 0;
    void handler(get()).then((response) => (status = response.status));
    await vi.advanceTimersByTimeAsync(7_999);
    expect(status).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(status).toBe(500);
    expect(log.error.mock.calls[0]![0]).toMatch(/within 8000 ms/);
  });

  it('rejects a getUserTimeoutMs that is not a positive number, at creation', () => {
    expect(() => handlerWith({ getUserTimeoutMs: 0 })).toThrow(
      /^\[helpdesky\] getUserTimeoutMs must be a positive number/,
    );
    // @ts-expect-error: called wrongly on purpose
    expect(() => handlerWith({ getUserTimeoutMs: '5s' })).toThrow(TypeError);
  });
});

describe('given a getUser result whose email cannot be read (a getter or a Proxy that throws)', () => {
  it('answers 500 JSON with the identity headers and logs the cause on the logger', async () => {
    const getter = {
      get email(): string {
        throw new Error('lazy session failed');
      },
    };
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('lazy session failed');
        },
      },
    );
    for (const user of [getter, proxy]) {
      const { handler, log } = handlerWith({ getUser: () => user as { email: string } });
      const response = await handler(get());
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: 'internal' });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(log.error).toHaveBeenCalledWith(
        expect.stringMatching(/^\[helpdesky\] (Reading the email of getUser's result threw|getUser threw)/),
        expect.objectContaining({ message: 'lazy session failed' }),
      );
    }
  });
});

describe('given explicit configuration', () => {
  it('resolves it once, at creation: requests read nothing from the environment', async () => {
    const reads: string[] = [];
    const env = new Proxy<Record<string, string>>(
      {},
      {
        get(target, name) {
          reads.push(String(name));
          return Reflect.get(target, name);
        },
      },
    );
    const { handler } = handlerWith({ env });
    const atCreation = reads.length;
    for (let i = 0; i < 5; i++) expect((await handler(get('user=a%40b.c'))).status).toBe(200);
    expect(reads.length).toBe(atCreation);
  });

  it('answers GET with its Content-Length left to the server, and HEAD with the same headers otherwise', async () => {
    const { handler } = handlerWith();
    const [got, head] = await Promise.all([handler(get('user=a%40b.c')), handler(get('user=a%40b.c', 'HEAD'))]);
    const names = (response: Response) => [...response.headers.keys()].filter((name) => name !== 'content-length');
    expect(names(head)).toEqual(names(got));
  });
});
