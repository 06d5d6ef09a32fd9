/**
 * Mounts the local Helpdesky emulator (a TEST DOUBLE of helpdesky.io) in Node's `node:http`,
 * Express or connect (Vite's dev server included). No Node imports, not even types, so that
 * `helpdesky-react/testing` stays importable in a browser bundle (Storybook with MSW) and its
 * types check in projects without `@types/node`.
 */
import type { HelpdeskyEmulator } from './createHelpdeskyEmulator.js';

/** The parts of Node's `IncomingMessage` the middleware reads. */
export interface EmulatorNodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of Node's `ServerResponse` the middleware writes. */
export interface EmulatorNodeResponse {
  statusCode: number;
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(chunk?: string | Uint8Array): unknown;
  destroy(): unknown;
}

/** A connect-style middleware, also usable as a plain `node:http` request listener. */
export type HelpdeskyEmulatorNodeMiddleware = (
  req: EmulatorNodeRequest,
  res: EmulatorNodeResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * Adapts `emulator.fetch` to Node's `(req, res, next)`. Requests for paths the emulator does
 * not serve go to `next()` when there is one (Express, connect, Vite), or get a 404.
 *
 * @example
 * // A standalone emulator on a free port:
 * const server = http.createServer(helpdeskyEmulatorNodeMiddleware(emulator));
 * server.listen(0, '127.0.0.1');
 */
export function helpdeskyEmulatorNodeMiddleware(emulator: HelpdeskyEmulator): HelpdeskyEmulatorNodeMiddleware {
  return (req, res, next) => {
    const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`;
    if (next && !emulator.handles(url)) {
      next();
      return;
    }
    handle(emulator, url, req, res).catch((error: unknown) => {
      if (next) {
        next(error);
      } else if (!res.headersSent) {
        res.statusCode = 500;
        res.end('[helpdesky-react/testing] The Helpdesky emulator failed to answer.');
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(emulator: HelpdeskyEmulator, url: string, req: EmulatorNodeRequest, res: EmulatorNodeResponse) {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    body = concat(chunks);
  }
  const response = await emulator.fetch(new Request(url, { method, headers, body: body ?? null }));
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(new Uint8Array(await response.arrayBuffer()));
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
