'use client';
export { HelpdeskyTicketCenter } from './react/HelpdeskyTicketCenter.js';
export type {
  HelpdeskyTicketCenterProps,
  HelpdeskyTicketCenterEndpointProps,
  HelpdeskyTicketCenterSignedProps,
  HelpdeskyTicketCenterOptions,
  HelpdeskyTicketCenterState,
  HelpdeskyErrorFallbackProps,
} from './react/HelpdeskyTicketCenter.js';
export { HelpdeskyContactForm } from './react/HelpdeskyContactForm.js';
export type { HelpdeskyContactFormProps } from './react/HelpdeskyContactForm.js';
export { HelpdeskyWidget } from './react/HelpdeskyWidget.js';
export type { HelpdeskyWidgetProps } from './react/HelpdeskyWidget.js';
export { useHelpdeskyIdentity } from './react/useHelpdeskyIdentity.js';
export type { UseHelpdeskyIdentityOptions } from './react/useHelpdeskyIdentity.js';
export { helpdeskyIdentityQueryOptions } from './react/helpdeskyIdentityQueryOptions.js';
export type { HelpdeskyIdentityOptions } from './react/helpdeskyIdentityQueryOptions.js';
export { preloadHelpdeskyTicketCenter } from './react/preloadHelpdeskyTicketCenter.js';
export type { PreloadHelpdeskyTicketCenterOptions } from './react/preloadHelpdeskyTicketCenter.js';
export { resetHelpdeskyIdentity } from './react/resetHelpdeskyIdentity.js';
export { defaultHelpdeskyMessages } from './react/helpdeskyMessages.js';
export type { HelpdeskyMessages } from './react/helpdeskyMessages.js';
export { HelpdeskyError } from './core/HelpdeskyError.js';
export type { HelpdeskyErrorCode } from './core/HelpdeskyError.js';
export type { HelpdeskyFetchOptions } from './core/fetchHelpdeskyIdentity.js';
export type { HelpdeskyIdentity } from './core/identityContract.js';
