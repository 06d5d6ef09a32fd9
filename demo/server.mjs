// The demo's backend, on 127.0.0.1: a fake sign-in kept in an httpOnly cookie, the identity
// endpoint built with createHelpdeskyHandler, the local Helpdesky emulator (a test double of
// helpdesky.io) on the same origin, and Vite in middleware mode for the single-page app.
// `npm run demo` runs it; the end-to-end tests and the browser benchmark call startDemo().
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer as createViteServer } from 'vite';
import { floorPage, PANEL_PROBE, signedPage } from './benchPages.mjs';
import { NONCE_PLACEHOLDER } from './vite.config.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The users one can sign in as. `email` is stored as is; the identity endpoint normalizes it. */
export const DEMO_USERS = Object.freeze({
  alice: { label: 'Alice', email: 'alice@example.com' },
  bob: { label: 'Bob', email: 'bob@example.com' },
  'alice-untidy': { label: 'Alice, stored untidily', email: '  Alice@Example.COM ' },
});

export const SESSION_COOKIE = 'demo_session';
export const EMULATOR_BASE_PATH = '/helpdesky-emulator';
export const HELPDESKY_SCRIPT_SRC = 'https://helpdesky.io/ticket-center.js';
const IDENTITY_PATH = '/api/helpdesky';

/** The demo's failure switch: what each choice asks of the emulator (the endpoint's are in route). */
export const FAILURES = Object.freeze({
  none: { failScript: false, renderNothing: false },
  'slow-endpoint': { failScript: false, renderNothing: false },
  'server-error': { failScript: false, renderNothing: false },
  'blocked-script': { failScript: true, renderNothing: false },
  'renders-nothing': { failScript: false, renderNothing: true },
});
const SLOW_ENDPOINT_MS = 3_000;

const sleep = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

function readCookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Starts the demo. See server.d.mts for the options; everything listens on `host` (127.0.0.1)
 * and `close()` stops all of it.
 */
export async function startDemo(options = {}) {
  const {
    port = 0,
    host = '127.0.0.1',
    env = process.env,
    log = console,
    endpoint = IDENTITY_PATH,
    readyTimeoutMs,
    strictCsp = false,
    clientBuild,
  } = options;
  let identityLatencyMs = options.identityLatencyMs ?? 0;
  /** The failure switched on in the demo's UI (see FAILURES). */
  let failure = 'none';
  const real =
    options.mode === 'helpdesky' ||
    (options.mode !== 'emulator' && !!env.HELPDESKY_HMAC_SECRET?.trim() && !!env.HELPDESKY_HELPDESK_ID?.trim());

  let route = async () => {};
  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      log.error('[demo] request failed:', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });
  const vite = await createViteServer({
    configFile: here('vite.config.mjs'),
    appType: 'custom',
    // Edits to the demo or the library's sources reload the page, over the demo's own port.
    server: { middlewareMode: true, ws: { server } },
  });
  try {
    // The library's sources, loaded by Vite: no build step between an edit and the demo.
    const { createHelpdeskyHandler, createHelpdeskyIdentity, toNodeHandler } = await vite.ssrLoadModule(
      here('../src/server.ts'),
    );
    const { createHelpdeskyEmulator, helpdeskyEmulatorNodeMiddleware } = await vite.ssrLoadModule(
      here('../src/testing.ts'),
    );

    const emulator = real ? null : createHelpdeskyEmulator({ basePath: EMULATOR_BASE_PATH, ...options.emulator });
    const emulate = emulator && helpdeskyEmulatorNodeMiddleware(emulator);
    const scriptSrc = real ? HELPDESKY_SCRIPT_SRC : emulator.scriptUrl;

    // Explicit values: the real account's, or the emulator's. Either way the handler checks the
    // configuration when created, so a public copy of the secret is reported at start-up.
    const identity = toNodeHandler(
      createHelpdeskyHandler({
        getUser: (request) => {
          const user = DEMO_USERS[readCookie(request.headers.get('cookie'), SESSION_COOKIE)];
          return user ? { email: user.email } : null;
        },
        secret: real ? env.HELPDESKY_HMAC_SECRET : (options.serverSecret ?? emulator.secret),
        helpdeskId: real ? env.HELPDESKY_HELPDESK_ID : emulator.helpdeskId,
        env,
        logger: log,
      }),
    );

    // A page's HTML: from the production build when there is one, else through Vite's dev server.
    const pageTemplate = async (url, file) =>
      clientBuild
        ? readFile(join(clientBuild, file), 'utf8')
        : vite.transformIndexHtml(url.pathname, await readFile(here(file), 'utf8'));
    const sendBuiltAsset = async (res, path) => {
      const file = normalize(join(clientBuild, path));
      if (!file.startsWith(join(clientBuild, 'assets'))) return sendJson(res, 404, { error: 'not found' });
      const body = await readFile(file).catch(() => null);
      if (!body) return sendJson(res, 404, { error: 'not found' });
      const type = { '.js': 'text/javascript', '.css': 'text/css' }[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };

    const sendPage = async (req, res, url) => {
      const file = url.pathname === '/bench.html' ? 'bench.html' : 'index.html';
      const csp = strictCsp || url.searchParams.get('csp') === 'strict';
      const nonce = randomBytes(16).toString('base64');
      const config = {
        mode: real ? 'helpdesky' : 'emulator',
        endpoint,
        scriptSrc,
        // The Contact Form and the Widget need only the helpdesk's public id.
        helpdeskId: real ? env.HELPDESKY_HELPDESK_ID : emulator.helpdeskId,
        contactFormScriptSrc: real ? 'https://helpdesky.io/contact-form.js' : emulator.contactFormScriptUrl,
        widgetScriptSrc: real ? 'https://helpdesky.io/widget.js' : emulator.widgetScriptUrl,
        readyTimeoutMs,
        nonce: csp ? nonce : undefined,
        users: Object.entries(DEMO_USERS).map(([id, { label }]) => ({ id, label })),
      };
      let html = await pageTemplate(url, file);
      html = html
        .replace('<!-- demo-config -->', () => {
          const json = JSON.stringify(config).replace(/</g, '\\u003c');
          return `<script type="application/json" id="demo-config">${json}</script>`;
        })
        .replace('<!-- bench-head -->', () => PANEL_PROBE)
        .replaceAll(NONCE_PLACEHOLDER, nonce);
      const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      if (csp) headers['content-security-policy'] = `script-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'`;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : html);
    };

    // The bench's server-rendered pages: the server asks who is signed in and signs (L ms, as
    // the identity endpoint takes) before it answers.
    const sendBenchPage = async (req, res, url) => {
      await sleep(identityLatencyMs);
      const user = DEMO_USERS[readCookie(req.headers.cookie, SESSION_COOKIE)];
      if (!user) return sendJson(res, 401, { error: 'sign in first (POST /session)' });
      const identity = await createHelpdeskyIdentity(user.email, {
        secret: real ? env.HELPDESKY_HMAC_SECRET : (options.serverSecret ?? emulator.secret),
        helpdeskId: real ? env.HELPDESKY_HELPDESK_ID : emulator.helpdeskId,
        env,
        logger: log,
      });
      let html;
      if (url.pathname === '/bench-floor.html') {
        html = floorPage({ identity, scriptSrc });
      } else {
        const template = await pageTemplate(url, 'bench-signed.html');
        const { HelpdeskyTicketCenter } = await vite.ssrLoadModule(here('../src/index.ts'));
        html = signedPage({ identity, scriptSrc, template, HelpdeskyTicketCenter });
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' });
      res.end(html);
    };

    route = async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://demo.invalid');
      const path = url.pathname;
      if (path === IDENTITY_PATH) {
        await sleep(failure === 'slow-endpoint' ? Math.max(identityLatencyMs, SLOW_ENDPOINT_MS) : identityLatencyMs);
        if (failure === 'server-error')
          return sendJson(res, 500, { error: 'internal', message: 'demo: a failing endpoint' });
        return identity(req, res);
      }
      if (path === '/demo/failure') {
        // The demo's failure switch: each state of the component, without developer tools.
        if (req.method === 'GET') return sendJson(res, 200, { failure });
        const { failure: next = 'none' } = await readJson(req);
        if (!Object.hasOwn(FAILURES, next))
          return sendJson(res, 400, { error: `unknown failure ${JSON.stringify(next)}` });
        failure = next;
        emulator?.setOptions(FAILURES[next]);
        return sendJson(res, 200, { failure });
      }
      if (path === '/session') {
        if (req.method === 'POST') {
          const { user } = await readJson(req);
          if (!Object.hasOwn(DEMO_USERS, user)) return sendJson(res, 400, { error: 'unknown user' });
          const cookie = `${SESSION_COOKIE}=${user}; HttpOnly; SameSite=Lax; Path=/`;
          return sendJson(res, 200, { user: { id: user, ...DEMO_USERS[user] } }, { 'set-cookie': cookie });
        }
        if (req.method === 'DELETE') {
          const cookie = `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`;
          return sendJson(res, 200, { user: null }, { 'set-cookie': cookie });
        }
        const id = readCookie(req.headers.cookie, SESSION_COOKIE);
        return sendJson(res, 200, { user: Object.hasOwn(DEMO_USERS, id) ? { id, ...DEMO_USERS[id] } : null });
      }
      if (path === '/bench-floor.html' || path === '/bench-signed.html') return sendBenchPage(req, res, url);
      if (emulate && emulator.handles(url)) return emulate(req, res);
      if (clientBuild && path.startsWith('/assets/')) return sendBuiltAsset(res, path);
      // Pages: any GET outside Vite's own paths answers the app, as single-page hosts do. So an
      // endpoint mounted nowhere answers HTML too.
      const isPage = (req.method === 'GET' || req.method === 'HEAD') && !/^\/(@|__)/.test(path);
      if (isPage && (!path.includes('.') || path.endsWith('.html'))) return sendPage(req, res, url);
      vite.middlewares(req, res, () => sendJson(res, 404, { error: 'not found' }));
    };

    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    const url = `http://${host}:${server.address().port}`;
    return {
      url,
      mode: real ? 'helpdesky' : 'emulator',
      emulator,
      setIdentityLatency(ms) {
        identityLatencyMs = ms;
      },
      async close() {
        server.closeAllConnections();
        await Promise.all([new Promise((resolve) => server.close(() => resolve())), vite.close()]);
      },
    };
  } catch (error) {
    server.close();
    await vite.close();
    throw error;
  }
}

// `npm run demo`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 5173);
  const demo = await startDemo({ port }).catch((error) => {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.error(`[demo] Port ${port} is in use. Run it on another one: PORT=${port + 1} npm run demo`);
    process.exit(1);
  });
  console.log(`\nhelpdesky-react demo: ${demo.url}/\n`);
  if (demo.mode === 'helpdesky') {
    console.log('Mode: your real Helpdesky (HELPDESKY_HMAC_SECRET and HELPDESKY_HELPDESK_ID are set),');
    console.log(`      script ${HELPDESKY_SCRIPT_SRC}. Add ${demo.url} to the dashboard's Allowed Embed Domains,`);
    console.log('      and make sure the demo users below exist in your helpdesk, or the panel stays empty.');
  } else {
    console.log('Mode: local Helpdesky emulator (a test double of helpdesky.io, nothing leaves this machine).');
    console.log('      Set HELPDESKY_HMAC_SECRET and HELPDESKY_HELPDESK_ID to see your real Ticket Center.');
  }
  console.log(
    `Demo users: ${Object.values(DEMO_USERS)
      .map((u) => JSON.stringify(u.email))
      .join(', ')}`,
  );
  console.log('Press Ctrl+C to stop.');
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
