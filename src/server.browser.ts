/**
 * What `helpdesky-react/server` resolves to in a browser bundle (the `browser` export
 * condition): an error at import. The HMAC secret must never reach a browser, and neither Vite
 * nor Next.js stops a server module from being bundled for one (Next even polyfills
 * `node:crypto`), so this entry makes the mistake loud instead of silently leaking.
 */
throw new Error(
  '[helpdesky] helpdesky-react/server was imported into browser code. It signs with your ' +
    'HELPDESKY_HMAC_SECRET, which must stay on the server: import it only from server code ' +
    '(an API route, a route handler, a server action, your backend), and in the browser import ' +
    'the component from helpdesky-react.',
);

export {};
