import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEmail } from 'helpdesky-react/server';
import {
  BIN,
  HELPDESK_ID,
  SECRET,
  copyFixture,
  packPackage,
  startServerProcess,
  stop,
  type PackedPackage,
} from './helpers.js';

// The same handler, from a packed-like copy of the package resolved through its real export
// map, on each runtime. A runtime that cannot start fails its test (startServerProcess rejects).
let pack: PackedPackage;
const children: ChildProcess[] = [];
let miniflare: Miniflare | undefined;
const env = { ...process.env, HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: HELPDESK_ID, NO_COLOR: '1' };

beforeAll(async () => {
  pack = await packPackage('runtimes');
  await Promise.all(
    ['getUser.mjs', 'bun-server.mjs', 'deno-server.mjs', 'worker.mjs'].map((name) => copyFixture(pack, name)),
  );
});

afterAll(async () => {
  await Promise.all(children.map(stop));
  await miniflare?.dispose();
  await pack?.remove();
});

async function expectContract(base: string): Promise<void> {
  const ok = await fetch(`${base}/api/helpdesky`, {
    headers: { cookie: `user=${encodeURIComponent(' Grace@Example.com')}` },
  });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({
    email: 'grace@example.com',
    signature: await signEmail('grace@example.com', SECRET),
    helpdeskId: HELPDESK_ID,
  });
  expect(ok.headers.get('cache-control')).toBe('private, no-store');
  expect(ok.headers.get('vary')).toBe('Cookie, Authorization');
  expect((await fetch(`${base}/api/helpdesky`)).status).toBe(401);
  expect((await fetch(`${base}/api/helpdesky`, { headers: { cookie: 'user=boom' } })).status).toBe(500);
  const post = await fetch(`${base}/api/helpdesky`, { method: 'POST' });
  expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
}

describe('on Bun (node_modules/.bin/bun)', () => {
  it('resolves the node:crypto build and answers the contract', async () => {
    const server = startServerProcess(join(BIN, 'bun'), ['bun-server.mjs'], { cwd: pack.dir, env });
    children.push(server.child);
    const base = await server.url;
    expect(server.output()).toMatch(/resolved .*\/node_modules\/helpdesky-react\/dist\/server\.js/);
    await expectContract(base);
  }, 30_000);
});

describe('on Deno (node_modules/.bin/deno)', () => {
  it('resolves the node:crypto build and answers the contract', async () => {
    const server = startServerProcess(
      join(BIN, 'deno'),
      ['run', '--quiet', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'deno-server.mjs'],
      { cwd: pack.dir, env: { ...env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(pack.dir, '.deno') } },
    );
    children.push(server.child);
    const base = await server.url;
    expect(server.output()).toMatch(/resolved .*\/node_modules\/helpdesky-react\/dist\/server\.js/);
    await expectContract(base);
  }, 30_000);
});

describe('on Cloudflare workerd (miniflare, node_modules/workerd)', () => {
  it("bundles with workerd's conditions to the Web Crypto build, without node: imports, and answers the contract", async () => {
    // What wrangler does: esbuild with the workerd/worker conditions.
    const result = await build({
      entryPoints: [join(pack.dir, 'worker.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('helpdesky-react/dist/server.web.js'))).toBe(true);
    expect(inputs.some((input) => /dist\/server(\.browser)?\.js$/.test(input))).toBe(false);
    const script = result.outputFiles[0]!.text;
    expect(script).not.toMatch(/["']node:/);

    miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-01-01',
      bindings: { HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: HELPDESK_ID },
      host: '127.0.0.1',
      port: 0,
    });
    const url = await Promise.race([
      miniflare.ready,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('workerd did not start within 20 s')), 20_000),
      ),
    ]);
    await expectContract(url.origin);
  }, 30_000);
});

describe('the packed export map', () => {
  it('lists types first, and the edge conditions before browser and node', async () => {
    const manifest = JSON.parse(await readFile(join(pack.packageDir, 'package.json'), 'utf8'));
    const keys = Object.keys(manifest.exports['./server']);
    expect(keys[0]).toBe('types');
    for (const edge of ['workerd', 'worker', 'edge-light']) {
      expect(keys.indexOf(edge)).toBeLessThan(keys.indexOf('browser'));
      expect(manifest.exports['./server'][edge]).toBe('./dist/server.web.js');
    }
    expect(keys.indexOf('browser')).toBeLessThan(keys.indexOf('node'));
    expect(keys.at(-1)).toBe('default');
  });
});
