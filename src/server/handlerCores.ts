/**
 * The handler's answers as plain data, and a registry from each handler `createHelpdeskyHandler`
 * returns to the function that computes them. `toNodeHandler` uses it to skip building a Web
 * `Response` and reading its stream back, which costs more than everything else the handler
 * does (about 9 µs of a ~13 µs request on Node 20). Internal.
 */
export interface PlainResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /**
   * The JSON body a GET carries, also for HEAD: whoever writes the answer sends HEAD the same
   * headers, `Content-Length` included, and leaves the body out.
   */
  body: string;
}

/**
 * The answer to one request: plain data when everything it needed was synchronous (a sync
 * `getUser`, `node:crypto`), so that `toNodeHandler` can write it without a promise hop, else a
 * promise of it. The failures the handler knows of are answered (500s, logged); anything else
 * (a getter on `getUser`'s result that throws) may throw or reject, and `toNodeHandler` hands it
 * to `next` or answers a bare 500.
 */
export type HandlerCore = (request: Request) => PlainResponse | Promise<PlainResponse>;

const cores = new WeakMap<object, HandlerCore>();

export function registerCore(handler: object, core: HandlerCore): void {
  cores.set(handler, core);
}

export function coreOf(handler: object): HandlerCore | undefined {
  return cores.get(handler);
}

export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The UTF-8 byte length of a body, for `Content-Length` (HEAD carries its GET's). */
export function utf8Length(text: string): number {
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
