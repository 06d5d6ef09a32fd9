// Prints the client entry's size as users ship it: bundled and minified by esbuild with
// process.env.NODE_ENV = "production", gzipped at level 9, with react, react-dom and
// @tanstack/react-query external (the host app has them already). The two comparable React
// adapters are measured the same way in the same run. Exits 1 over the ceiling.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const TARGET = 2000; // bytes: the design's budget
const CEILING = 3000; // bytes: what CI enforces, so the size cannot creep up unnoticed

async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'],
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return { code: Buffer.from(code).toString(), min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const ours = await measure("export * from './src/index.ts';");
const rows = [
  ['helpdesky-react (client entry)', ours],
  ['react-use-intercom', await measure("export * from 'react-use-intercom';")],
  ['@livechat/widget-react', await measure("export * from '@livechat/widget-react';")],
];
for (const [name, { min, gzip }] of rows) {
  console.log(
    `${name.padEnd(32)} ${String(min).padStart(6)} B minified ${String(gzip).padStart(6)} B gzipped  ratio ${(gzip / ours.gzip).toFixed(2)}`,
  );
}
console.log(
  `target ${TARGET} B (${ours.gzip <= TARGET ? 'met' : `missed by ${ours.gzip - TARGET} B`}); CI ceiling ${CEILING} B`,
);

if (/node:crypto|createHmac|subtle\.sign|HELPDESKY_HMAC_SECRET/.test(ours.code)) {
  console.error('the client entry reaches server code');
  process.exit(1);
}
if (ours.gzip > CEILING) {
  console.error(`over the ceiling by ${ours.gzip - CEILING} B`);
  process.exit(1);
}
