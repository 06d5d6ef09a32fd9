// Secrets never reach the browser: the demo's client bundle, built with the secret in the
// environment (also under a public VITE_ name), holds no trace of it; and the server, started
// with the public copy, warns at start-up naming that variable.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { HELPDESKY_EMULATOR_HELPDESK_ID, HELPDESKY_EMULATOR_SECRET } from 'helpdesky-react/testing';
import { startDemo } from '../../demo/server.mjs';

const SECRET = `hdh_secret_${randomBytes(24).toString('hex')}`;
const demoConfig = fileURLToPath(new URL('../../demo/vite.config.mjs', import.meta.url));
const outDirs: string[] = [];

afterAll(async () => {
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs a production `vite build` with `env` added to process.env; returns every emitted file. */
async function buildWith(env: Record<string, string>, config: InlineConfig = { configFile: demoConfig }) {
  const outDir = await mkdtemp(join(tmpdir(), 'helpdesky-demo-build-'));
  outDirs.push(outDir);
  const saved = { ...process.env };
  Object.assign(process.env, env, { NODE_ENV: 'production' });
  try {
    await build({
      ...config,
      mode: 'production',
      logLevel: 'silent',
      build: { ...config.build, outDir, emptyOutDir: true },
    });
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
  const files = await readdir(outDir, { recursive: true, withFileTypes: true });
  return Promise.all(
    files
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { name: path.slice(outDir.length + 1), bytes: await readFile(path) };
      }),
  );
}

const holding = (files: { name: string; bytes: Buffer }[], value: string) =>
  files.filter((file) => file.bytes.includes(value)).map((file) => file.name);

describe('the demo’s client bundle', () => {
  it('holds no trace of HELPDESKY_HMAC_SECRET', async () => {
    const files = await buildWith({
      HELPDESKY_HMAC_SECRET: SECRET,
      HELPDESKY_HELPDESK_ID: HELPDESKY_EMULATOR_HELPDESK_ID,
    });
    const names = files.map((file) => file.name);
    expect(names).toContain('index.html');
    expect(names.some((name) => /^assets\/.+\.js$/.test(name))).toBe(true);
    // It is the real app: the component and its wiring are in there.
    expect(holding(files, 'ticket-center').length).toBeGreaterThan(0);
    expect(holding(files, SECRET)).toEqual([]);
    // Nor the emulator's secret: the test double stays on the server.
    expect(holding(files, HELPDESKY_EMULATOR_SECRET)).toEqual([]);
  });

  it('holds no trace of it either with VITE_HELPDESKY_HMAC_SECRET set: the client never reads it', async () => {
    const files = await buildWith({ HELPDESKY_HMAC_SECRET: SECRET, VITE_HELPDESKY_HMAC_SECRET: SECRET });
    expect(files.length).toBeGreaterThan(1);
    expect(holding(files, SECRET)).toEqual([]);
  });

  it('(control) would hold it if any client code read import.meta.env.VITE_HELPDESKY_HMAC_SECRET', async () => {
    const files = await buildWith(
      { VITE_HELPDESKY_HMAC_SECRET: SECRET },
      {
        configFile: false,
        root: fileURLToPath(new URL('../../demo/', import.meta.url)),
        plugins: [
          {
            name: 'careless-app-code',
            resolveId: (id) => (id === 'virtual:careless' ? '\0careless' : undefined),
            load: (id) =>
              id === '\0careless' ? 'console.log(import.meta.env.VITE_HELPDESKY_HMAC_SECRET);' : undefined,
          },
        ],
        build: { rolldownOptions: { input: 'virtual:careless' } },
      },
    );
    expect(holding(files, SECRET).length).toBe(1);
  });
});

describe('the demo server', () => {
  async function startupWarnings(env: Record<string, string>) {
    const lines: string[] = [];
    const log = {
      warn: (...args: unknown[]) => lines.push(args.join(' ')),
      error: (...args: unknown[]) => lines.push(args.join(' ')),
    };
    const demo = await startDemo({ env, log });
    try {
      return { mode: demo.mode, lines };
    } finally {
      await demo.close();
    }
  }

  it('warns at start-up, naming VITE_HELPDESKY_HMAC_SECRET, and never prints the secret', async () => {
    const { mode, lines } = await startupWarnings({
      HELPDESKY_HMAC_SECRET: SECRET,
      HELPDESKY_HELPDESK_ID: HELPDESKY_EMULATOR_HELPDESK_ID,
      VITE_HELPDESKY_HMAC_SECRET: SECRET,
    });
    expect(mode).toBe('helpdesky');
    expect(lines).toEqual([expect.stringContaining('VITE_HELPDESKY_HMAC_SECRET is set on this server')]);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it("with the account's variables set, serves the real helpdesky.io script and signs with that account's secret", async () => {
    const helpdeskId = '0b6c8a52-3f1e-4d27-9a40-5c7e21d3f9ab';
    const demo = await startDemo({
      env: { HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: helpdeskId },
      log: { warn: () => {}, error: () => {} },
    });
    try {
      expect(demo.mode).toBe('helpdesky');
      expect(demo.emulator).toBeNull();
      const page = await (await fetch(`${demo.url}/support`)).text();
      const config = JSON.parse(/<script type="application\/json" id="demo-config">(.*?)<\/script>/.exec(page)![1]!);
      expect(config).toMatchObject({ mode: 'helpdesky', scriptSrc: 'https://helpdesky.io/ticket-center.js' });
      expect(page).not.toContain(SECRET);

      const session = await fetch(`${demo.url}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'alice' }),
      });
      const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
      const identity = await (await fetch(`${demo.url}/api/helpdesky`, { headers: { cookie } })).json();
      expect(identity).toEqual({
        email: 'alice@example.com',
        signature: createHmac('sha256', SECRET).update('alice@example.com').digest('hex'),
        helpdeskId,
      });
      // No emulator in this mode: its script is not served.
      const emulated = await fetch(`${demo.url}/helpdesky-emulator/ticket-center.js`);
      expect(emulated.headers.get('content-type') ?? '').not.toContain('javascript');
    } finally {
      await demo.close();
    }
  });

  it('says nothing when the secret is only where it belongs', async () => {
    const { lines } = await startupWarnings({
      HELPDESKY_HMAC_SECRET: SECRET,
      HELPDESKY_HELPDESK_ID: HELPDESKY_EMULATOR_HELPDESK_ID,
    });
    expect(lines).toEqual([]);
  });
});
