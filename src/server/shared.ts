// What both builds of `helpdesky-react/server` export unchanged: a types-and-re-exports barrel.
export { normalizeEmail } from './normalizeEmail.js';
export { readHelpdeskyConfig } from './readHelpdeskyConfig.js';
export { toNodeHandler } from './toNodeHandler.js';
export { HelpdeskyConfigError } from './HelpdeskyConfigError.js';

export type { HelpdeskyIdentity } from '../core/identityContract.js';
export type { HelpdeskyConfigErrorCode } from './HelpdeskyConfigError.js';
export type { HelpdeskyEnv, HelpdeskyLogger } from './config.js';
export type { HelpdeskyConfig, HelpdeskyConfigOverrides } from './readHelpdeskyConfig.js';
export type { SignEmail } from './signEmail.js';
export type { VerifySignature } from './verifySignature.js';
export type { CreateHelpdeskyIdentity, HelpdeskyIdentityOptions } from './createHelpdeskyIdentity.js';
export type {
  CreateHelpdeskyHandler,
  HelpdeskyHandler,
  HelpdeskyHandlerOptions,
  HelpdeskyUser,
} from './createHelpdeskyHandler.js';
export type { NodeHandler, NodeRequestLike, NodeResponseLike } from './toNodeHandler.js';
