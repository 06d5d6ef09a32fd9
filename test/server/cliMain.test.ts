// The CLI's main() with a fake io: what a user sees for each command, without a process.
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { signEmail } from 'helpdesky-react/server';
import { Cancelled, type CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { readSecretFromStdin, type SecretInput } from '../../src/cli/readSecretFromStdin.js';
import { HELPDESK_ID, SECRET } from './helpers.js';

function fakeIo(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: {}, ...extra };
  return { io, out, err, all: () => [...out, ...err].join('\n') };
}

const servers: Server[] = [];
const netServers: NetServer[] = [];
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all([...servers, ...netServers].map((server) => new Promise((resolve) => server.close(resolve))));
});

function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/helpdesky`),
    ),
  );
}

const identityHeaders = {
  'content-type': 'application/json',
  'cache-control': 'private, no-store',
  vary: 'Cookie',
  'x-content-type-options': 'nosniff',
};

describe('sign', () => {
  it('signs with the secret from env, or from readSecret when env has none', async () => {
    const signature = await signEmail('alice@example.com', SECRET);
    const fromEnv = fakeIo({ env: { HELPDESKY_HMAC_SECRET: SECRET } });
    expect(await main(['sign', 'alice@example.com'], fromEnv.io)).toBe(0);
    expect(fromEnv.out).toEqual(['email      alice@example.com', `signature  ${signature}`]);
    const fromStdin = fakeIo({ readSecret: async () => `${SECRET}` });
    expect(await main(['sign', 'alice@example.com'], fromStdin.io)).toBe(0);
    expect(fromStdin.out[1]).toBe(`signature  ${signature}`);
  });

  it('exits 130 and prints nothing when the prompt is cancelled with Ctrl-C', async () => {
    const { io, out, err } = fakeIo({
      readSecret: () => Promise.reject(new Cancelled('Cancelled at the secret prompt.')),
    });
    expect(await main(['sign', 'alice@example.com'], io)).toBe(130);
    expect([...out, ...err]).toEqual([]);
  });

  it.each([
    '--secret',
    '--SECRET=hdh_secret_leak',
    '--Secret',
    '-KEY=hdh_secret_leak',
    '--hmac-Secret=hdh_secret_leak',
  ])('refuses %s in any case, without echoing its value', async (flag) => {
    const { io, all } = fakeIo({ env: { HELPDESKY_HMAC_SECRET: SECRET } });
    expect(await main(['sign', flag, 'alice@example.com'], io)).toBe(2);
    expect(all()).toMatch(/never taken as an argument/);
    expect(all()).not.toContain('hdh_secret_leak');
  });

  it('names an unknown option without its value, and refuses a secret passed as the email', async () => {
    const unknown = fakeIo();
    expect(await main(['sign', '--colour=hdh_secret_leak', 'a@b.c'], unknown.io)).toBe(2);
    expect(unknown.all()).toMatch(/unknown option --colour for sign/);
    expect(unknown.all()).not.toContain('hdh_secret_leak');
    const asEmail = fakeIo();
    expect(await main(['sign', 'hdh_secret_leak'], asEmail.io)).toBe(2);
    expect(asEmail.all()).not.toContain('hdh_secret_leak');
  });

  it('takes -- as the end of options, so that an email starting with - can be signed', async () => {
    const { io, out } = fakeIo({ env: { HELPDESKY_HMAC_SECRET: SECRET } });
    expect(await main(['sign', '--', '-odd@example.com'], io)).toBe(0);
    expect(out[0]).toBe('email      -odd@example.com');
    expect(out[1]).toBe(`signature  ${await signEmail('-odd@example.com', SECRET)}`);
  });

  it('fails with the usual message when there is no secret and no stdin', async () => {
    const { io, err } = fakeIo();
    expect(await main(['sign', 'a@b.c'], io)).toBe(1);
    expect(err[0]).toMatch(/^\[helpdesky\] No secret: set HELPDESKY_HMAC_SECRET/);
  });
});

describe('the hidden secret prompt', () => {
  it('turns echo off before it prints the prompt, and reads one line', async () => {
    const events: string[] = [];
    let onData: ((text: string) => void) | undefined;
    const stdin: SecretInput = {
      isTTY: true,
      setRawMode: (mode) => events.push(`raw ${mode}`),
      setEncoding: () => {},
      on: (_event, listener) => (onData = listener),
      off: () => {},
      resume: () => setTimeout(() => onData!('hdh_secret_typed\r')),
      pause: () => {},
      async *[Symbol.asyncIterator]() {},
    };
    const secret = await readSecretFromStdin(stdin, (line) => events.push(`prompt ${line}`));
    expect(secret).toBe('hdh_secret_typed');
    expect(events[0]).toBe('raw true');
    expect(events[1]).toMatch(/^prompt .*nothing is shown/);
    expect(events.at(-1)).toBe('raw false');
  });

  it('rejects with Cancelled on Ctrl-C', async () => {
    let onData: ((text: string) => void) | undefined;
    const stdin: SecretInput = {
      isTTY: true,
      setRawMode: () => {},
      setEncoding: () => {},
      on: (_event, listener) => (onData = listener),
      off: () => {},
      resume: () => setTimeout(() => onData!('hdh\u0003')),
      pause: () => {},
      async *[Symbol.asyncIterator]() {},
    };
    await expect(readSecretFromStdin(stdin, () => {})).rejects.toBeInstanceOf(Cancelled);
  });
});

describe('check against hostile or broken endpoints', () => {
  const env = { HELPDESKY_HMAC_SECRET: SECRET };

  it('reports a body that never ends as a failed point, saying the server stalled after its headers', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, identityHeaders);
      res.write('{"email":');
    });
    const { io, all } = fakeIo({ env, timeoutMs: 300 });
    expect(await main(['check', url], io)).toBe(1);
    expect(all()).toMatch(
      /FAIL {2}body: 200 OK arrived, then the body did not end within 0\.3 s\n {8}fix: The server sent its headers and then stalled/,
    );
    expect(all()).not.toMatch(/Start the server/);
  });

  it('says something hangs before the answer when no headers come, and to start the server when nothing listens', async () => {
    const silent = await serve(() => {});
    const hung = fakeIo({ env, timeoutMs: 300 });
    expect(await main(['check', silent], hung.io)).toBe(1);
    expect(hung.all()).toMatch(
      /FAIL {2}reachable: no answer within 0\.3 s\n {8}fix: The server took the request but sent nothing back/,
    );
    const refused = fakeIo({ env });
    expect(await main(['check', 'http://127.0.0.1:9/api/helpdesky'], refused.io)).toBe(1);
    expect(refused.all()).toMatch(/fix: Start the server/);
  });

  it('stops reading a body past 1 MB, and fails that point', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, identityHeaders);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
    });
    const { io, all } = fakeIo({ env });
    expect(await main(['check', url], io)).toBe(1);
    expect(all()).toMatch(/FAIL {2}body: 200 OK, and a body of more than 1 MB/);
  });

  it('escapes terminal controls, C1 controls and bidirectional overrides, the status reason phrase included', async () => {
    // Raw bytes: node:http refuses to send such a reason phrase, a hostile server does not.
    const server = createNetServer((socket) =>
      socket.once('data', (request) => {
        const signedIn = /cookie:/i.test(request.toString('latin1'));
        const body = Buffer.from(
          JSON.stringify({
            email: 'Mallory\u202e\u009b2J\u001b]0;pwned\u0007@x.com',
            signature: 'f'.repeat(64),
            helpdeskId: HELPDESK_ID,
          }),
        );
        socket.end(
          Buffer.concat([
            Buffer.from(
              `HTTP/1.1 ${signedIn ? '200 OK' : '418 Nope \u001b[2J'}\r\nContent-Type: application/json\r\n` +
                `Cache-Control: no-store\u009b31m\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
              'latin1',
            ),
            body,
          ]),
        );
      }),
    );
    netServers.push(server);
    const url = await new Promise<string>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)),
    );
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const unprintable = new RegExp('[\\u001b\\u0007\\u009b\\u202e]');
    const teapot = fakeIo({ env });
    expect(await main(['check', url], teapot.io)).toBe(1);
    expect(teapot.all()).toContain('FAIL  status: 418 Nope \\u001b[2J');
    expect(teapot.all()).not.toMatch(unprintable);
    const signedIn = fakeIo({ env });
    expect(await main(['check', url, '-H', 'Cookie: a=b'], signedIn.io)).toBe(1);
    expect(signedIn.all()).toContain('"Mallory\\u202e\\u009b2J\\u001b]0;pwned\\u0007@x.com" is not trimmed');
    expect(signedIn.all()).toContain('Cache-Control: no-store\\u009b31m');
    expect(signedIn.all()).not.toMatch(unprintable);
  });

  it('quotes at most 80 characters of a huge value, then "…"', async () => {
    const huge = 'x'.repeat(300_000);
    const url = await serve((_req, res) => {
      res.writeHead(200, identityHeaders);
      res.end(JSON.stringify({ email: `${huge}@X.com`, signature: 'f'.repeat(64), helpdeskId: huge }));
    });
    const { io, out } = fakeIo({ env });
    expect(await main(['check', url], io)).toBe(1);
    for (const line of out) expect(line.length).toBeLessThan(600);
    expect(out.join('\n')).toContain(`"${'x'.repeat(79)}…`);
  });

  it('says an upper-case hex signature is upper case', async () => {
    const signature = (await signEmail('alice@example.com', SECRET)).toUpperCase();
    const url = await serve((_req, res) => {
      res.writeHead(200, identityHeaders);
      res.end(JSON.stringify({ email: 'alice@example.com', signature, helpdeskId: HELPDESK_ID }));
    });
    const { io, all } = fakeIo({ env });
    expect(await main(['check', url], io)).toBe(1);
    expect(all()).toMatch(
      /FAIL {2}JSON shape: "signature" is upper case hex.*\n {8}fix: Send the hex digest in lower case/,
    );
  });

  it('masks a user:pass@ in the URL it prints', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(401, identityHeaders);
      res.end('{}');
    });
    const { io, all } = fakeIo({ env });
    await main(['check', url.replace('http://', 'http://admin:hunter2@')], io);
    expect(all()).toContain('Checking GET http://***@127.0.0.1:');
    expect(all()).not.toContain('hunter2');
  });

  it('blames the value, not the name, for a line break inside a -H value', async () => {
    const { io, all } = fakeIo({ env });
    expect(await main(['check', 'http://127.0.0.1:9/', '-H', 'Cookie: a=b\r\nX-Evil: 1'], io)).toBe(2);
    expect(all()).toMatch(/the value of the "Cookie" header holds a line break/);
  });

  it('fails an endpoint that reflects any Origin with credentials, and still only warns about a fixed other origin', async () => {
    const signature = await signEmail('alice@example.com', SECRET);
    const endpoint = (cors: (origin: string | undefined) => Record<string, string>) =>
      serve((req, res) => {
        res.writeHead(200, { ...identityHeaders, ...cors(req.headers.origin) });
        res.end(JSON.stringify({ email: 'alice@example.com', signature, helpdeskId: HELPDESK_ID }));
      });
    const reflecting = await endpoint((origin) =>
      origin
        ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' }
        : ({} as Record<string, string>),
    );
    const reflected = fakeIo({ env });
    expect(await main(['check', reflecting], reflected.io)).toBe(1);
    expect(reflected.all()).toMatch(/FAIL {2}no CORS: reflects any Origin with Access-Control-Allow-Credentials: true/);
    expect(reflected.all()).toMatch(/^FAIL: 9 passed, 1 failed/m);

    const fixed = await endpoint(() => ({ 'access-control-allow-origin': 'https://app.example.com' }));
    const other = fakeIo({ env });
    expect(await main(['check', fixed], other.io)).toBe(0);
    expect(other.all()).toMatch(/warn {2}no CORS: Access-Control-Allow-Origin: https:\/\/app\.example\.com/);
  });
});
