import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
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
    expect(stderr).toMatch(
      /\[helpdesky\] helpdesky-react\/server was imported into browser code\. .*must stay on the server/,
    );
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
