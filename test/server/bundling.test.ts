import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { build as viteBuild, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, packPackage, run, type PackedPackage } from './helpers.js';

let pack: PackedPackage;

beforeAll(async () => {
  pack = await packPackage('bundling');
});

afterAll(async () => {
  await pack?.remove();
});

// What signer code looks like in a bundle, whichever build it came from.
const SIGNER = /node:crypto|createHmac|subtle\.sign|HELPDESKY_HMAC_SECRET/;
// The browser entry's error, as the user reads it.
const GUARD = /\[helpdesky\] helpdesky-react\/server was imported into browser code\. .*must stay on the server/;

/** The names an ES module file exports, as esbuild reads them (without running it). */
async function exportedNames(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['node:*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs)[0]!.exports.sort();
}

/**
 * Builds `source` as the only module of a browser app in the consumer project, with Vite's
 * defaults for a client build (its `browser` resolve condition included), and runs the bundle
 * with Node. A build error rejects with Vite's message.
 */
async function viteClientApp(name: string, source: string) {
  const root = join(pack.dir, name);
  await mkdir(root);
  await writeFile(join(root, 'main.js'), source);
  const output = (await viteBuild({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'silent',
    publicDir: false,
    build: { write: false, minify: false, rolldownOptions: { input: join(root, 'main.js') } },
  })) as Rolldown.RolldownOutput;
  const entry = output.output.find((file): file is Rolldown.OutputChunk => file.type === 'chunk' && file.isEntry)!;
  const bundle = join(root, 'bundle.mjs');
  await writeFile(bundle, entry.code);
  return { modules: entry.moduleIds, code: entry.code, ran: await run(process.execPath, [bundle]) };
}

describe('importing helpdesky-react/server into a browser bundle', () => {
  it('resolves to the browser entry, which fails loudly at import saying the secret must stay on the server', async () => {
    const entry = join(pack.dir, 'client-mistake.mjs');
    await writeFile(
      entry,
      "import { signEmail } from 'helpdesky-react/server';\nconsole.log('reached', typeof signEmail);\n",
    );
    const outfile = join(pack.dir, 'client-mistake.bundle.mjs');
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('dist/server.browser.js'))).toBe(true);
    const bundle = await readFile(outfile, 'utf8');
    expect(bundle).not.toMatch(/createHmac|subtle\.sign/);

    const { code, stdout, stderr } = await run(process.execPath, [outfile]);
    expect(code).not.toBe(0);
    expect(stdout).not.toContain('reached');
    expect(stderr).toMatch(GUARD);
  });

  it('exports every run-time name of the server builds, so that a named import links and reaches the error', async () => {
    const browser = await exportedNames(join(pack.packageDir, 'dist', 'server.browser.js'));
    expect(browser).toContain('signEmail');
    expect(browser).toEqual(await exportedNames(join(pack.packageDir, 'dist', 'server.js')));
    // The Web build is the Node build without the Node adapter.
    expect(browser.filter((name) => name !== 'toNodeHandler')).toEqual(
      await exportedNames(join(pack.packageDir, 'dist', 'server.web.js')),
    );
  });

  describe('with Vite, in a client build', () => {
    it('builds `import { signEmail }` into a bundle that throws the error at load, with no signer code', async () => {
      const app = await viteClientApp(
        'vite-named-import',
        "import { signEmail } from 'helpdesky-react/server';\nconsole.log('reached', typeof signEmail);\n",
      );
      expect(app.modules.some((id) => id.endsWith('helpdesky-react/dist/server.browser.js'))).toBe(true);
      expect(app.code).not.toMatch(/createHmac|subtle\.sign/);
      expect(app.ran.code).not.toBe(0);
      expect(app.ran.stdout).not.toContain('reached');
      expect(app.ran.stderr).toMatch(GUARD);
    });

    it("keeps a bare `import 'helpdesky-react/server'` (package.json marks the browser entry as a side effect)", async () => {
      const app = await viteClientApp(
        'vite-bare-import',
        "import 'helpdesky-react/server';\nconsole.log('reached');\n",
      );
      expect(app.ran.code).not.toBe(0);
      expect(app.ran.stdout).not.toContain('reached');
      expect(app.ran.stderr).toMatch(GUARD);
    });
  });
});

describe('the Web Crypto build (workerd, edge)', () => {
  it('does not load the Node adapter: no toNodeHandler, no Node request handling in its module graph', async () => {
    const result = await build({
      entryPoints: [join(pack.packageDir, 'dist', 'server.web.js')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/toNodeHandler|rawHeaders|writeHead/);
    expect(Object.keys(result.metafile.inputs).filter((input) => /toNodeHandler/.test(input))).toEqual([]);
  });
});

describe('the client entry (src/index.ts) in a browser bundle', () => {
  it('never pulls in node:crypto or signer code', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(1);
    expect(inputs.filter((input) => /src\/(server|cli)(\/|\.)/.test(input))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(SIGNER);
  });

  it('(control) the detector does find signer code in the server builds', async () => {
    for (const build of ['server.js', 'server.web.js']) {
      expect(await readFile(join(pack.packageDir, 'dist', build), 'utf8')).toMatch(SIGNER);
    }
  });
});
