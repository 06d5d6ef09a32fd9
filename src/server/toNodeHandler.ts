import type { HelpdeskyHandler } from './createHelpdeskyHandler.js';
import { coreOf, isPromiseLike, utf8Length, type PlainResponse } from './handlerCores.js';

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
    try {
      if (core) {
        // Our own handler: answer from plain data, with a Request that is built lazily, and
        // without a promise hop when the answer is ready at once (a synchronous getUser).
        const answer = core(lazyRequest(req));
        if (!isPromiseLike(answer)) {
          writePlain(answer, res, req.method === 'HEAD');
          return DONE;
        }
        return Promise.resolve(answer)
          .then((plain) => writePlain(plain, res, req.method === 'HEAD'))
          .catch((error: unknown) => fail(error, res, next));
      }
      return handler(toRequest(req, nodeHeaders(req)))
        .then((response) => writeResponse(response, res, req.method === 'HEAD'))
        .catch((error: unknown) => fail(error, res, next));
    } catch (error) {
      fail(error, res, next);
      return DONE;
    }
  };
}

const DONE: Promise<void> = Promise.resolve();

function fail(error: unknown, res: NodeResponseLike, next: ((error?: unknown) => void) | undefined): void {
  if (next) return next(error);
  console.error('[helpdesky] The request handler failed:', error);
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Internal Server Error');
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
  if (self[HEADERS] === undefined) {
    const req = self[NODE];
    const raw = req.rawHeaders;
    self[HEADERS] = Array.isArray(raw) ? (new RawHeaders(req, raw) as unknown as Headers) : nodeHeaders(req);
  }
  return self[HEADERS];
}

function realOf(self: LazyRequest): Request {
  const headers = headersOf(self);
  return (self[REAL] ??= toRequest(self[NODE], headers instanceof RawHeaders ? headers[MATERIALIZE]() : headers));
}

// The request's headers as a `Headers` whose get() and has() read Node's raw [name, value, …]
// list directly, and whose every other member works on a real `Headers` built from it on first
// use (@hono/node-server's RequestHeaders does the same). Filling a real one costs ~1 µs per
// request for the few headers getUser reads. Reads answer as undici's would: names are
// case-insensitive and must be tokens, values are trimmed of HTTP whitespace, repeated headers
// are joined with ", " ("; " for Cookie). Anything unusual (an invalid name, a value undici
// would reject, Set-Cookie) goes to the real Headers, which answers or throws as it always has.
const MATERIALIZE = Symbol('helpdesky.materialize');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_VALUE = /[\0\r\n]/;

const isHttpWhitespace = (code: number): boolean => code === 9 || code === 10 || code === 13 || code === 32;

function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

class RawHeaders {
  readonly #req: NodeRequestLike;
  readonly #raw: string[];
  #native: Headers | undefined;

  constructor(req: NodeRequestLike, raw: string[]) {
    this.#req = req;
    this.#raw = raw;
  }

  [MATERIALIZE](): Headers {
    return (this.#native ??= nodeHeaders(this.#req));
  }

  /** The joined value, null when absent, undefined when only the real Headers can answer. */
  #lookup(name: unknown): string | null | undefined {
    if (this.#native !== undefined || typeof name !== 'string' || !TOKEN.test(name)) return undefined;
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') return undefined;
    const raw = this.#raw;
    let value: string | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const rawName = raw[i]!;
      if (rawName.length !== lower.length || (rawName !== lower && rawName.toLowerCase() !== lower)) continue;
      const rawValue = trimHttpWhitespace(raw[i + 1]!);
      if (FORBIDDEN_VALUE.test(rawValue)) return undefined;
      value = value === null ? rawValue : `${value}${lower === 'cookie' ? '; ' : ', '}${rawValue}`;
    }
    return value;
  }

  get(name: string): string | null {
    const value = this.#lookup(name);
    return value !== undefined ? value : this[MATERIALIZE]().get(name);
  }

  has(name: string): boolean {
    const value = this.#lookup(name);
    return value !== undefined ? value !== null : this[MATERIALIZE]().has(name);
  }

  append(name: string, value: string): void {
    this[MATERIALIZE]().append(name, value);
  }

  set(name: string, value: string): void {
    this[MATERIALIZE]().set(name, value);
  }

  delete(name: string): void {
    this[MATERIALIZE]().delete(name);
  }

  getSetCookie(): string[] {
    return this[MATERIALIZE]().getSetCookie();
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this[MATERIALIZE]().forEach((value, key) => callback.call(thisArg, value, key, this as unknown as Headers));
  }

  keys(): HeadersIterator<string> {
    return this[MATERIALIZE]().keys();
  }

  values(): HeadersIterator<string> {
    return this[MATERIALIZE]().values();
  }

  entries(): HeadersIterator<[string, string]> {
    return this[MATERIALIZE]().entries();
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this[MATERIALIZE]().entries();
  }
}
// `instanceof Headers`, and `Object.prototype.toString` says "[object Headers]".
Object.setPrototypeOf(RawHeaders.prototype, Headers.prototype);
Object.defineProperty(RawHeaders.prototype, INSPECT, {
  value(this: RawHeaders, _depth: number, options: object, inspect: (value: unknown, options: object) => string) {
    return inspect(this[MATERIALIZE](), options);
  },
});
// Whatever else this runtime's Headers has (Bun's toJSON, count), on the real one.
delegateTo(RawHeaders.prototype, Headers.prototype, (self: RawHeaders) => self[MATERIALIZE]());

/**
 * Defines on `target` each string-keyed member of `source` and its prototypes that `target` does
 * not define itself, as the same member of `real(this)`: a getter for a getter, a method for a
 * method. Those members check that `this` is the real thing, so none may be reached directly.
 * The whole chain, since a subclass may stand in for the global (@hono/node-server's Request).
 */
function delegateTo<T>(target: object, source: object, real: (self: T) => object): void {
  for (let proto = source; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || Object.prototype.hasOwnProperty.call(target, name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
      if (descriptor.get) {
        Object.defineProperty(target, name, {
          configurable: true,
          get(this: T) {
            return (real(this) as Record<string, unknown>)[name];
          },
        });
      } else if (typeof descriptor.value === 'function') {
        Object.defineProperty(target, name, {
          configurable: true,
          writable: true,
          value(this: T, ...args: unknown[]) {
            const self = real(this) as Record<string, (...a: unknown[]) => unknown>;
            return self[name]!(...args);
          },
        });
      }
    }
  }
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
  // util.inspect and console.log: Request's own inspector reads internal state this lacks.
  [INSPECT]: {
    value(this: LazyRequest, _depth: number, options: object, inspect: (value: unknown, options: object) => string) {
      return inspect(realOf(this), options);
    },
  },
});
// Every other member of this runtime's Request (undici's, Bun's, Deno's), on the real one.
delegateTo(lazyRequestPrototype, Request.prototype, realOf);

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
