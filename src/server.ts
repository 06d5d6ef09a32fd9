/**
 * `helpdesky-react/server` for Node, Bun and Deno: signing with `node:crypto`. The Web Crypto
 * twin is `server.web.ts`; package.json export conditions pick one. Keep the two identical
 * except for the backend import.
 */
import { nodeCrypto as backend } from './server/nodeCrypto.js';
import { createSignEmail, type SignEmail } from './server/signEmail.js';
import { createVerifySignature, type VerifySignature } from './server/verifySignature.js';
import { createCreateHelpdeskyIdentity, type CreateHelpdeskyIdentity } from './server/createHelpdeskyIdentity.js';
import { createCreateHelpdeskyHandler, type CreateHelpdeskyHandler } from './server/createHelpdeskyHandler.js';

export const signEmail: SignEmail = /* @__PURE__ */ createSignEmail(backend);
export const verifySignature: VerifySignature = /* @__PURE__ */ createVerifySignature(backend, signEmail);
export const createHelpdeskyIdentity: CreateHelpdeskyIdentity = /* @__PURE__ */ createCreateHelpdeskyIdentity(backend);
export const createHelpdeskyHandler: CreateHelpdeskyHandler = /* @__PURE__ */ createCreateHelpdeskyHandler(backend);

export * from './server/shared.js';
