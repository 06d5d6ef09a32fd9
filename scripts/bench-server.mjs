#!/usr/bin/env node
// npm run bench:server
//
// Two ratios against a floor and a limit, from one run:
//  1. signEmail calls/s against a raw createHmac loop (what a hand-written signer costs). Goal >= 0.95.
//  2. The handler's requests/s behind node:http (via toNodeHandler) against a bare node:http
//     server answering a fixed JSON body of the same size (the limit). Goal >= 0.85. Also against
//     a hand-written node:http endpoint doing the work every correct endpoint must do (cookie,
//     HMAC with a cached key, JSON): what signing itself costs, apart from the library.
// Medians of several interleaved rounds. Load comes from this process over 127.0.0.1 only; each
// server runs in its own child process. Everything is bounded in count and time.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.tmp', 'bench');
const built = join(outDir, 'server.js');

const SECRET = 'hdh_secret_bench_0123456789abcdef0123456789abcdef';
const HELPDESK_ID = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const EMAIL = 'alice@example.com';

const SIGN_ROUNDS = 7;
const SIGN_CALLS = 100_000;
const HTTP_ROUNDS = 5;
const HTTP_SECONDS = 1.5;
const CONNECTIONS = 16;

// ---------------------------------------------------------------- child: one server, then idle
if (process.argv[2] === '--serve') {
  const kind = process.argv[3];
  const { createHelpdeskyHandler, toNodeHandler } = await import(pathToFileURL(built).href);
  let listener;
  if (kind === 'bare') {
    // The limit: the same body size and headers, no Request/Response, no signing.
    const body = JSON.stringify({ email: EMAIL, signature: 'f'.repeat(64), helpdeskId: HELPDESK_ID });
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'private, no-store',
      vary: 'Cookie, Authorization',
      'x-content-type-options': 'nosniff',
      'content-length': String(Buffer.byteLength(body)),
    };
    listener = (req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    };
  } else if (kind === 'handwritten') {
    // What any correct endpoint must do per request, written the plain way with nothing else:
    // read the session cookie, normalize, HMAC with a cached key, JSON.stringify.
    const { createHmac: hmac, createSecretKey } = await import('node:crypto');
    const key = createSecretKey(Buffer.from(SECRET, 'utf8'));
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'private, no-store',
      vary: 'Cookie, Authorization',
      'x-content-type-options': 'nosniff',
    };
    listener = (req, res) => {
      const session = req.headers.cookie?.match(/(?:^|; )session=([^;]+)/)?.[1];
      if (!session) {
        res.writeHead(401, headers);
        return res.end('{"error":"unauthenticated"}');
      }
      const email = decodeURIComponent(session).trim().toLowerCase();
      const signature = hmac('sha256', key).update(email).digest('hex');
      const body = JSON.stringify({ email, signature, helpdeskId: HELPDESK_ID });
      res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
  } else {
    const handler = createHelpdeskyHandler({
      secret: SECRET,
      helpdeskId: HELPDESK_ID,
      // The cheapest auth there is, so that the figure is the library's own cost.
      getUser: (request) => {
        const session = request.headers.get('cookie')?.match(/(?:^|; )session=([^;]+)/)?.[1];
        return session ? { email: decodeURIComponent(session) } : null;
      },
    });
    listener = toNodeHandler(handler);
  }
  const server = createServer(listener);
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'server.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: built,
    logLevel: 'warning',
  });
  const { signEmail } = await import(pathToFileURL(built).href);
  console.log(`helpdesky-react/server benchmark (Node ${process.version}, ${process.platform}/${process.arch})\n`);

  // ---------------------------------------------------------------- 1. signer
  const rawLoop = () => {
    const start = performance.now();
    for (let i = 0; i < SIGN_CALLS; i++) createHmac('sha256', SECRET).update(EMAIL).digest('hex');
    return SIGN_CALLS / ((performance.now() - start) / 1000);
  };
  const signLoop = async () => {
    const start = performance.now();
    for (let i = 0; i < SIGN_CALLS; i++) await signEmail(EMAIL, SECRET);
    return SIGN_CALLS / ((performance.now() - start) / 1000);
  };
  if ((await signEmail(EMAIL, SECRET)) !== createHmac('sha256', SECRET).update(EMAIL).digest('hex')) {
    throw new Error('signEmail and createHmac disagree: the benchmark would compare different work.');
  }
  rawLoop(); // warm-up, both
  await signLoop();
  const raws = [];
  const signs = [];
  const signRatios = [];
  for (let round = 0; round < SIGN_ROUNDS; round++) {
    // Alternate the order so that neither side always runs on a hotter or colder CPU.
    let raw, sign;
    if (round % 2 === 0) {
      raw = rawLoop();
      sign = await signLoop();
    } else {
      sign = await signLoop();
      raw = rawLoop();
    }
    raws.push(raw);
    signs.push(sign);
    signRatios.push(sign / raw);
  }
  const signRatio = median(signRatios);
  console.log(`signer: ${SIGN_ROUNDS} rounds of ${SIGN_CALLS.toLocaleString('en')} calls, each awaited`);
  console.log(`  raw createHmac loop (string key) ${fmt(median(raws))} calls/s`);
  console.log(`  signEmail(email, secret)         ${fmt(median(signs))} calls/s`);
  console.log(
    `  ratio (median of rounds)         ${signRatio.toFixed(3)}   goal >= 0.95  ${signRatio >= 0.95 ? 'met' : 'NOT met'}\n`,
  );

  // ---------------------------------------------------------------- 2. handler over HTTP
  const children = [];
  try {
    const bare = await startChild('bare', children);
    const handwritten = await startChild('handwritten', children);
    const handler = await startChild('handler', children);
    const request = Buffer.from(
      `GET /api/helpdesky HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n` +
        `Cookie: theme=dark; session=${encodeURIComponent('Alice@Example.com')}\r\nConnection: keep-alive\r\n\r\n`,
    );
    const check = await load(handler, request, 0.2);
    if (check.bad > 0 || check.count === 0) throw new Error('the handler did not answer 200: benchmark aborted.');
    for (const port of [bare, handwritten, handler]) await load(port, request, 0.5); // warm-up, all
    const bares = [];
    const handwrittens = [];
    const handlers = [];
    const httpRatios = [];
    const handwrittenRatios = [];
    const orders = [
      [bare, handwritten, handler],
      [handler, handwritten, bare],
      [handwritten, bare, handler],
    ];
    for (let round = 0; round < HTTP_ROUNDS; round++) {
      const rates = new Map();
      // Rotate the order so that no server always runs on a hotter or colder CPU.
      for (const port of orders[round % orders.length]) {
        const { count, bad, seconds } = await load(port, request, HTTP_SECONDS);
        if (bad > 0) throw new Error(`${bad} responses were not 200: benchmark aborted.`);
        rates.set(port, count / seconds);
      }
      bares.push(rates.get(bare));
      handwrittens.push(rates.get(handwritten));
      handlers.push(rates.get(handler));
      httpRatios.push(rates.get(handler) / rates.get(bare));
      handwrittenRatios.push(rates.get(handler) / rates.get(handwritten));
    }
    const httpRatio = median(httpRatios);
    const handwrittenRatio = median(handwrittenRatios);
    console.log(
      `handler: ${HTTP_ROUNDS} rounds of ${HTTP_SECONDS} s, ${CONNECTIONS} keep-alive connections on 127.0.0.1`,
    );
    console.log(`  bare node:http, fixed JSON body      ${fmt(median(bares))} requests/s`);
    console.log(`  hand-written, signing each request   ${fmt(median(handwrittens))} requests/s`);
    console.log(`  toNodeHandler(createHelpdeskyHandler) ${fmt(median(handlers))} requests/s`);
    console.log(
      `  ratio to bare (median of rounds)     ${httpRatio.toFixed(3)}   goal >= 0.85  ${httpRatio >= 0.85 ? 'met' : 'NOT met'}`,
    );
    console.log(`  ratio to hand-written (median)       ${handwrittenRatio.toFixed(3)}`);
  } finally {
    for (const child of children) child.kill();
  }
}

function startChild(kind, children) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', kind], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    const timer = setTimeout(() => reject(new Error(`the ${kind} server did not start within 10 s`)), 10_000);
    child.once('message', ({ port }) => {
      clearTimeout(timer);
      resolve(port);
    });
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${code})`)));
  });
}

// A minimal keep-alive HTTP/1.1 load generator: one request in flight per connection, responses
// framed by Content-Length. Cheap enough on the client side that the server is what is measured.
function load(port, request, seconds) {
  return new Promise((resolve, reject) => {
    let count = 0;
    let bad = 0;
    let open = 0;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    const done = () => {
      if (--open === 0) resolve({ count, bad, seconds: (performance.now() - start) / 1000 });
    };
    for (let c = 0; c < CONNECTIONS; c++) {
      open++;
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      socket.on('connect', () => socket.write(request));
      socket.on('error', reject);
      socket.on('close', done);
      socket.on('data', (chunk) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        for (;;) {
          const end = buffer.indexOf('\r\n\r\n');
          if (end === -1) return;
          const head = buffer.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
          if (Number.isNaN(length)) return reject(new Error('a response without Content-Length'));
          if (buffer.length < end + 4 + length) return;
          buffer = buffer.subarray(end + 4 + length);
          count++;
          if (!head.startsWith('HTTP/1.1 200')) bad++;
          if (performance.now() < deadline) socket.write(request);
          else socket.end();
        }
      });
    }
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmt(rate) {
  return Math.round(rate).toLocaleString('en').padStart(9);
}
