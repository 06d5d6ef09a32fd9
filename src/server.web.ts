/**
 * `helpdesky-react/server` for workerd and edge runtimes: signing with Web Crypto. The node:crypto
 * twin is `server.ts`; package.json export conditions pick one. Keep the two identical
 * except for the backend import.
 */
import { webCrypto as backend } from './server/webCrypto.js';
import { createSignEmail, type SignEmail } from './server/signEmail.js';
import { createVerifySignature, type VerifySignature } from './server/verifySignature.js';
import { createCreateHelpdeskyIdentity, type CreateHelpdeskyIdentity } from './server/createHelpdeskyIdentity.js';
import { createCreateHelpdeskyHandler, type CreateHelpdeskyHandler } from './server/createHelpdeskyHandler.js';

export const signEmail: SignEmail = /* @__PURE__ */ createSignEmail(backend);
export const verifySignature: VerifySignature = /* @__PURE__ */ createVerifySignature(backend, signEmail);
export const createHelpdeskyIdentity: CreateHelpdeskyIdentity = /* @__PURE__ */ createCreateHelpdeskyIdentity(backend);
export const createHelpdeskyHandler: CreateHelpdeskyHandler = /* @__PURE__ */ createCreateHelpdeskyHandler(backend);

export * from './server/shared.js';
