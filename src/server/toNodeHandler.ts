import type { HelpdeskyHandler } from './createHelpdeskyHandler.js';
import { coreOf, type PlainResponse } from './handlerCores.js';

/**
 * The parts of Node's `IncomingMessage` the adapter reads. Express's, Connect's and Fastify's
 * `request.raw` objects all fit; declared here so the package's types need no `@types/node`.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  /** Express keeps the full path here when a router is mounted under a prefix. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Node's unparsed `[name, value, name, value, …]`: cheaper to read than `headers`. */
  rawHeaders?: string[] | undefined;
  /** A TLS socket has `encrypted: true`; read at run time only, so any socket type fits. */
  socket?: unknown;
}

/** The parts of Node's `ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  headersSent: boolean;
  writeHead(status: number, headers: Record<string, string | string[]> | string[]): unknown;
  write(chunk: Uint8Array): unknown;
  end(chunk?: string): unknown;
}

/** A Node-style `(req, res, next?)` middleware, as Express, Connect and `node:http` take it. */
export type NodeHandler = (
  req: NodeRequestLike,
  res: NodeResponseLike,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * Adapts a Web `(request) => Promise<Response>` handler (such as `createHelpdeskyHandler`'s) to
 * Node's `(req, res, next?)`: `app.get('/api/helpdesky', toNodeHandler(handler))` in Express or
 * Connect, `http.createServer(toNodeHandler(handler))`, or `toNodeHandler(handler)(request.raw,
 * reply.raw)` after `reply.hijack()` in Fastify. If the handler rejects, the error goes to
 * `next` when there is one, else the answer is a bare 500 and the error is logged.
 */
export function toNodeHandler(handler: HelpdeskyHandler): NodeHandler {
  if (typeof handler !== 'function') {
    throw new TypeError(
      '[helpdesky] toNodeHandler(handler) expects the function createHelpdeskyHandler({ getUser }) returns.',
    );
  }
  const core = coreOf(handler);
  return function helpdeskyNodeHandler(req, res, next) {
    const fail = (error: unknown): void => {
      if (next) return next(error);
      console.error('[helpdesky] The request handler failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal Server Error');
    };
    try {
      // Our own handler: answer from plain data, with a Request that is built lazily.
      if (core) return core(lazyRequest(req)).then((plain) => writePlain(plain, res, req.method === 'HEAD'), fail);
      return handler(toRequest(req, nodeHeaders(req)))
        .then((response) => writeResponse(response, res, req.method === 'HEAD'))
        .catch(fail);
    } catch (error) {
      fail(error);
      return Promise.resolve();
    }
  };
}

function nodeHeaders(req: NodeRequestLike): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  // `req.headers` is parsed on first access; the raw list skips that work.
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.charCodeAt(0) !== 58) headers.append(name, raw[i + 1]!);
    }
    return headers;
  }
  for (const name in req.headers) {
    // HTTP/2 pseudo-headers (":path") are not headers to a Request.
    if (name.charCodeAt(0) === 58) continue;
    const value = req.headers[name];
    if (typeof value === 'string') headers.append(name, value);
    else if (value !== undefined) for (const item of value) headers.append(name, item);
  }
  return headers;
}

function requestUrl(req: NodeRequestLike, headers: Headers): URL {
  const protocol = (req.socket as { encrypted?: boolean } | null | undefined)?.encrypted ? 'https' : 'http';
  const path = req.originalUrl ?? req.url ?? '/';
  try {
    return new URL(path, `${protocol}://${headers.get('host') ?? 'localhost'}`);
  } catch {
    // A malformed Host header must not turn into a crash.
    return new URL(path, `${protocol}://localhost`);
  }
}

function toRequest(req: NodeRequestLike, headers: Headers): Request {
  const method = req.method ?? 'GET';
  const url = requestUrl(req, headers);
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const encoder = new TextEncoder();
      for await (const chunk of req) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

// A Request whose method, url and headers are cheap, and whose every other member builds the
// real undici Request on first use (the same trick as @hono/node-server): constructing a
// Request costs ~3 µs on Node 20, more than signing. It passes `instanceof Request`.
const NODE = Symbol('helpdesky.node');
const HEADERS = Symbol('helpdesky.headers');
const REAL = Symbol('helpdesky.request');

interface LazyRequest {
  [NODE]: NodeRequestLike;
  [HEADERS]?: Headers;
  [REAL]?: Request;
}

function headersOf(self: LazyRequest): Headers {
  return (self[HEADERS] ??= nodeHeaders(self[NODE]));
}

function realOf(self: LazyRequest): Request {
  return (self[REAL] ??= toRequest(self[NODE], headersOf(self)));
}

const lazyRequestPrototype: object = Object.create(Request.prototype, {
  method: {
    get(this: LazyRequest) {
      return this[NODE].method ?? 'GET';
    },
  },
  url: {
    get(this: LazyRequest) {
      return requestUrl(this[NODE], headersOf(this)).href;
    },
  },
  headers: {
    get(this: LazyRequest) {
      return headersOf(this);
    },
  },
  ...Object.fromEntries(
    [
      'body',
      'bodyUsed',
      'cache',
      'credentials',
      'destination',
      'duplex',
      'integrity',
      'keepalive',
      'mode',
      'redirect',
      'referrer',
      'referrerPolicy',
      'signal',
    ].map((name) => [
      name,
      {
        get(this: LazyRequest) {
          return (realOf(this) as unknown as Record<string, unknown>)[name];
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['arrayBuffer', 'blob', 'bytes', 'clone', 'formData', 'json', 'text'].map((name) => [
      name,
      {
        value(this: LazyRequest, ...args: unknown[]) {
          const real = realOf(this) as unknown as Record<string, (...a: unknown[]) => unknown>;
          return real[name]!(...args);
        },
      },
    ]),
  ),
});

function lazyRequest(req: NodeRequestLike): Request {
  const self = Object.create(lazyRequestPrototype) as LazyRequest;
  self[NODE] = req;
  return self as unknown as Request;
}

// Each distinct header set, flattened once into Node's raw [name, value, …] form.
const flattened = new WeakMap<object, string[]>();

function writePlain(plain: PlainResponse, res: NodeResponseLike, head: boolean): void {
  let flat = flattened.get(plain.headers);
  if (flat === undefined) flattened.set(plain.headers, (flat = Object.entries(plain.headers).flat()));
  // An explicit length keeps Node from switching to chunked encoding after writeHead. HEAD
  // carries the length its GET would have (RFC 9110, section 9.3.2) and no body.
  res.writeHead(plain.status, [...flat, 'content-length', String(utf8Length(plain.body))]);
  res.end(head ? undefined : plain.body);
}

async function writeResponse(response: Response, res: NodeResponseLike, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (response.body && !head) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  }
  res.end();
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes: 1 extra per unit.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 1;
    else bytes += 2;
  }
  return bytes;
}
