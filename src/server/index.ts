// What both builds of `helpdesky-react/server` export unchanged: a types-and-re-exports barrel.
export { normalizeEmail } from './normalizeEmail.js';
export { readHelpdeskyConfig } from './readHelpdeskyConfig.js';
export { HelpdeskyConfigError } from './HelpdeskyConfigError.js';

export type { HelpdeskyIdentity } from '../core/identityContract.js';
export type { HelpdeskyConfigErrorCode } from './HelpdeskyConfigError.js';
export type { HelpdeskyConfig, HelpdeskyEnv, HelpdeskyLogger, HelpdeskyOptions } from './config.js';
export type { HelpdeskyConfigOverrides } from './readHelpdeskyConfig.js';
export type { HelpdeskySecretOption, SignEmail } from './signEmail.js';
export type { VerifySignature } from './verifySignature.js';
export type { CreateHelpdeskyIdentity } from './createHelpdeskyIdentity.js';
export type {
  CreateHelpdeskyHandler,
  HelpdeskyHandler,
  HelpdeskyHandlerOptions,
  HelpdeskyUser,
} from './createHelpdeskyHandler.js';
