import type { HelpdeskyLogger } from '../config.js';

/**
 * The parts of Node's `IncomingMessage` the adapter reads. Express's, Connect's and Fastify's
 * `request.raw` objects all fit; declared here so the package's types need no `@types/node`.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  /** Express keeps the full path here when a router is mounted under a prefix. */
  originalUrl?: string | undefined;
  /** Node's `[name, value, name, value, …]`, as the client sent them. */
  rawHeaders: string[];
  /** A TLS socket has `encrypted: true`; read at run time only, so any socket type fits. */
  socket?: unknown;
}

/** The parts of Node's `ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  headersSent: boolean;
  /** True once the whole response has been handed to the connection. */
  writableFinished?: boolean;
  /** True once the connection is gone. */
  destroyed?: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write(chunk: Uint8Array): unknown;
  end(chunk?: Uint8Array): unknown;
  destroy(error?: Error): unknown;
  /** `close` fires when the response is done or the client went away; `drain` when writing may go on. */
  once(event: 'close' | 'drain', listener: () => void): unknown;
}

/** A Node-style `(req, res, next?)` middleware, as Express, Connect and `node:http` take it. */
export type NodeHandler = (
  req: NodeRequestLike,
  res: NodeResponseLike,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /** Where a handler's failure is logged when there is no `next` to hand it to. Defaults to `console`. */
  logger?: HelpdeskyLogger;
}

/**
 * Adapts a Web `(request) => Response | Promise<Response>` handler (such as
 * `createHelpdeskyHandler`'s, or any other) to Node's `(req, res, next?)`:
 * `app.get('/api/helpdesky', toNodeHandler(handler))` in Express or Connect,
 * `http.createServer(toNodeHandler(handler))`, or `toNodeHandler(handler)(request.raw,
 * reply.raw)` after `reply.hijack()` in Fastify. The handler gets a real `Request` whose
 * `signal` aborts when the client goes away. If the handler throws or rejects, the error goes to
 * `next` when there is one, else the answer is a bare 500 and the error is logged.
 */
export function toNodeHandler(
  handler: (request: Request) => Response | Promise<Response>,
  options: NodeHandlerOptions = {},
): NodeHandler {
  if (typeof handler !== 'function') {
    throw new TypeError(
      '[helpdesky] toNodeHandler(handler) expects a Web handler, such as the function createHelpdeskyHandler({ getUser }) returns.',
    );
  }
  const logger = options.logger ?? console;
  return async function helpdeskyNodeHandler(req, res, next) {
    let response: Response;
    try {
      const request = toRequest(req);
      res.once('close', () => {
        if (!res.writableFinished) request.disconnected();
      });
      response = await handler(request);
    } catch (error) {
      if (next) return next(error);
      logger.error('[helpdesky] The request handler failed:', error);
      if (!res.headersSent) {
        res.writeHead(500, {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
      }
      res.end(new TextEncoder().encode('Internal Server Error'));
      return;
    }
    try {
      await writeResponse(response, res, req.method === 'HEAD');
    } catch (error) {
      // The headers may be gone already: all that is left is to cut the connection.
      logger.error('[helpdesky] Writing the response failed:', error);
      res.destroy(error instanceof Error ? error : undefined);
    }
  };
}

/**
 * A `Request` whose `signal` follows the Node connection: it aborts when the client goes away.
 * Everything else is the runtime's own Request. The controller is made only if someone reads
 * `signal`: a `signal` passed to the constructor would do the same, but undici links the two
 * signals on every request. `new Request(request)` and `fetch(request)` keep their own signal.
 */
class NodeRequest extends Request {
  #controller: AbortController | undefined;
  #gone = false;

  override get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    if (this.#gone) this.#controller.abort();
    return this.#controller.signal;
  }

  disconnected(): void {
    this.#gone = true;
    this.#controller?.abort();
  }
}

function toRequest(req: NodeRequestLike): NodeRequest {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    // HTTP/2 pseudo-headers (":path") are not headers to a Request.
    if (raw[i]!.charCodeAt(0) !== 58) headers.append(raw[i]!, raw[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks = req[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    init.body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        const { done, value } = await chunks.next();
        if (done) stream.close();
        else stream.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
      },
      async cancel() {
        await chunks.return?.();
      },
    });
    init.duplex = 'half';
  }
  return new NodeRequest(requestUrl(req, headers), init);
}

function requestUrl(req: NodeRequestLike, headers: Headers): string {
  const protocol = (req.socket as { encrypted?: boolean } | null | undefined)?.encrypted ? 'https' : 'http';
  const path = req.originalUrl ?? req.url ?? '/';
  try {
    return new URL(path, `${protocol}://${headers.get('host') ?? 'localhost'}`).href;
  } catch {
    // A malformed Host header must not turn into a crash.
    return new URL(path, `${protocol}://localhost`).href;
  }
}

async function writeResponse(response: Response, res: NodeResponseLike, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (response.body === null || head) {
    res.writeHead(response.status, headers);
    res.end();
    await response.body?.cancel();
    return;
  }
  const reader = response.body.getReader();
  const first = await reader.read();
  let next = first.done ? first : await reader.read();
  if (next.done) {
    // The whole body in one chunk (a JSON answer): sent with its length, in one write.
    const body = first.value ?? new Uint8Array(0);
    headers['content-length'] ??= String(body.byteLength);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  res.write(first.value!);
  for (; !next.done; next = await reader.read()) {
    if (res.destroyed) return void (await reader.cancel()); // The client went away.
    if (res.write(next.value) === false) {
      await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  res.end();
}
