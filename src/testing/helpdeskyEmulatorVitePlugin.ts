/**
 * Serves the local Helpdesky emulator (a TEST DOUBLE of helpdesky.io) from Vite's dev and
 * preview servers. Typed structurally, so this package needs no dependency on `vite`.
 */
import type { HelpdeskyEmulator } from './createHelpdeskyEmulator.js';
import {
  helpdeskyEmulatorNodeMiddleware,
  type HelpdeskyEmulatorNodeMiddleware,
} from './helpdeskyEmulatorNodeMiddleware.js';

/** The part of Vite's dev and preview servers the plugin uses. */
interface ServerWithMiddlewares {
  middlewares: { use(middleware: HelpdeskyEmulatorNodeMiddleware): unknown };
}

/** A Vite plugin (structurally: `name`, `configureServer`, `configurePreviewServer`). */
export interface HelpdeskyEmulatorVitePlugin {
  name: string;
  configureServer(server: ServerWithMiddlewares): void;
  configurePreviewServer(server: ServerWithMiddlewares): void;
}

/**
 * A Vite plugin that answers the emulator's routes before Vite's own middlewares. Give the
 * emulator a `basePath` (e.g. `"/__helpdesky"`) so its `/api/verify` cannot shadow your app's.
 *
 * @example
 * // vite.config.ts
 * const emulator = createHelpdeskyEmulator({ basePath: '/__helpdesky' });
 * export default defineConfig({ plugins: [helpdeskyEmulatorVitePlugin(emulator)] });
 * // then <HelpdeskyTicketCenter scriptSrc="/__helpdesky/ticket-center.js" ... />
 */
export function helpdeskyEmulatorVitePlugin(emulator: HelpdeskyEmulator): HelpdeskyEmulatorVitePlugin {
  const middleware = helpdeskyEmulatorNodeMiddleware(emulator);
  return {
    name: 'helpdesky-react:emulator',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
