import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import express from 'express';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdeskyHandler, signEmail, toNodeHandler } from 'helpdesky-react/server';
import * as webBuild from '../../src/server.web.js';
import { HELPDESK_ID, SECRET, cookieUser } from './helpers.js';

const quiet = { warn: () => {}, error: () => {} };
const handler = createHelpdeskyHandler({ getUser: cookieUser, secret: SECRET, helpdeskId: HELPDESK_ID, logger: quiet });
const servers: Array<Server | ServerType> = [];

function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/**
 * One request over a raw socket, read to the end: neither fetch nor node:http's client can show
 * what a HEAD answer really carries, since both discard its body.
 */
function exchange(
  base: string,
  method: string,
  cookie: string,
  { path = '/api/helpdesky', extra = '' }: { path?: string; extra?: string } = {},
): Promise<{ head: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const end = data.indexOf('\r\n\r\n');
      resolve({ head: data.slice(0, end), body: data.slice(end + 4) });
    });
    socket.end(
      `${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookie}\r\n${extra}Connection: close\r\n\r\n`,
    );
  });
}

const contentLength = (head: string) => /^content-length: *(\d+)\r?$/im.exec(head)?.[1];

afterAll(async () => {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          (server as Server).closeAllConnections?.();
          server.close(() => resolve());
        }),
    ),
  );
});

const frameworks: Array<[string, () => Promise<string>]> = [
  [
    'Express, via toNodeHandler',
    async () => {
      const app = express();
      app.get('/api/helpdesky', toNodeHandler(handler));
      app.all('/api/helpdesky', toNodeHandler(handler));
      // Mounted under a prefix: the Request must still see the full URL.
      const router = express.Router();
      router.get('/identity', toNodeHandler(handler));
      app.use('/nested', router);
      return listen(createServer(app));
    },
  ],
  ['plain node:http, via toNodeHandler', () => listen(createServer(toNodeHandler(handler)))],
  [
    'Hono on @hono/node-server, as a Web handler',
    async () => {
      const app = new Hono();
      app.all('/api/helpdesky', (c) => handler(c.req.raw));
      return new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
          resolve(`http://127.0.0.1:${info.port}`),
        );
        servers.push(server);
      });
    },
  ],
];

describe.each(frameworks)('the handler over real HTTP on 127.0.0.1: %s', (name, start) => {
  let base = '';
  beforeAll(async () => {
    base = await start();
  });

  it('answers a signed-in user with the signed identity and the cache headers', async () => {
    const response = await fetch(`${base}/api/helpdesky`, {
      headers: { cookie: `theme=dark; user=${encodeURIComponent('Dana@Example.com')}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email: 'dana@example.com',
      signature: await signEmail('dana@example.com', SECRET),
      helpdeskId: HELPDESK_ID,
    });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('vary')).toBe('Cookie, Authorization');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 401 without a session, 500 when getUser throws, 405 with Allow for POST', async () => {
    expect((await fetch(`${base}/api/helpdesky`)).status).toBe(401);
    expect((await fetch(`${base}/api/helpdesky`, { headers: { cookie: 'user=boom' } })).status).toBe(500);
    const post = await fetch(`${base}/api/helpdesky`, {
      method: 'POST',
      body: 'x=1',
      headers: { cookie: 'user=a%40b.c' },
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with headers only', async () => {
    const response = await fetch(`${base}/api/helpdesky`, { method: 'HEAD', headers: { cookie: 'user=a%40b.c' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toBe('');
  });

  it("answers HEAD with the Content-Length of the GET's body, and sends no body", async () => {
    const cookie = `user=${encodeURIComponent('Émile@Example.com')}`;
    const get = await exchange(base, 'GET', cookie);
    const head = await exchange(base, 'HEAD', cookie);
    expect(get.head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head.head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head.body).toBe('');
    // Counted in bytes: "é" is two of them.
    expect(Number(contentLength(head.head))).toBe(Buffer.byteLength(get.body));
    expect(Number(contentLength(get.head))).toBe(Buffer.byteLength(get.body));
  });

  if (name.startsWith('Express')) {
    it('works on a router mounted under a prefix', async () => {
      const response = await fetch(`${base}/nested/identity`, { headers: { cookie: 'user=erin%40example.com' } });
      expect((await response.json()).email).toBe('erin@example.com');
    });
  }
});

describe('toNodeHandler with any Web handler', () => {
  it('passes the full request (method, URL, headers, body) and writes the response back, cookies included', async () => {
    const echo = toNodeHandler(async (request) => {
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response(
        `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search} ${request.headers.get('x-test')} ${await request.text()}`,
        { status: 201, headers },
      );
    });
    const base = await listen(createServer(echo));
    const response = await fetch(`${base}/echo?q=1`, { method: 'POST', body: 'hello', headers: { 'x-test': 'yes' } });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('POST /echo?q=1 yes hello');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it("gives getUser a Request whose every member works (the lazy Request's fallbacks)", async () => {
    let seen: unknown;
    const inspecting = createHelpdeskyHandler({
      secret: SECRET,
      helpdeskId: HELPDESK_ID,
      getUser: async (request) => {
        seen = {
          isRequest: request instanceof Request,
          method: request.method,
          url: request.url,
          cookie: request.headers.get('cookie'),
          signal: request.signal instanceof AbortSignal,
          text: await request.text(),
          clone: request.clone().url,
        };
        return { email: 'f@example.com' };
      },
    });
    const base = await listen(createServer(toNodeHandler(inspecting)));
    expect((await fetch(`${base}/id?x=1`, { headers: { cookie: 'user=f' } })).status).toBe(200);
    expect(seen).toEqual({
      isRequest: true,
      method: 'GET',
      url: `${base}/id?x=1`,
      cookie: 'user=f',
      signal: true,
      text: '',
      clone: `${base}/id?x=1`,
    });
  });

  it('streams a body of several chunks, in order, and logs a failure on the logger it is given', async () => {
    const streaming = toNodeHandler(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const part of ['one ', 'two ', 'three']) controller.enqueue(new TextEncoder().encode(part));
              controller.close();
            },
          }),
        ),
    );
    expect(await (await fetch(await listen(createServer(streaming)))).text()).toBe('one two three');

    const errors: unknown[][] = [];
    const failing = toNodeHandler(
      () => {
        throw new Error('kaboom');
      },
      { logger: { warn: () => {}, error: (...args) => errors.push(args) } },
    );
    const bare = await fetch(await listen(createServer(failing)));
    expect([bare.status, bare.headers.get('cache-control'), bare.headers.get('x-content-type-options')]).toEqual([
      500,
      'no-store',
      'nosniff',
    ]);
    expect(errors).toEqual([
      ['[helpdesky] The request handler failed:', expect.objectContaining({ message: 'kaboom' })],
    ]);
  });

  it("aborts the Request's signal when the client goes away, so a slow getUser can stop", async () => {
    let signal: AbortSignal | undefined;
    const aborted = new Promise<string>((resolve) => {
      const handler = createHelpdeskyHandler({
        secret: SECRET,
        helpdeskId: HELPDESK_ID,
        logger: quiet,
        getUser: (request) =>
          new Promise((settle) => {
            signal = request.signal;
            request.signal.addEventListener('abort', () => {
              resolve('aborted');
              settle(null);
            });
          }),
      });
      void listen(createServer(toNodeHandler(handler))).then((base) => {
        const { hostname, port } = new URL(base);
        const socket = connect(Number(port), hostname, () => {
          socket.write(`GET /id HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
          // Gone once the server has the request (getUser has run).
          const wait = setInterval(() => {
            if (signal) {
              clearInterval(wait);
              socket.destroy();
            }
          }, 5);
        });
      });
    });
    expect(await aborted).toBe('aborted');
    expect(signal?.aborted).toBe(true);
  });

  it('gives a handler wrapped by the host (logging, auth) the same answer as the bare one, HEAD included', async () => {
    const wrapped = (request: Request) => handler(request);
    const bare = await listen(createServer(toNodeHandler(handler)));
    const viaWrapper = await listen(createServer(toNodeHandler(wrapped)));
    for (const method of ['GET', 'HEAD']) {
      const [one, two] = await Promise.all(
        [bare, viaWrapper].map((base) => exchange(base, method, `user=${encodeURIComponent('Zoë@Example.com')}`)),
      );
      const strip = (head: string) => head.replace(/^date: .*$/im, '');
      expect(strip(two!.head)).toBe(strip(one!.head));
      expect(two!.body).toBe(one!.body);
    }
  });

  it('hands a failing handler to next(), or answers a bare 500 without one', async () => {
    const failing = toNodeHandler(async () => {
      throw new Error('kaboom');
    });
    const app = express();
    app.get('/with-next', failing);
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(502).send(`next got ${error.message}`);
    });
    const base = await listen(createServer(app));
    const viaNext = await fetch(`${base}/with-next`);
    expect([viaNext.status, await viaNext.text()]).toEqual([502, 'next got kaboom']);

    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const bare = await listen(createServer(failing));
      expect((await fetch(bare)).status).toBe(500);
    } finally {
      console.error = original;
    }
    expect(String(errors[0])).toMatch(/^\[helpdesky\] The request handler failed/);
  });
});

describe("getUser's Request under toNodeHandler, over real HTTP on 127.0.0.1", () => {
  // What getUser saw, recorded by a handler that signs a fixed user in.
  async function seenBy(inspectRequest: (request: Request) => unknown, method = 'GET', extra = '') {
    let seen: unknown;
    let failure: unknown;
    const handler = createHelpdeskyHandler({
      secret: SECRET,
      helpdeskId: HELPDESK_ID,
      logger: quiet,
      getUser: async (request) => {
        try {
          seen = await inspectRequest(request);
        } catch (error) {
          failure = error;
        }
        return { email: 'g@example.com' };
      },
    });
    const base = await listen(createServer(toNodeHandler(handler)));
    const { head } = await exchange(base, method, 'theme=dark', { path: '/id?q=1&r=%C3%A9', extra });
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    if (failure) throw failure;
    return { seen, base };
  }

  it('has the headers a Request would: case-insensitive, repeated ones joined, trimmed, sorted when listed', async () => {
    const extra =
      'cookie: session=abc\r\nX-Multi: one\r\nx-multi:   two  \r\nAuthorization: Bearer t0k3n\r\nAccept: */*\r\n';
    const { seen, base } = await seenBy(
      (request) => ({
        isHeaders: request.headers instanceof Headers,
        cookie: request.headers.get('cookie'),
        COOKIE: request.headers.get('COOKIE'),
        multi: request.headers.get('X-Multi'),
        authorization: request.headers.get('authorization'),
        hasAuthorization: request.headers.has('Authorization'),
        absent: request.headers.get('x-absent'),
        hasAbsent: request.headers.has('x-absent'),
        setCookies: request.headers.getSetCookie(),
        listed: [...request.headers],
        forEach: (() => {
          const names: string[] = [];
          request.headers.forEach((_value, name, parent) => names.push(`${name}:${parent === request.headers}`));
          return names;
        })(),
        copied: new Headers(request.headers).get('x-multi'),
        forwarded: new Request('http://auth.test/session', { headers: request.headers }).headers.get('cookie'),
        invalidName: (() => {
          try {
            return request.headers.get('not a name');
          } catch (error) {
            return error instanceof TypeError ? 'TypeError' : error;
          }
        })(),
      }),
      'GET',
      extra,
    );
    const host = new URL(base).host;
    expect(seen).toEqual({
      isHeaders: true,
      cookie: 'theme=dark; session=abc',
      COOKIE: 'theme=dark; session=abc',
      multi: 'one, two',
      authorization: 'Bearer t0k3n',
      hasAuthorization: true,
      absent: null,
      hasAbsent: false,
      setCookies: [],
      listed: [
        ['accept', '*/*'],
        ['authorization', 'Bearer t0k3n'],
        ['connection', 'close'],
        ['cookie', 'theme=dark; session=abc'],
        ['host', host],
        ['x-multi', 'one, two'],
      ],
      forEach: ['accept', 'authorization', 'connection', 'cookie', 'host', 'x-multi'].map((name) => `${name}:true`),
      copied: 'one, two',
      forwarded: 'theme=dark; session=abc',
      invalidName: 'TypeError',
    });
  });

  it('has the method, URL, signal and (empty) body of a GET or HEAD, and prints like a Request', async () => {
    for (const method of ['GET', 'HEAD']) {
      const { seen, base } = await seenBy(
        async (request) => ({
          isRequest: request instanceof Request,
          method: request.method,
          url: request.url,
          search: new URL(request.url).searchParams.get('r'),
          signal: request.signal instanceof AbortSignal && !request.signal.aborted,
          body: request.body,
          bodyUsed: request.bodyUsed,
          text: await request.text(),
          json: await request
            .clone()
            .json()
            .then(
              () => 'parsed',
              (error: unknown) => (error instanceof SyntaxError ? 'SyntaxError' : error),
            ),
          clone: request.clone() instanceof Request,
          // What docs/server.md advises for new Request(…) and fetch(…), which need a real one.
          rebuilt: new Request(request.clone()).url,
          printed: inspect(request),
          printedHeaders: inspect(request.headers),
        }),
        method,
      );
      expect(seen).toMatchObject({
        isRequest: true,
        method,
        url: `${base}/id?q=1&r=%C3%A9`,
        search: 'é',
        signal: true,
        body: null,
        bodyUsed: false,
        text: '',
        json: 'SyntaxError',
        clone: true,
        rebuilt: `${base}/id?q=1&r=%C3%A9`,
      });
      const { printed, printedHeaders } = seen as { printed: string; printedHeaders: string };
      expect(printed).toMatch(/^Request \{/);
      expect(printed).toContain(`${base}/id?q=1&r=%C3%A9`);
      expect(printedHeaders).toContain('theme=dark');
    }
  });

  it("answers every member of this runtime's Request as a real one does", async () => {
    // Along the whole chain: once @hono/node-server has served, the global Request is its subclass.
    const names = new Set<string>();
    for (let proto = Request.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    }
    expect(names).toContain('isReloadNavigation');
    const { seen, base } = await seenBy((request) => {
      const real = new Request(request.url, { method: request.method, headers: request.headers });
      return [...names].map((name) => {
        const ours = (request as unknown as Record<string, unknown>)[name];
        const theirs = (real as unknown as Record<string, unknown>)[name];
        return [name, typeof ours, typeof theirs, typeof ours === 'object' ? null : ours === theirs || typeof ours];
      });
    });
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:/);
    for (const [name, ours, theirs, same] of seen as Array<[string, string, string, unknown]>) {
      expect([name, ours]).toEqual([name, theirs]);
      // Methods are our own functions, so only values are compared.
      if (ours !== 'function' && ours !== 'object') expect([name, same]).toEqual([name, true]);
    }
  });
});

describe('toNodeHandler answers from either build and for every kind of getUser', () => {
  it('answers 200 from the Web Crypto build (signing is async there) with the same signature', async () => {
    const web = webBuild.createHelpdeskyHandler({ getUser: cookieUser, secret: SECRET, helpdeskId: HELPDESK_ID });
    // The adapter is generic: the Node build's toNodeHandler serves the Web Crypto build's handler.
    const base = await listen(createServer(toNodeHandler(web)));
    const response = await fetch(`${base}/api/helpdesky`, { headers: { cookie: 'user=h%40example.com' } });
    expect(response.status).toBe(200);
    expect((await response.json()).signature).toBe(await signEmail('h@example.com', SECRET));
  });

  it('answers 500 when an async getUser rejects, and logs the cause', async () => {
    const errors: unknown[][] = [];
    const handler = createHelpdeskyHandler({
      secret: SECRET,
      helpdeskId: HELPDESK_ID,
      logger: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
      getUser: async () => {
        throw new Error('session store down');
      },
    });
    const base = await listen(createServer(toNodeHandler(handler)));
    const response = await fetch(`${base}/api/helpdesky`);
    expect(response.status).toBe(500);
    expect((await response.json()).error).toBe('internal');
    expect(String(errors[0]?.[0])).toMatch(/getUser threw/);
    expect((errors[0]?.[1] as Error).message).toBe('session store down');
  });

  it('answers 500 JSON with the security headers, the cause on the logger, when reading the user throws (getter or Proxy, sync or async)', async () => {
    const getter = {
      get email(): string {
        throw new Error('lazy session failed');
      },
    };
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('lazy session failed');
        },
      },
    );
    const errors: unknown[][] = [];
    const logger = { warn: () => {}, error: (...args: unknown[]) => errors.push(args) };
    const consoleErrors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => consoleErrors.push(args);
    try {
      for (const user of [getter, proxy]) {
        for (const getUser of [() => user as { email: string }, async () => user as { email: string }]) {
          const handler = createHelpdeskyHandler({ secret: SECRET, helpdeskId: HELPDESK_ID, logger, getUser });
          const app = express();
          app.get('/id', toNodeHandler(handler));
          app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
            res.status(502).send(`next got ${error.message}`);
          });
          for (const url of [
            await listen(createServer(toNodeHandler(handler))),
            `${await listen(createServer(app))}/id`,
          ]) {
            const response = await fetch(url);
            expect(response.status).toBe(500);
            expect(await response.json()).toMatchObject({ error: 'internal' });
            expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
            expect(response.headers.get('cache-control')).toBe('private, no-store');
            expect(response.headers.get('x-content-type-options')).toBe('nosniff');
          }
        }
      }
    } finally {
      console.error = original;
    }
    expect(consoleErrors).toEqual([]);
    expect(errors).toHaveLength(8);
    for (const [message, cause] of errors) {
      expect(message).toMatch(/^\[helpdesky\] (Reading the email of getUser's result threw|getUser threw)/);
      expect((cause as Error).message).toBe('lazy session failed');
    }
  });

  it('escapes an email and helpdesk id that JSON must escape, with a Content-Length in bytes', async () => {
    const email = 'o"neil\\x\u00e9\u{1f600}@example.com';
    const helpdeskId = 'id "with" \\ quotes';
    const handler = createHelpdeskyHandler({ secret: SECRET, helpdeskId, getUser: () => ({ email }) });
    const base = await listen(createServer(toNodeHandler(handler)));
    const { head, body } = await exchange(base, 'GET', '');
    expect(JSON.parse(body)).toEqual({ email, signature: await signEmail(email, SECRET), helpdeskId });
    expect(body).toBe(JSON.stringify(JSON.parse(body)));
    expect(Number(contentLength(head))).toBe(Buffer.byteLength(body));
  });
});
