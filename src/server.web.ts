/**
 * `helpdesky-react/server` for workerd and edge runtimes: signing with Web Crypto. `server.ts` is
 * the same file on `node:crypto`, plus the Node adapter; package.json export conditions pick one.
 */
import * as backend from './server/webCrypto.js';
import * as sign from './server/signEmail.js';
import * as verify from './server/verifySignature.js';
import * as identity from './server/createHelpdeskyIdentity.js';
import * as handler from './server/createHelpdeskyHandler.js';

export const signEmail: sign.SignEmail = (email, secret) => sign.signEmail(backend, email, secret);
export const verifySignature: verify.VerifySignature = (email, signature, secret) =>
  verify.verifySignature(backend, email, signature, secret);
export const createHelpdeskyIdentity: identity.CreateHelpdeskyIdentity = (email, options) =>
  identity.createHelpdeskyIdentity(backend, email, options);
export const createHelpdeskyHandler: handler.CreateHelpdeskyHandler = (options) =>
  handler.createHelpdeskyHandler(backend, options);

export * from './server/index.js';
