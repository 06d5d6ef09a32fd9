// helpdesky-react/testing: the local Helpdesky emulator, a TEST DOUBLE of helpdesky.io, for
// testing an integration offline: its ticket-center.js, contact-form.js and widget.js, and the
// verification and messages APIs behind them. Nothing here runs in production code paths.
export { createHelpdeskyEmulator } from './testing/createHelpdeskyEmulator.js';
export type {
  HelpdeskyEmulator,
  HelpdeskyEmulatorBehaviour,
  HelpdeskyEmulatorContactMessage,
  HelpdeskyEmulatorFailure,
  HelpdeskyEmulatorMessageFailure,
  HelpdeskyEmulatorMessageRefused,
  HelpdeskyEmulatorOptions,
  HelpdeskyEmulatorRefused,
  HelpdeskyEmulatorRequestRecord,
  HelpdeskyEmulatorScript,
  HelpdeskyEmulatorVerified,
} from './testing/createHelpdeskyEmulator.js';
export {
  HELPDESKY_EMULATOR_HELPDESK_ID,
  HELPDESKY_EMULATOR_SECRET,
  HELPDESKY_EMULATOR_USERS,
} from './testing/emulatorDefaults.js';
export type {
  HelpdeskyEmulatorConversation,
  HelpdeskyEmulatorMessage,
  HelpdeskyEmulatorUser,
} from './testing/emulatorDefaults.js';
export { HELPDESKY_EMULATOR_GLOBAL, HELPDESKY_EMULATOR_ROOT_ATTRIBUTE } from './testing/emulatorScript.js';
export { HELPDESKY_EMULATOR_WIDGET_ATTRIBUTE } from './testing/emulatorWidgetScript.js';
export { helpdeskyEmulatorNodeMiddleware } from './testing/helpdeskyEmulatorNodeMiddleware.js';
export type { HelpdeskyEmulatorNodeMiddleware } from './testing/helpdeskyEmulatorNodeMiddleware.js';
export { helpdeskyEmulatorVitePlugin } from './testing/helpdeskyEmulatorVitePlugin.js';
export type { HelpdeskyEmulatorVitePlugin } from './testing/helpdeskyEmulatorVitePlugin.js';
export { helpdeskyEmulatorHandlers } from './testing/helpdeskyEmulatorHandlers.js';
export type { MswHttpNamespace } from './testing/helpdeskyEmulatorHandlers.js';
