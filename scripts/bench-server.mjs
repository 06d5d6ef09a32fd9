#!/usr/bin/env node
// npm run bench:server
//
// 1. signEmail calls/s against a raw createHmac loop (what a hand-written signer costs).
// 2. Requests/s of three identity endpoints, each in its own child process, on node:http and
//    behind Express:
//      - bare: a fixed JSON body of the same size and headers, no signing (the ceiling);
//      - hand-written: what a careful developer writes for this one job (cookie regex, HMAC with a
//        cached KeyObject, JSON.stringify, headers prepared once);
//      - ours: toNodeHandler(createHelpdeskyHandler(...)), as the README's Express recipe has it.
//    The figure to hold is ours / hand-written >= 0.90, computed per round (same round, same
//    machine state) and shown as min / median / max over the rounds.
// Load comes from this process over 127.0.0.1 only. Everything is bounded in count and time.
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
const GOAL = 0.9;

const SIGN_ROUNDS = 7;
const SIGN_CALLS = 100_000;
const HTTP_ROUNDS = 5;
const HTTP_SECONDS = 1.5;
const CONNECTIONS = 16;
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'private, no-store',
  vary: 'Cookie, Authorization',
  'x-content-type-options': 'nosniff',
};

// ---------------------------------------------------------------- child: one server, then idle
if (process.argv[2] === '--serve') {
  const [, , , kind, front] = process.argv;
  const listener = await endpoint(kind);
  let app = listener;
  if (front === 'express') {
    const { default: express } = await import('express');
    app = express();
    app.get('/api/helpdesky', listener);
  }
  const server = createServer(app);
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function endpoint(kind) {
  if (kind === 'bare') {
    const body = JSON.stringify({ email: EMAIL, signature: 'f'.repeat(64), helpdeskId: HELPDESK_ID });
    const headers = { ...HEADERS, 'content-length': String(Buffer.byteLength(body)) };
    return (req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    };
  }
  if (kind === 'handwritten') {
    const { createHmac: hmac, createSecretKey } = await import('node:crypto');
    const key = createSecretKey(Buffer.from(SECRET, 'utf8'));
    const unauthenticated = '{"error":"unauthenticated"}';
    return (req, res) => {
      const session = /(?:^|; )session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!session) {
        res.writeHead(401, { ...HEADERS, 'content-length': String(unauthenticated.length) });
        return res.end(unauthenticated);
      }
      const email = decodeURIComponent(session).trim().toLowerCase();
      const signature = hmac('sha256', key).update(email).digest('hex');
      const body = JSON.stringify({ email, signature, helpdeskId: HELPDESK_ID });
      res.writeHead(200, { ...HEADERS, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
  }
  const { createHelpdeskyHandler, toNodeHandler } = await import(pathToFileURL(built).href);
  const handler = createHelpdeskyHandler({
    secret: SECRET,
    helpdeskId: HELPDESK_ID,
    // The same auth as the hand-written endpoint, so that the difference is the library's.
    getUser: (request) => {
      const session = /(?:^|; )session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return session ? { email: decodeURIComponent(session) } : null;
    },
  });
  return toNodeHandler(handler);
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
  rawLoop();
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
  console.log(
    `signer: ${SIGN_ROUNDS} rounds of ${SIGN_CALLS.toLocaleString('en')} calls, each awaited; min / median / max`,
  );
  console.log(`  raw createHmac loop (string key)  ${spread(raws)} calls/s`);
  console.log(`  signEmail(email, secret)          ${spread(signs)} calls/s`);
  console.log(`  ratio signEmail / raw, per round  ${spread(signRatios, 3)}\n`);

  // ---------------------------------------------------------------- 2. endpoints over HTTP
  const request = Buffer.from(
    `GET /api/helpdesky HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n` +
      `Cookie: theme=dark; session=${encodeURIComponent('Alice@Example.com')}\r\nConnection: keep-alive\r\n\r\n`,
  );
  let held = true;
  for (const front of ['node:http', 'express']) {
    const children = [];
    try {
      const ports = {};
      for (const kind of ['bare', 'handwritten', 'ours']) ports[kind] = await startChild(kind, front, children);
      for (const kind of ['handwritten', 'ours']) {
        const check = await load(ports[kind], request, 0.2);
        if (check.bad > 0 || check.count === 0) throw new Error(`${kind} did not answer 200: benchmark aborted.`);
      }
      for (const port of Object.values(ports)) await load(port, request, 0.5); // warm-up, all
      const rates = { bare: [], handwritten: [], ours: [] };
      const toHandwritten = [];
      const toBare = [];
      const orders = [
        ['bare', 'handwritten', 'ours'],
        ['ours', 'handwritten', 'bare'],
        ['handwritten', 'bare', 'ours'],
      ];
      for (let round = 0; round < HTTP_ROUNDS; round++) {
        const rate = {};
        // Rotate the order so that no server always runs on a hotter or colder CPU.
        for (const kind of orders[round % orders.length]) {
          const { count, bad, seconds } = await load(ports[kind], request, HTTP_SECONDS);
          if (bad > 0) throw new Error(`${bad} responses were not 200: benchmark aborted.`);
          rate[kind] = count / seconds;
          rates[kind].push(rate[kind]);
        }
        toHandwritten.push(rate.ours / rate.handwritten);
        toBare.push(rate.ours / rate.bare);
      }
      const median = spreadOf(toHandwritten)[1];
      held &&= median >= GOAL;
      console.log(
        `${front}: ${HTTP_ROUNDS} rounds of ${HTTP_SECONDS} s, ${CONNECTIONS} keep-alive connections on 127.0.0.1; min / median / max`,
      );
      console.log(`  bare, fixed JSON body                  ${spread(rates.bare)} requests/s`);
      console.log(`  hand-written, signing each request     ${spread(rates.handwritten)} requests/s`);
      console.log(`  toNodeHandler(createHelpdeskyHandler)  ${spread(rates.ours)} requests/s`);
      console.log(
        `  ours / hand-written, per round         ${spread(toHandwritten, 3)}   goal: median >= ${GOAL}  ${median >= GOAL ? 'held' : 'NOT held'}`,
      );
      console.log(`  ours / bare, per round                 ${spread(toBare, 3)}\n`);
    } finally {
      for (const child of children) child.kill();
    }
  }
  process.exitCode = held ? 0 : 1;
}

function startChild(kind, front, children) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', kind, front], {
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

/** [min, median, max] of the values. */
function spreadOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return [sorted[0], sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, sorted.at(-1)];
}

function spread(values, digits) {
  return spreadOf(values)
    .map((value) => (digits === undefined ? Math.round(value).toLocaleString('en') : value.toFixed(digits)).padStart(9))
    .join(' /');
}
