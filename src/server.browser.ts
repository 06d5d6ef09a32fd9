/**
 * What `helpdesky-react/server` resolves to in a browser bundle (the `browser` export
 * condition): an error at import. The HMAC secret must never reach a browser, and neither Vite
 * nor Next.js stops a server module from being bundled for one (Next even polyfills
 * `node:crypto`), so this entry makes the mistake loud instead of silently leaking.
 *
 * It exports every run-time name of the server entry, each a stub throwing the same error.
 * Without them, `import { signEmail } from 'helpdesky-react/server'` would fail first with the
 * bundler's "signEmail is not exported" (or a native ES module link error), which says nothing
 * about the secret, and the throw below would never run. package.json lists this file under
 * `sideEffects`, so that a bundler keeps it for a bare `import 'helpdesky-react/server'` too.
 */
import type * as server from './server.js';

const MESSAGE =
  '[helpdesky] helpdesky-react/server was imported into browser code. It signs with your ' +
  'HELPDESKY_HMAC_SECRET, which must stay on the server: import it only from server code ' +
  '(an API route, a route handler, a server action, your backend), and in the browser import ' +
  'the component from helpdesky-react.';

/** What every export of this entry does when called. */
function serverOnly(): never {
  throw new Error(MESSAGE);
}

export const signEmail: typeof server.signEmail = serverOnly;
export const verifySignature: typeof server.verifySignature = serverOnly;
export const createHelpdeskyIdentity: typeof server.createHelpdeskyIdentity = serverOnly;
export const createHelpdeskyHandler: typeof server.createHelpdeskyHandler = serverOnly;
export const normalizeEmail: typeof server.normalizeEmail = serverOnly;
export const readHelpdeskyConfig: typeof server.readHelpdeskyConfig = serverOnly;
export const toNodeHandler: typeof server.toNodeHandler = serverOnly;
// A class, so that `new HelpdeskyConfigError(…)` reaches the same error.
export const HelpdeskyConfigError = class HelpdeskyConfigError {
  constructor() {
    serverOnly();
  }
} as unknown as typeof server.HelpdeskyConfigError;

// At import, before any stub can be called: the reason this entry exists.
throw new Error(MESSAGE);
