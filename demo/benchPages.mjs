// The two server-rendered pages of `npm run bench:browser`: the vendor's plain-HTML snippet baked
// into the page (the floor: the script is in the HTML from the start), and the Ticket Center
// given an identity signed while the page renders. The demo server signs before it answers, as
// an app's server asks its auth first; both pages take the same identity latency L.
import { createElement, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';

/** Records, from navigation start, when the emulator's first conversation appears: the same probe on every bench page. */
export const PANEL_PROBE = `<script>
new MutationObserver(function (_, observer) {
  if (!document.querySelector('#hdh-ticket-center article h3')) return;
  observer.disconnect();
  window.__panelAt = performance.now();
}).observe(document.documentElement, { childList: true, subtree: true });
</script>`;

const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The vendor's documented snippet: the container, then the script tag with the identity. */
export function floorPage({ identity, scriptSrc }) {
  const attributes = {
    src: scriptSrc,
    'data-helpdesk-id': identity.helpdeskId,
    'data-email': identity.email,
    'data-signature': identity.signature,
    'data-container': 'hdh-ticket-center',
  };
  const tag = Object.entries(attributes)
    .map(([name, value]) => `${name}="${escapeAttribute(value)}"`)
    .join(' ');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>bench: plain HTML</title><link rel="icon" href="data:," />${PANEL_PROBE}</head>
  <body>
    <div id="hdh-ticket-center"></div>
    <script ${tag}></script>
  </body>
</html>`;
}

/**
 * The Ticket Center rendered on the server with `identity`, in `template` (bench-signed.html
 * after Vite's transform); the client entry hydrates it with the same props.
 */
export function signedPage({ identity, scriptSrc, template, HelpdeskyTicketCenter }) {
  const props = { identity, scriptSrc };
  const markup = renderToString(createElement(StrictMode, null, createElement(HelpdeskyTicketCenter, props)));
  // React 19 puts its preload() hint first when it renders no <head>: it goes in the head here.
  const [, hints, app] = /^((?:<link [^>]*>)*)([\s\S]*)$/.exec(markup);
  const json = JSON.stringify(props).replace(/</g, '\\u003c');
  return template
    .replace('<!-- bench-head -->', () => `${hints}${PANEL_PROBE}`)
    .replace('<!-- bench-app -->', () => app)
    .replace('<!-- bench-props -->', () => `<script type="application/json" id="bench-props">${json}</script>`);
}
