import type { ChildProcess } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BIN, ROOT, packPackage, startServerProcess, stop, type PackedPackage } from '../server/helpers.js';
import { BEARER_TOKEN, DENO_RUN, ENV, SESSION_COOKIE, expectIdentityEndpoint, overHttp } from './contract.js';

// Each recipe file runs as a user runs it: copied next to a packed-like copy of the package (in
// the system temp dir, so that Bun cannot follow this repo's tsconfig paths to src/), on the
// runtime itself. A runtime that cannot start fails its test.
let pack: PackedPackage;
const children: ChildProcess[] = [];
let miniflare: Miniflare | undefined;
const env = { ...process.env, ...ENV, HOST: '127.0.0.1', PORT: '0', NO_COLOR: '1' };

beforeAll(async () => {
  pack = await packPackage('recipes');
  await Promise.all(
    ['bun', 'deno', 'cloudflare-workers'].map((name) =>
      cp(join(ROOT, 'examples', 'recipes', name), join(pack.dir, name), { recursive: true }),
    ),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all(children.map(stop));
  await miniflare?.dispose();
  await pack?.remove();
});

describe('the Bun recipe (examples/recipes/bun/server.ts)', () => {
  it('answers the identity endpoint on node_modules/.bin/bun', async () => {
    const server = startServerProcess(join(BIN, 'bun'), ['server.ts'], { cwd: join(pack.dir, 'bun'), env });
    children.push(server.child);
    await expectIdentityEndpoint(overHttp(await server.url), SESSION_COOKIE);
  }, 30_000);
});

describe('the Deno recipe (examples/recipes/deno/server.ts)', () => {
  it('answers the identity endpoint on node_modules/.bin/deno, with the documented permissions', async () => {
    const server = startServerProcess(join(BIN, 'deno'), DENO_RUN, {
      cwd: join(pack.dir, 'deno'),
      env: { ...env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(pack.dir, '.deno') },
    });
    children.push(server.child);
    await expectIdentityEndpoint(overHttp(await server.url), BEARER_TOKEN);
  }, 30_000);
});

describe('the Cloudflare Workers recipe (examples/recipes/cloudflare-workers/worker.ts)', () => {
  it("answers the identity endpoint on workerd (miniflare), configured from the Worker's env", async () => {
    // What wrangler does: esbuild with the workerd/worker conditions.
    const result = await build({
      entryPoints: [join(pack.dir, 'cloudflare-workers', 'worker.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      write: false,
      logLevel: 'silent',
    });
    miniflare = new Miniflare({
      modules: true,
      script: result.outputFiles[0]!.text,
      compatibilityDate: '2025-01-01',
      bindings: ENV,
      host: '127.0.0.1',
      port: 0,
    });
    const url = await Promise.race([
      miniflare.ready,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('workerd did not start within 20 s')), 20_000),
      ),
    ]);
    await expectIdentityEndpoint(overHttp(url.origin), SESSION_COOKIE);
  }, 30_000);
});
