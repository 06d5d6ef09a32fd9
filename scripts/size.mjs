// Prints the client entry's size as users ship it: bundled and minified by esbuild with
// process.env.NODE_ENV = "production", gzipped at level 9, with react, react-dom and
// @tanstack/react-query external (the host app has them already). Exits 1 over budget.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const BUDGET = 2000; // bytes, minified + gzipped
const entry = process.argv[2] ?? 'src/index.ts';

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'],
  logLevel: 'warning',
});
const code = result.outputFiles[0].contents;
const gzip = gzipSync(code, { level: 9 }).length;

console.log(`client entry (${entry}): ${code.length} B minified, ${gzip} B minified + gzipped (budget ${BUDGET} B)`);
if (/node:crypto|createHmac|subtle/.test(Buffer.from(code).toString())) {
  console.error('the client entry reaches signing code');
  process.exit(1);
}
if (gzip > BUDGET) {
  console.error(`over budget by ${gzip - BUDGET} B`);
  process.exit(1);
}
