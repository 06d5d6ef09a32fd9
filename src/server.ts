/**
 * `helpdesky-react/server` for Node, Bun and Deno: signing with `node:crypto`, and the Node
 * adapter. `server.web.ts` is the same file on Web Crypto, without the adapter; package.json
 * export conditions pick one.
 */
import * as backend from './server/nodeCrypto.js';
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

export { toNodeHandler } from './server/node/toNodeHandler.js';
export type {
  NodeHandler,
  NodeHandlerOptions,
  NodeRequestLike,
  NodeResponseLike,
} from './server/node/toNodeHandler.js';
export * from './server/index.js';
