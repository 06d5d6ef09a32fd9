// Prints the client's size as users ship it, measured the way size-limit does: each import
// bundled and minified by esbuild with process.env.NODE_ENV = "production", gzipped at level 9,
// with react, react-dom and @tanstack/react-query external (the host app has them already).
// The two comparable React adapters are measured the same way in the same run. Exits 1 when the
// Ticket Center import is over its ceiling, when any import reaches server code, or when one
// embed's import carries another's code. The optional stylesheet's size is printed after them.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const GOAL = 2048; // bytes, the Ticket Center import: the design's budget
const CEILING = 4400; // bytes, the Ticket Center import: what CI enforces, so the size cannot creep up unnoticed

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

const ticketCenter = await measure("export { HelpdeskyTicketCenter } from './src/index.ts';");
const contactForm = await measure("export { HelpdeskyContactForm } from './src/index.ts';");
const widget = await measure("export { HelpdeskyWidget } from './src/index.ts';");
const rows = [
  ['import { HelpdeskyTicketCenter }', ticketCenter],
  ['import { HelpdeskyContactForm }', contactForm],
  ['import { HelpdeskyWidget }', widget],
  ["export * from 'helpdesky-react'", await measure("export * from './src/index.ts';")],
  ['react-use-intercom (export *)', await measure("export * from 'react-use-intercom';")],
  ['@livechat/widget-react (export *)', await measure("export * from '@livechat/widget-react';")],
];
for (const [name, { min, gzip }] of rows) {
  console.log(
    `${name.padEnd(36)} ${String(min).padStart(6)} B minified ${String(gzip).padStart(6)} B gzipped  ratio ${(gzip / ticketCenter.gzip).toFixed(2)}`,
  );
}
// The optional stylesheet, minified as a bundler's CSS step would (esbuild), then gzipped.
const css = await build({
  entryPoints: ['src/styles.css'],
  bundle: true,
  minify: true,
  write: false,
  logLevel: 'error',
});
const stylesheet = css.outputFiles[0].contents;
console.log(
  `${"import 'helpdesky-react/styles.css'".padEnd(36)} ${String(stylesheet.length).padStart(6)} B minified ${String(gzipSync(stylesheet, { level: 9 }).length).padStart(6)} B gzipped  (CSS, optional)`,
);
console.log(
  `Ticket Center import: goal ${GOAL} B (${ticketCenter.gzip <= GOAL ? 'met' : `missed by ${ticketCenter.gzip - GOAL} B`}); CI ceiling ${CEILING} B`,
);

// Tree-shaking: an import carries no code of the other embeds (their script URLs mark them).
const others = [
  ['import { HelpdeskyTicketCenter }', ticketCenter, /contact-form\.js|widget\.js/],
  ['import { HelpdeskyContactForm }', contactForm, /ticket-center\.js|widget\.js|queryKey/],
  ['import { HelpdeskyWidget }', widget, /ticket-center\.js|contact-form\.js|queryKey/],
];
for (const [name, { code }, pattern] of others) {
  if (pattern.test(code)) {
    console.error(`${name} carries another embed's code (${code.match(pattern)[0]})`);
    process.exit(1);
  }
}

for (const [name, { code }] of rows.slice(0, 4)) {
  if (/node:crypto|createHmac|subtle\.sign|HELPDESKY_HMAC_SECRET/.test(code)) {
    console.error(`${name} reaches server code`);
    process.exit(1);
  }
}
if (ticketCenter.gzip > CEILING) {
  console.error(`the Ticket Center import is over the ceiling by ${ticketCenter.gzip - CEILING} B`);
  process.exit(1);
}
