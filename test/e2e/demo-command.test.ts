// `npm run demo`, exactly as the README tells a newcomer to run it: the command starts, prints
// its URL, serves the app and a working identity endpoint on the emulator, and stops on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HELPDESKY_EMULATOR_SECRET } from 'helpdesky-react/testing';
import { close, listen } from '../support/loopback.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let demo: ChildProcess | undefined;
let output = '';

/** Starts `npm run demo` on a free port; resolves with the URL it prints, once it has printed all it prints at start. */
function startDemoCommand(): Promise<string> {
  // Without the Helpdesky variables, so that the demo runs on its emulator.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  for (const name of Object.keys(env)) if (/HELPDESKY_/.test(name)) delete env[name];
  // Its own process group, so that stopping it stops npm and node alike.
  demo = spawn('npm', ['run', 'demo'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm run demo did not print its URL and start-up lines in 30 s:\n${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /helpdesky-react demo: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      // The URL and the lines after it may come in separate chunks: wait for the last one.
      if (url && output.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    demo!.stdout!.on('data', read);
    demo!.stderr!.on('data', read);
    demo!.once('exit', (code) => reject(new Error(`npm run demo exited with ${code}:\n${output}`)));
  });
}

const running = (child: ChildProcess | undefined): child is ChildProcess =>
  !!child && child.exitCode === null && child.signalCode === null;

/** Signals the demo's process group (npm, and node under it); resolves once npm has exited. */
function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = demo;
  if (!running(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, signal);
  });
}

afterAll(async () => {
  if (running(demo)) await stop('SIGKILL');
});

describe('npm run demo', () => {
  it('prints its URL, serves the app and a signed identity on the emulator, and stops on SIGTERM', async () => {
    const url = await startDemoCommand();
    expect(output).toContain('Mode: local Helpdesky emulator');

    const page = await fetch(`${url}/support`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    // Signed out: the identity endpoint says so.
    expect((await fetch(`${url}/api/helpdesky`)).status).toBe(401);

    // Signed in as the untidily stored Alice: a normalized email, signed with the emulator's secret.
    const session = await fetch(`${url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'alice-untidy' }),
    });
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const answer = await fetch(`${url}/api/helpdesky`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const identity = (await answer.json()) as { email: string; signature: string; helpdeskId: string };
    expect(identity.email).toBe('alice@example.com');
    expect(identity.signature).toBe(
      createHmac('sha256', HELPDESKY_EMULATOR_SECRET).update('alice@example.com').digest('hex'),
    );

    const script = await fetch(`${url}/helpdesky-emulator/ticket-center.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');

    // Ctrl+C's cousin: the demo closes its servers, and the port stops answering.
    await stop();
    await expect
      .poll(() =>
        fetch(`${url}/`).then(
          () => 'answering',
          () => 'closed',
        ),
      )
      .toBe('closed');
  }, 60_000);
});

describe('npm run demo on a busy port', () => {
  it('says which port is in use and how to pick another, in one line, with no stack trace', async () => {
    const busy = createServer();
    const origin = await listen(busy);
    const port = new URL(origin).port;
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: port };
      for (const name of Object.keys(env)) if (/HELPDESKY_/.test(name)) delete env[name];
      const child = spawn(process.execPath, ['demo/server.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `[demo] Port ${port} is in use. Run it on another one: PORT=${Number(port) + 1} npm run demo`,
      );
    } finally {
      await close(busy);
    }
  });
});
